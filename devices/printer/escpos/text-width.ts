/**
 * Column arithmetic for receipt text. On 80 mm paper the normal font (12×24 dots) gives 48 columns; a
 * Chinese-market printer prints every GB double-byte code with a 24-dot glyph, so any non-ASCII character
 * takes 2 columns (receiptline measures the same way), combining marks and zero-width characters take 0.
 */

/** Columns of the normal font on 80 mm paper (576 dots / 12 dots). */
export const COLUMNS_80MM = 48;
/** Dots per column of the normal font. */
export const DOTS_PER_COLUMN = 12;

const MARK = /^\p{M}$/u;
const ZERO_WIDTH = new Set([0x200b, 0x200c, 0x200d, 0x200e, 0x200f, 0x2060, 0x2061, 0x2062, 0x2063, 0x2064, 0xfeff]);
const CONTROL = /\p{Cc}/gu;

/** Width in columns of one code point (a string of one or two UTF-16 units). */
export function charWidth(char: string): number {
  const cp = char.codePointAt(0) ?? 0;
  if (cp >= 0x20 && cp < 0x7f) return 1;
  if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) return 0;
  if (ZERO_WIDTH.has(cp) || MARK.test(char)) return 0;
  // Halfwidth katakana/hangul and halfwidth symbols are the only narrow forms outside ASCII.
  if ((cp >= 0xff61 && cp <= 0xffdc) || (cp >= 0xffe8 && cp <= 0xffee)) return 1;
  return 2;
}

export function textWidth(text: string): number {
  let width = 0;
  for (const char of text) width += charWidth(char);
  return width;
}

/**
 * Replaces control characters with spaces so that text from applicant data can never smuggle printer
 * commands (ESC, GS, DLE …) into the byte stream. Line feeds are kept when `keepNewlines` is set.
 */
export function printableText(text: string, keepNewlines = false): string {
  return text.replace(CONTROL, (c) => (keepNewlines && c === '\n' ? c : c === '\r' ? '' : ' '));
}

// Kinsoku shori: no line may start with closing punctuation or end with opening punctuation.
const NO_LINE_START = new Set(Array.from('、。，．：；？！）」』】〕〉》’”…·,.;:!?)]}%'));
const NO_LINE_END = new Set(Array.from('（「『【〔〈《‘“([{'));

/** A code point plus the zero-width characters that follow it, so a line never starts with a mark. */
export function clusters(text: string): string[] {
  const out: string[] = [];
  for (const char of text) {
    if (out.length > 0 && charWidth(char) === 0) out[out.length - 1] += char;
    else out.push(char);
  }
  return out;
}

function canBreakBetween(before: string, after: string): boolean {
  if (before.startsWith(' ')) return !after.startsWith(' ');
  if (NO_LINE_START.has(after.slice(0, 1)) || NO_LINE_END.has(before.slice(0, 1))) return false;
  // Chinese breaks between any two characters; Latin words only at spaces.
  return textWidth(before) >= 2 || textWidth(after) >= 2;
}

/**
 * Breaks one paragraph into lines of at most `columns` columns (a single character wider than that gets a
 * line of its own). Breaks after spaces and around wide characters when it can, anywhere between code points
 * when it must; never inside a surrogate pair or before a combining mark. `lines.join('')` is the input.
 */
export function wrap(text: string, columns: number): string[] {
  if (!Number.isInteger(columns) || columns < 1) throw new RangeError('"columns" must be a positive integer');
  const parts = clusters(text);
  const lines: string[] = [];
  let start = 0;
  let width = 0;
  let lastBreak = -1;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] ?? '';
    const w = textWidth(part);
    // A second round is needed when what is carried over plus this character still does not fit.
    while (width + w > columns && i > start) {
      const cut = lastBreak > start ? lastBreak : i;
      lines.push(parts.slice(start, cut).join(''));
      start = cut;
      width = textWidth(parts.slice(start, i).join(''));
      lastBreak = -1;
      for (let k = i - 1; k > start; k--) {
        if (canBreakBetween(parts[k - 1] ?? '', parts[k] ?? '')) {
          lastBreak = k;
          break;
        }
      }
    }
    width += w;
    const next = parts[i + 1];
    if (next !== undefined && canBreakBetween(part, next)) lastBreak = i + 1;
  }
  lines.push(parts.slice(start).join(''));
  return lines;
}

/** Pads `text` with spaces to exactly `columns` columns (text wider than that is returned unchanged). */
export function padEnd(text: string, columns: number): string {
  return text + ' '.repeat(Math.max(0, columns - textWidth(text)));
}

export function padStart(text: string, columns: number): string {
  return ' '.repeat(Math.max(0, columns - textWidth(text))) + text;
}
