/**
 * Typing on the on-screen keyboard: the text so far, the pinyin letters being composed into Chinese, which
 * keys show (pinyin, Latin letters, digits and symbols) and which page of candidates. Candidates themselves
 * come from core's dictionary (core/pinyin); this module only says what each key does.
 */

/** A candidate and how many of the composed letters it stands for. */
export interface PinyinCandidate {
  readonly text: string;
  readonly letters: number;
}

/** Core's answer: `available` is false when it has no dictionary (the keyboard says so; other keys work). */
export interface PinyinAnswer {
  readonly available: boolean;
  readonly candidates: readonly PinyinCandidate[];
}

export type KeyboardMode = 'pinyin' | 'latin' | 'symbols';

export interface KeyboardState {
  readonly text: string;
  /** Pinyin typed and not yet turned into Chinese. */
  readonly letters: string;
  readonly mode: KeyboardMode;
  /** The page of candidates showing (CANDIDATES_PER_PAGE each). */
  readonly page: number;
}

export const CANDIDATES_PER_PAGE = 8;
/** The longest pinyin one composition takes (a long name, syllable after syllable). */
const MAX_LETTERS = 40;

export const LETTER_ROWS: readonly string[] = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm'];
export const SYMBOL_ROWS: readonly string[] = ['1234567890', '-·()（）#@', '，。、：；,./'];

export function startKeyboard(text: string): KeyboardState {
  return { text, letters: '', mode: 'pinyin', page: 0 };
}

function append(text: string, more: string, maxLength: number): string {
  return Array.from(text + more).slice(0, maxLength).join('');
}

/** A letter key: composed in pinyin mode, typed as it is in Latin mode. */
export function typeLetter(state: KeyboardState, letter: string, maxLength: number): KeyboardState {
  if (state.mode === 'pinyin') {
    return state.letters.length >= MAX_LETTERS ? state : { ...state, letters: state.letters + letter, page: 0 };
  }
  return { ...state, text: append(state.text, letter, maxLength) };
}

/** A digit or symbol key: what is being composed stays as typed (Latin), then the character. */
export function typeCharacter(state: KeyboardState, char: string, maxLength: number): KeyboardState {
  return { ...state, text: append(state.text, state.letters + char, maxLength), letters: '', page: 0 };
}

/** A candidate chosen: its characters are typed, the letters it stood for are used up, the rest stay. */
export function pick(state: KeyboardState, candidate: PinyinCandidate, maxLength: number): KeyboardState {
  return { ...state, text: append(state.text, candidate.text, maxLength), letters: state.letters.slice(candidate.letters), page: 0 };
}

/** Space: picks the first candidate while composing (as every pinyin keyboard does), else a space. */
export function space(state: KeyboardState, first: PinyinCandidate | undefined, maxLength: number): KeyboardState {
  if (state.letters !== '') return first ? pick(state, first, maxLength) : typeCharacter(state, '', maxLength);
  return { ...state, text: append(state.text, ' ', maxLength) };
}

/** Backspace: the last letter being composed, else the last character (a rare one is one character). */
export function backspace(state: KeyboardState): KeyboardState {
  if (state.letters !== '') return { ...state, letters: state.letters.slice(0, -1), page: 0 };
  return { ...state, text: Array.from(state.text).slice(0, -1).join('') };
}

/** Switching keys: letters being composed are kept as typed, so nothing typed is lost. */
export function setMode(state: KeyboardState, mode: KeyboardMode, maxLength: number): KeyboardState {
  return { ...typeCharacter(state, '', maxLength), mode };
}

export function pageCount(candidates: readonly PinyinCandidate[]): number {
  return Math.max(1, Math.ceil(candidates.length / CANDIDATES_PER_PAGE));
}

export function turnPage(state: KeyboardState, step: 1 | -1, candidates: readonly PinyinCandidate[]): KeyboardState {
  return { ...state, page: Math.min(pageCount(candidates) - 1, Math.max(0, state.page + step)) };
}

export function pageOf(state: KeyboardState, candidates: readonly PinyinCandidate[]): readonly PinyinCandidate[] {
  return candidates.slice(state.page * CANDIDATES_PER_PAGE, (state.page + 1) * CANDIDATES_PER_PAGE);
}
