/**
 * Chinese text for a GB18030 printer (research §A.10): ASCII goes as is, every run of characters GB18030
 * encodes in two bytes is preceded by `ESC t 0` + `FS &`, as receiptline does. Characters that need four
 * bytes (CJK Ext-A/B name characters such as 𠮷) or cannot be encoded are not in most printer fonts: the
 * caller prints such lines as raster images instead, so nothing is ever printed as `?`.
 *
 * No `FS .` after a run: ASCII prints the same in Chinese mode and we never send single-byte codes ≥ 0x80,
 * so leaving Chinese mode on is harmless (receiptline does the same; the research does not ask for it).
 */
import iconv from 'iconv-lite';
import { chineseModeOn, selectCodeTable } from './commands.ts';

export type CharClass = 'ascii' | 'double' | 'raster';

const doubleBytes = new Map<string, Uint8Array | null>();

/** The two GB18030 bytes of a character, or null when it takes four bytes or none. */
function gbDouble(char: string): Uint8Array | null {
  let bytes = doubleBytes.get(char);
  if (bytes === undefined) {
    const encoded = iconv.encode(char, 'gb18030');
    bytes = encoded.length === 2 ? Uint8Array.from(encoded) : null;
    doubleBytes.set(char, bytes);
  }
  return bytes;
}

export function classifyChar(char: string): CharClass {
  const cp = char.codePointAt(0) ?? 0;
  if (cp < 0x80) return 'ascii';
  return gbDouble(char) ? 'double' : 'raster';
}

/** True when the text holds a character the printer font cannot print. */
export function needsRaster(text: string): boolean {
  for (const char of text) if (classifyChar(char) === 'raster') return true;
  return false;
}

/** Bytes for text without raster characters (check `needsRaster` first; a RangeError otherwise). */
export function encodeGbText(text: string): Uint8Array {
  const out: number[] = [];
  let inRun = false;
  for (const char of text) {
    const cp = char.codePointAt(0) ?? 0;
    if (cp < 0x80) {
      out.push(cp);
      inRun = false;
      continue;
    }
    const bytes = gbDouble(char);
    if (!bytes) throw new RangeError(`U+${cp.toString(16).toUpperCase()} needs a raster line`);
    if (!inRun) out.push(...selectCodeTable(0), ...chineseModeOn());
    out.push(...bytes);
    inRun = true;
  }
  return Uint8Array.from(out);
}
