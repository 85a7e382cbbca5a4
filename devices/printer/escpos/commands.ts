/**
 * The ESC/POS commands the kiosk sends, one function each, returning fresh bytes. Values follow the tables
 * of the device research (escpos-scanners-serial.md §A); parameters our own code gets wrong throw a
 * RangeError here rather than producing a stream a printer would misread.
 */
import { bytesPerRow, type MonoBitmap } from './bitmap.ts';

export const LF = 0x0a;
export const ESC = 0x1b;
export const FS = 0x1c;
export const GS = 0x1d;
export const DLE = 0x10;
export const EOT = 0x04;
export const ENQ = 0x05;

export type Align = 'left' | 'center' | 'right';
export type QrEcc = 'L' | 'M' | 'Q' | 'H';
export type HriPosition = 'none' | 'above' | 'below' | 'both';
export type RealtimeStatusKind = 1 | 2 | 3 | 4;

export const ALIGN_CODES: Readonly<Record<Align, number>> = { left: 0, center: 1, right: 2 };
export const QR_ECC_CODES: Readonly<Record<QrEcc, number>> = { L: 0x30, M: 0x31, Q: 0x32, H: 0x33 };
export const HRI_CODES: Readonly<Record<HriPosition, number>> = { none: 0, above: 1, below: 2, both: 3 };
/** GS ( k fn 180: pL + 256·pH = k + 3 must stay within 4..7092. */
export const QR_MAX_DATA_BYTES = 7089;
/** GS v 0 rows per command: the research's safe heuristic for small receive buffers. */
export const RASTER_MAX_ROWS = 256;

function checkByte(name: string, value: number, min = 0, max = 255): number {
  if (!Number.isInteger(value) || value < min || value > max) throw new RangeError(`"${name}" must be an integer in ${min}..${max}`);
  return value;
}

/** ESC @ — clears the print buffer and resets modes. */
export function initialize(): Uint8Array {
  return Uint8Array.of(ESC, 0x40);
}

/** ESC t n — n = 0 is PC437, sent before every GB18030 run as receiptline does. */
export function selectCodeTable(n: number): Uint8Array {
  return Uint8Array.of(ESC, 0x74, checkByte('n', n));
}

/** FS & — bytes ≥ 0x81 are GB double-byte codes from here on. */
export function chineseModeOn(): Uint8Array {
  return Uint8Array.of(FS, 0x26);
}

/** FS . — back to single-byte code table characters. */
export function chineseModeOff(): Uint8Array {
  return Uint8Array.of(FS, 0x2e);
}

/** ESC a n — effective only at the start of a line. */
export function selectAlign(align: Align): Uint8Array {
  return Uint8Array.of(ESC, 0x61, ALIGN_CODES[align]);
}

/** ESC E n — emphasised (bold). */
export function emphasis(on: boolean): Uint8Array {
  return Uint8Array.of(ESC, 0x45, on ? 1 : 0);
}

/** GS ! n — n = ((width − 1) << 4) | (height − 1), both 1..8; applies to Chinese glyphs too. */
export function characterSize(width: number, height: number): Uint8Array {
  return Uint8Array.of(GS, 0x21, ((checkByte('width', width, 1, 8) - 1) << 4) | (checkByte('height', height, 1, 8) - 1));
}

export function lineFeed(): Uint8Array {
  return Uint8Array.of(LF);
}

/** ESC d n — print the buffer and feed n lines. */
export function feedLines(n: number): Uint8Array {
  return Uint8Array.of(ESC, 0x64, checkByte('n', n));
}

/** GS V 66 n — feed to the cutter (+ n motion units) then partial cut, so the last line is not cut off. */
export function partialCutWithFeed(n = 0): Uint8Array {
  return Uint8Array.of(GS, 0x56, 0x42, checkByte('n', n));
}

/** GS V 65 n — as above with a full cut (many printers only cut partially anyway). */
export function fullCutWithFeed(n = 0): Uint8Array {
  return Uint8Array.of(GS, 0x56, 0x41, checkByte('n', n));
}

function qrFunction(fn: number, params: readonly number[]): Uint8Array {
  const length = params.length + 2;
  return Uint8Array.of(GS, 0x28, 0x6b, length & 0xff, length >> 8, 0x31, fn, ...params);
}

