import { useEffect, useRef, useState } from 'preact/hooks';
import { moveInGrid } from '../../grid-focus.ts';
import {
  backspace,
  LETTER_ROWS,
  pageCount,
  pageOf,
  pick,
  setMode,
  space,
  startKeyboard,
  SYMBOL_ROWS,
  turnPage,
  typeCharacter,
  typeLetter,
  type KeyboardMode,
  type KeyboardState,
  type PinyinCandidate,
} from '../../transaction/pinyin-entry.ts';
import type { Ui } from '../session/ui.ts';

export interface OnScreenKeyboardProps {
  readonly ui: Ui;
  readonly text: string;
  readonly maxLength: number;
  readonly onText: (text: string) => void;
}

const MODES: readonly KeyboardMode[] = ['pinyin', 'latin', 'symbols'];

/**
 * The kiosk's own keyboard for text questions: pinyin composed into Chinese from core's dictionary, Latin
 * letters, digits and symbols, backspace and space, all big buttons. Touch taps them; a keypad moves across
 * them with the arrows (row by row) and presses with Enter. The browser host has no OS keyboard at all.
 */
export function OnScreenKeyboard({ ui, text, maxLength, onText }: OnScreenKeyboardProps) {
  const { t } = ui;
  const [state, setState] = useState<KeyboardState>(() => startKeyboard(text));
  const [candidates, setCandidates] = useState<readonly PinyinCandidate[]>([]);
  /** False once core says it has no dictionary: the keyboard says so instead of offering candidates. */
  const [pinyinAvailable, setPinyinAvailable] = useState(true);
  const grid = useRef<HTMLDivElement>(null);
  /**
   * A picked candidate's button goes away with it: the focus moves to the next candidate while letters are
   * left, else back to the letter key last pressed, so a keypad user goes on from where they are.
   */
  const lastKey = useRef<HTMLElement | null>(null);
  const refocus = useRef(false);
  // Typed in the box beside (a physical keyboard): the keyboard goes on from that text.
  if (text !== state.text && state.letters === '') setState({ ...state, text });

  const update = (next: KeyboardState) => {
    setState(next);
    if (next.text !== state.text) onText(next.text);
  };

  // The dictionary loads in core when the first keyboard opens, not at the first letter.
  useEffect(() => void ui.pinyin('').then((answer) => setPinyinAvailable(answer.available)), []);
  useEffect(() => {
    if (!refocus.current || (state.letters !== '' && candidates.length === 0)) return;
    refocus.current = false;
    (grid.current?.querySelector<HTMLElement>('.osk-candidate') ?? lastKey.current)?.focus();
  }, [candidates]);
  useEffect(() => {
    if (state.letters === '') return setCandidates([]);
    let current = true;
    void ui.pinyin(state.letters).then((answer) => {
      if (!current) return;
      setPinyinAvailable(answer.available);
      setCandidates(answer.candidates);
    });
    return () => {
      current = false;
    };
  }, [state.letters]);

  const rows = state.mode === 'symbols' ? SYMBOL_ROWS : LETTER_ROWS;
  const shown = pageOf(state, candidates);
  const pages = pageCount(candidates);
  return (
    <div class="osk" role="group" aria-label={t('osk.label')} ref={grid} onKeyDown={(event) => grid.current && moveInGrid(grid.current, event)}>
      <p class="osk-composition" aria-live="polite">
        {state.letters ? (
          <>
            {t('osk.composing')} <span class="osk-letters" lang="en">{state.letters}</span>
          </>
        ) : (
          t(state.mode === 'pinyin' && !pinyinAvailable ? 'osk.pinyinUnavailable' : `osk.mode.${state.mode}`)
        )}
      </p>
      {state.mode === 'pinyin' && pinyinAvailable && (
        <div class="osk-candidates" role="group" aria-label={t('osk.candidates')}>
          <button type="button" class="key osk-page" aria-label={t('osk.previousPage')} onClick={() => setState(turnPage(state, -1, candidates))}>
            ‹
          </button>
          {shown.map((candidate) => (
            <button key={`${state.page}-${candidate.text}`} type="button" class="key osk-candidate" lang="zh-CN" onClick={(event) => {
                refocus.current = event.currentTarget === document.activeElement;
                update(pick(state, candidate, maxLength));
              }}
            >
              {candidate.text}
            </button>
          ))}
          <span class="osk-page-count" aria-hidden="true">
            {shown.length > 0 ? `${state.page + 1}/${pages}` : ''}
          </span>
          <button type="button" class="key osk-page" aria-label={t('osk.nextPage')} onClick={() => setState(turnPage(state, 1, candidates))}>
            ›
          </button>
        </div>
      )}
      {rows.map((row) => (
        <div key={row} class="osk-row">
          {Array.from(row).map((char) => {
            const letter = state.mode !== 'symbols';
            const shownChar = state.mode === 'latin' ? char.toUpperCase() : char;
            return (
              <button
                key={char}
                type="button"
                class="key osk-key"
                onClick={(event) => {
                  lastKey.current = event.currentTarget;
                  update(letter ? typeLetter(state, shownChar, maxLength) : typeCharacter(state, char, maxLength));
                }}
              >
                {shownChar}
              </button>
            );
          })}
        </div>
      ))}
      <div class="osk-row osk-controls">
        {MODES.map((mode) => (
          <button key={mode} type="button" class="key osk-mode" aria-pressed={state.mode === mode} onClick={() => update(setMode(state, mode, maxLength))}>
            {t(`osk.modeKey.${mode}`)}
          </button>
        ))}
        <button type="button" class="key osk-space" onClick={() => update(space(state, candidates[0], maxLength))}>
          {t('osk.space')}
        </button>
        <button type="button" class="key osk-backspace" onClick={() => update(backspace(state))}>
          {t('osk.backspace')}
        </button>
      </div>
    </div>
  );
}
