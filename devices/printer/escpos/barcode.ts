/**
 * 1-D barcode data for `GS k` function B. Numbering 65–73 is the one receiptline's table confirms; kiosk
 * printers with other numbering need their own map (research §A.4). CODE128 data carries its code-set
 * selector: `{C` for even-length digit strings, `{B` for printable ASCII (literal `{` doubled), `{A` when
 * control characters are needed.
 */
import { DLE, ENQ, EOT } from './commands.ts';

export type Symbology = 'upc-a' | 'upc-e' | 'ean13' | 'ean8' | 'code39' | 'itf' | 'codabar' | 'code93' | 'code128';

export const SYMBOLOGY_CODES: Readonly<Record<Symbology, number>> = {
  'upc-a': 65,
  'upc-e': 66,
  ean13: 67,
  ean8: 68,
  code39: 69,
  itf: 70,
  codabar: 71,
  code93: 72,
  code128: 73,
};

export function symbologyOf(m: number): Symbology | undefined {
  return (Object.keys(SYMBOLOGY_CODES) as Symbology[]).find((s) => SYMBOLOGY_CODES[s] === m);
}

const PATTERNS: Readonly<Record<Exclude<Symbology, 'code128' | 'code93'>, RegExp>> = {
  'upc-a': /^\d{11,12}$/,
  'upc-e': /^(\d{6,8}|\d{11,12})$/,
  ean13: /^\d{12,13}$/,
  ean8: /^\d{7,8}$/,
  code39: /^[0-9A-Z $%+\-./]+$/,
  itf: /^(\d\d)+$/,
  codabar: /^[A-D][0-9$+\-./:]*[A-D]$/,
};

const CODE_A = 0x41;
const CODE_B = 0x42;
const CODE_C = 0x43;
const BRACE = 0x7b;

/** True when the bytes contain a real-time command (DLE EOT n / DLE ENQ n) a printer would act on. */
function containsRealtimeCommand(bytes: readonly number[]): boolean {
  for (let i = 0; i + 2 < bytes.length; i++) {
    if (bytes[i] === DLE && (bytes[i + 1] === EOT || bytes[i + 1] === ENQ) && (bytes[i + 2] ?? 0) >= 1 && (bytes[i + 2] ?? 0) <= 4) return true;
  }
  return false;
}

export function code128Data(text: string): Uint8Array {
  const codes = Array.from(text, (c) => c.codePointAt(0) ?? 0);
  if (codes.length === 0) throw new RangeError('CODE128 data must not be empty');
  if (/^(\d\d)+$/.test(text)) {
    const pairs: number[] = [];
    for (let i = 0; i < text.length; i += 2) pairs.push(Number(text.slice(i, i + 2)));
    // Code set C sends each digit pair as one binary byte, which could form DLE EOT n; set B cannot.
    if (!containsRealtimeCommand(pairs)) return Uint8Array.from([BRACE, CODE_C, ...pairs]);
  }
  if (codes.every((c) => c >= 0x20 && c <= 0x7e)) {
    return Uint8Array.from([BRACE, CODE_B, ...codes.flatMap((c) => (c === BRACE ? [BRACE, BRACE] : [c]))]);
  }
  if (codes.every((c) => c <= 0x5f)) return Uint8Array.from([BRACE, CODE_A, ...codes]);
  throw new RangeError('CODE128 data must be ASCII, with control characters only alongside A-set characters');
}

/** Symbology-encoded `GS k` data; throws a RangeError for data the symbology cannot carry. */
export function barcodeData(symbology: Symbology, text: string): Uint8Array {
  if (symbology === 'code93' ? !/^[ -~]+$/.test(text) : symbology !== 'code128' && !PATTERNS[symbology].test(text)) {
    throw new RangeError(`data not valid for ${symbology}`);
  }
  const bytes = symbology === 'code128' ? code128Data(text) : Uint8Array.from(Array.from(text, (c) => c.codePointAt(0) ?? 0));
  if (bytes.length > 255) throw new RangeError('barcode data must be at most 255 bytes');
  return bytes;
}

/** Human-readable content of `GS k` data, as the printer's HRI would show it; never throws. */
export function decodeBarcodeData(symbology: Symbology | undefined, bytes: Uint8Array): string {
  if (symbology !== 'code128') return String.fromCharCode(...bytes);
  let set = CODE_B;
  let out = '';
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] ?? 0;
    if (b === BRACE && i + 1 < bytes.length) {
      const next = bytes[++i] ?? 0;
      if (next === BRACE) out += '{';
      else if (next === CODE_A || next === CODE_B || next === CODE_C) set = next;
      // Other `{x` pairs are FNC/shift characters with no text.
      continue;
    }
    out += set === CODE_C ? String(b % 100).padStart(2, '0') : String.fromCharCode(b);
  }
  return out;
}