/** GS ( k fn 165 — model 2 is the normal QR code. */
export function qrSelectModel(model: 1 | 2 = 2): Uint8Array {
  return Uint8Array.of(GS, 0x28, 0x6b, 0x04, 0x00, 0x31, 0x41, model === 1 ? 0x31 : 0x32, 0x00);
}

/** GS ( k fn 167 — dots per module, 1..16. */
export function qrModuleSize(dots: number): Uint8Array {
  return qrFunction(0x43, [checkByte('dots', dots, 1, 16)]);
}

/** GS ( k fn 169 */
export function qrErrorCorrection(ecc: QrEcc): Uint8Array {
  return qrFunction(0x45, [QR_ECC_CODES[ecc]]);
}

/** GS ( k fn 180 — pL/pH count the encoded BYTES plus 3, never JS string length. */
export function qrStoreData(data: Uint8Array): Uint8Array {
  if (data.length < 1 || data.length > QR_MAX_DATA_BYTES) throw new RangeError(`QR data must be 1..${QR_MAX_DATA_BYTES} bytes`);
  const length = data.length + 3;
  const out = new Uint8Array(8 + data.length);
  out.set([GS, 0x28, 0x6b, length & 0xff, length >> 8, 0x31, 0x50, 0x30]);
  out.set(data, 8);
  return out;
}

/** GS ( k fn 181 — print the stored symbol. */
export function qrPrint(): Uint8Array {
  return qrFunction(0x51, [0x30]);
}

/** GS ( k fn 182 — ask for the stored symbol's size (block reply). */
export function qrTransmitSize(): Uint8Array {
  return qrFunction(0x52, [0x30]);
}

/** GS h n — bar height in dots. */
export function barcodeHeight(dots: number): Uint8Array {
  return Uint8Array.of(GS, 0x68, checkByte('dots', dots, 1, 255));
}

/** GS w n — module width; 2..6 on most printers, 1 on a few. */
export function barcodeModuleWidth(dots: number): Uint8Array {
  return Uint8Array.of(GS, 0x77, checkByte('dots', dots, 1, 6));
}

/** GS H n — where the human-readable text goes. */
export function barcodeHriPosition(position: HriPosition): Uint8Array {
  return Uint8Array.of(GS, 0x48, HRI_CODES[position]);
}

/** GS k m n d1..dn — function B (m = 65..73); `data` is already symbology-encoded (see barcode.ts). */
export function printBarcode(m: number, data: Uint8Array): Uint8Array {
  checkByte('m', m, 65, 79);
  if (data.length < 1 || data.length > 255) throw new RangeError('barcode data must be 1..255 bytes');
  const out = new Uint8Array(4 + data.length);
  out.set([GS, 0x6b, m, data.length]);
  out.set(data, 4);
  return out;
}

/** GS v 0 m xL xH yL yH d… — x = bytes per row, y = rows; callers chunk tall images (RASTER_MAX_ROWS). */
export function rasterImage(bitmap: MonoBitmap, mode: 0 | 1 | 2 | 3 = 0): Uint8Array {
  const x = bytesPerRow(bitmap.width);
  const y = bitmap.height;
  if (x < 1 || x > 0xffff || y < 1 || y > 0xffff) throw new RangeError('raster image must be 1..65535 bytes wide and rows high');
  const out = new Uint8Array(8 + x * y);
  out.set([GS, 0x76, 0x30, mode, x & 0xff, x >> 8, y & 0xff, y >> 8]);
  out.set(bitmap.data.subarray(0, x * y), 8);
  return out;
}

/** DLE EOT n — real-time status, answered with one byte even while offline. */
export function realtimeStatusRequest(n: RealtimeStatusKind): Uint8Array {
  return Uint8Array.of(DLE, EOT, n);
}

/** DLE ENQ n — 1: recover and resume from the error line; 2: recover after clearing the buffers. */
export function realtimeRecover(n: 1 | 2): Uint8Array {
  return Uint8Array.of(DLE, ENQ, n);
}

/** GS a n — Automatic Status Back: bit0 drawer, bit1 on/offline, bit2 error, bit3 paper; 0 disables. */
export function autoStatusBack(n: number): Uint8Array {
  return Uint8Array.of(GS, 0x61, checkByte('n', n));
}

/** GS r n — processed in buffer order, so a trailing `GS r 1` is the "job done" fence. */
export function transmitStatus(n: 1 | 2 = 1): Uint8Array {
  return Uint8Array.of(GS, 0x72, n);
}
