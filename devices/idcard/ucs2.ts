/**
 * Fixed-width UTF-16LE (UCS-2) text fields as the ID card stores them: right-padded with spaces
 * (`20 00`). Decoding trims only trailing spaces and NULs, because foreign names contain inner spaces.
 */

const decoder = new TextDecoder('utf-16le');
const SPACE_PAD = [0x20, 0x00] as const;

/** Decodes `length` bytes at `offset` and strips the trailing padding. */
export function decodeUcs2Field(bytes: Uint8Array, offset: number, length: number): string {
  return trimPadding(decoder.decode(bytes.subarray(offset, offset + length)));
}

export function trimPadding(text: string): string {
  return text.replace(/[ \0]+$/, '');
}

/** A block of `length` bytes filled with the space padding. */
export function spaceFilled(length: number): Uint8Array {
  const out = new Uint8Array(length);
  for (let i = 0; i + 1 < length; i += 2) out.set(SPACE_PAD, i);
  return out;
}

/** Writes `text` into a space-padded field; overlong text is a programmer error (validate first). */
export function writeUcs2Field(target: Uint8Array, offset: number, length: number, text: string): void {
  if (text.length * 2 > length) throw new RangeError(`"${text}" needs ${text.length * 2} bytes, the field has ${length}`);
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    target[offset + 2 * i] = unit & 0xff;
    target[offset + 2 * i + 1] = unit >> 8;
  }
  target.set(spaceFilled(length - text.length * 2), offset + text.length * 2);
}
