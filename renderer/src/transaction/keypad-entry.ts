/**
 * Entry on the on-screen numeric keypad (and a physical one): which keys a field offers, what each key does
 * to the text, and the value the text stands for.
 */
import type { FieldView } from '../../../core/contract/transaction-view.ts';

export type ExtraKey = 'X' | '.' | ':';
export type KeypadKey = '0' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9' | ExtraKey | 'delete' | 'clear';

type KeypadField = Pick<FieldView, 'type' | 'validation'>;

/**
 * The key beside 0: X for ID numbers (GB 11643 check character), the decimal point for numbers that may
 * have a fraction (not a count: the catalog's `decimals: 0`), the colon where the field's pattern has one
 * (a time, hh:mm).
 */
export function extraKey(field: KeypadField): ExtraKey | null {
  if (field.type === 'id-number') return 'X';
  if (field.type === 'number') return field.validation?.decimals === 0 ? null : '.';
  return field.validation?.pattern?.includes(':') ? ':' : null;
}

export function maxLength(field: KeypadField): number {
  if (field.validation?.maxLength !== undefined) return field.validation.maxLength;
  if (field.type === 'id-number') return 18;
  if (field.type === 'phone') return 11;
  return 24;
}

/** What `key` does to `text`; keys the field does not offer change nothing. */
export function pressKey(field: KeypadField, text: string, key: KeypadKey): string {
  if (key === 'delete') return text.slice(0, -1);
  if (key === 'clear') return '';
  if (text.length >= maxLength(field)) return text;
  if (/^\d$/.test(key)) return fractionFull(field, text) ? text : text + key;
  if (key !== extraKey(field)) return text;
  if (key === 'X') return text.length === 17 ? text + key : text;
  if (key === '.') return text.includes('.') ? text : (text || '0') + key;
  return text + key;
}

/** A number already has as many digits after its point as the catalog allows. */
function fractionFull(field: KeypadField, text: string): boolean {
  const decimals = field.validation?.decimals;
  const point = text.indexOf('.');
  return field.type === 'number' && decimals !== undefined && point !== -1 && text.length - point - 1 >= decimals;
}

/**
 * The keypad's text, and whether it still shows an answer found wrong: the next digit starts a new answer
 * in its place (a keypad has no selection to type over), while delete edits the wrong one.
 */
export interface KeypadEntry {
  readonly text: string;
  readonly replacing: boolean;
}

export function enterKey(field: KeypadField, entry: KeypadEntry, key: KeypadKey): KeypadEntry {
  const from = entry.replacing && key !== 'delete' ? '' : entry.text;
  return { text: pressKey(field, from, key), replacing: false };
}

/** Typed or pasted text kept to what the keypad itself could have entered. */
export function filterTyped(field: KeypadField, typed: string): string {
  let text = '';
  for (const char of typed.toUpperCase()) {
    if (/^[\dX.:]$/.test(char)) text = pressKey(field, text, char as KeypadKey);
  }
  return text;
}

/** The value to send: a number for number fields (null if the text is not one yet), else the text. */
export function keypadValue(field: KeypadField, text: string): string | number | null {
  if (text === '') return null;
  if (field.type !== 'number') return text;
  const value = Number(text);
  return Number.isFinite(value) && !text.endsWith('.') ? value : null;
}
