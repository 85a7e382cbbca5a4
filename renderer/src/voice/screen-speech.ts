/**
 * What a screen says aloud, read from its DOM so it never drifts from what is shown: the heading (the
 * screen's or open dialog's accessible name), its purpose (`.lead` paragraphs and its accessible description;
 * a dialog's paragraphs), what it announces (alert and status regions) and what can be pressed or chosen, by
 * accessible name. Left out: the session header (who is served), controls inside a `group` (keypad digits,
 * date steppers), anything hidden, and anything in `[data-private]` or that looks like personal data.
 */
import { isSpeakable } from '../../../core/contract/voice.ts';

/** A control as spoken: its name, and whether it is the chosen one (a checked radio, a pressed toggle). */
export interface SpokenControl {
  readonly name: string;
  readonly chosen: boolean;
}

export interface ScreenParts {
  readonly heading: string;
  readonly leads: readonly string[];
  readonly notices: readonly string[];
  readonly options: readonly SpokenControl[];
}

export interface ScreenReading {
  /** Changes when another screen, question or dialog is shown (or the language changes). */
  readonly key: string;
  readonly parts: ScreenParts;
}

export const CONTROLS = 'button, a[href], [role="radio"], [role="checkbox"], [role="switch"], input[type="checkbox"], input[type="radio"]';
/** A card's name inside a large button (bundle-name, item-name …): said instead of all the card's facts. */
const CARD_NAME = '[class$="-name"], [class*="-name "]';
const HIDDEN = '[aria-hidden="true"], [hidden], [inert], [data-private]';
/** A name with something to say: not a digit or a sign alone. */
const WORDS = /[\p{L}]/u;

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** The visible text of an element, without what is hidden from assistive technology or private. */
function visibleText(node: Node): string {
  if (node.nodeType === Node.TEXT_NODE) return node.textContent ?? '';
  if (!(node instanceof Element) || node.matches(HIDDEN)) return '';
  const parts = Array.from(node.childNodes, visibleText);
  // Blocks and spaced inline items (chips, facts) are separate words when read.
  return parts.join(' ');
}

/** Text of the elements an aria-labelledby / aria-describedby names. */
function referenced(element: Element, attribute: string): string {
  const ids = element.getAttribute(attribute)?.split(/\s+/).filter(Boolean) ?? [];
  return collapse(ids.map((id) => element.ownerDocument.getElementById(id)).map((el) => (el ? visibleText(el) : '')).join(' '));
}

/** The accessible name, as far as the kiosk's own markup needs: labelledby, label, then content. */
export function accessibleName(element: Element): string {
  return referenced(element, 'aria-labelledby') || collapse(element.getAttribute('aria-label') ?? '') || collapse(visibleText(element));
}

function shown(element: Element): boolean {
  return !element.closest(HIDDEN) && (element as HTMLElement).getClientRects().length > 0;
}

/** A control as spoken, or null when it has nothing to say (a digit key) or looks private. */
export function spokenControl(element: Element): SpokenControl | null {
  const card = element.querySelector(CARD_NAME);
  const name = card && !element.matches('[aria-label], [aria-labelledby]') ? collapse(visibleText(card)) : accessibleName(element);
  if (!WORDS.test(name) || !isSpeakable(name)) return null;
  const chosen = element.getAttribute('aria-checked') === 'true' || element.getAttribute('aria-pressed') === 'true' || (element as HTMLInputElement).checked === true;
  return { name, chosen };
}

function speakable(texts: readonly string[]): string[] {
  const seen = new Set<string>();
  return texts.filter((text) => text !== '' && isSpeakable(text) && !seen.has(text) && seen.add(text));
}

/** The screen or the open dialog, what it says and offers; null while nothing is on screen. */
export function readScreen(doc: Document): ScreenReading | null {
  const dialog = doc.querySelector('[role="dialog"], [role="alertdialog"]');
  const root = dialog ?? doc.querySelector('main');
  if (!root) return null;
  const heading = accessibleName(root.matches('[aria-labelledby]') ? root : (root.querySelector('h1, h2') ?? root));
  const leadElements = Array.from(root.querySelectorAll(dialog ? 'p' : '.lead')).filter(shown);
  const leads = [referenced(root, 'aria-describedby'), ...leadElements.map((el) => collapse(visibleText(el)))];
  const notices = Array.from(root.querySelectorAll('[role="alert"], [role="status"]'))
    .filter((el) => shown(el) && !leadElements.some((lead) => el === lead || el.contains(lead) || lead.contains(el)) && !el.querySelector('h1, h2'))
    .map((el) => collapse(visibleText(el)));
  const names = new Set<string>();
  const options = Array.from(root.querySelectorAll(CONTROLS))
    .filter((el) => shown(el) && !el.matches(':disabled') && !el.closest('[role="group"]'))
    .map(spokenControl)
    .filter((control): control is SpokenControl => control !== null && !names.has(control.name) && Boolean(names.add(control.name)));
  const parts: ScreenParts = {
    heading: speakable([heading])[0] ?? '',
    leads: speakable(leads).filter((lead) => lead !== heading),
    notices: speakable(notices),
    options,
  };
  const key = [dialog ? 'dialog' : 'screen', doc.documentElement.lang, root.className, root.getAttribute('data-field') ?? '', heading].join('|');
  return { key, parts };
}

export interface SpeechWords {
  /** "可以选择：{{list}}" */
  readonly options: (list: string) => string;
  /** "{{name}}（已选）" */
  readonly chosen: (name: string) => string;
  /** Between the items of a list: "；" or "; " (items may hold commas of their own). */
  readonly separator: string;
  /** Ends a sentence that has no ending of its own: "。" or ".". */
  readonly period: string;
}

const ENDED = /[。！？.!?：:；;]$/;

/** One utterance from a screen's parts, each sentence ended. */
export function composeSpeech(parts: ScreenParts, words: SpeechWords): string {
  const options = parts.options.map((option) => (option.chosen ? words.chosen(option.name) : option.name));
  const sentences = [parts.heading, ...parts.leads, ...parts.notices, options.length > 0 ? words.options(options.join(words.separator)) : ''];
  return sentences
    .filter((sentence) => sentence !== '')
    .map((sentence) => (ENDED.test(sentence) ? sentence : sentence + words.period))
    .join(' ');
}
