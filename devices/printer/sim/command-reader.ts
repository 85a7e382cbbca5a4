/**
 * Splits the byte stream a printer receives into commands, one at a time, like a printer's command
 * interpreter: a command whose parameters have not all arrived yet means 'wait'. Commands we do not know
 * take their introducer and one byte, the rest prints as text, as on a real printer. Pure; never throws.
 */
import iconv from 'iconv-lite';
import { DLE, ENQ, EOT, ESC, FS, GS } from '../escpos/commands.ts';

export type SimCommand =
  | { readonly op: 'text'; readonly text: string; readonly double: boolean }
  /** A 4-byte GB18030 code: most printer fonts have no glyph for it. */
  | { readonly op: 'unsupported-char' }
  | { readonly op: 'lf' }
  | { readonly op: 'ht' }
  | { readonly op: 'init' }
  | { readonly op: 'code-table'; readonly n: number }
  | { readonly op: 'chinese'; readonly on: boolean }
  | { readonly op: 'align'; readonly n: number }
  | { readonly op: 'bold'; readonly on: boolean }
  | { readonly op: 'size'; readonly n: number }
  | { readonly op: 'print-mode'; readonly n: number }
  | { readonly op: 'feed-lines'; readonly n: number }
  | { readonly op: 'feed-dots' }
  | { readonly op: 'cut'; readonly full: boolean }
  | { readonly op: 'qr'; readonly fn: number; readonly params: Uint8Array }
  | { readonly op: 'barcode-height'; readonly n: number }
  | { readonly op: 'barcode-width'; readonly n: number }
  | { readonly op: 'hri'; readonly n: number }
  | { readonly op: 'barcode'; readonly m: number; readonly data: Uint8Array }
  | { readonly op: 'raster'; readonly widthBytes: number; readonly height: number; readonly data: Uint8Array }
  | { readonly op: 'transmit-status'; readonly n: number }
  | { readonly op: 'asb'; readonly n: number }
  | { readonly op: 'info'; readonly n: number }
  /** DLE EOT / DLE ENQ: already acted on when the bytes arrived. */
  | { readonly op: 'realtime' }
  /** A known command with no effect on the simulated paper. */
  | { readonly op: 'ignored' }
  /** Bytes that are no command and no text. */
  | { readonly op: 'garbage' };

export type ReadResult = { readonly length: number; readonly command: SimCommand } | 'wait';

export interface ReaderLimits {
  /** Longest command accepted (the receive buffer): a longer one could never complete, so its header is
   * taken as garbage instead of stalling the printer. */
  readonly maxCommandBytes: number;
}

/** Parameter counts of the fixed-length commands we parse but do not simulate. */
const IGNORED_ESC: Readonly<Record<number, number>> = {
  0x20: 1, 0x2d: 1, 0x7b: 1, 0x4d: 1, 0x33: 1, 0x32: 0, 0x52: 1, 0x63: 2, 0x70: 3, 0x47: 1, 0x56: 1, 0x55: 1, 0x24: 2, 0x5c: 2, 0x72: 1, 0x3d: 1, 0x25: 1, 0x3f: 1, 0x65: 1,
};
const IGNORED_GS: Readonly<Record<number, number>> = { 0x42: 1, 0x4c: 2, 0x57: 2, 0x66: 1, 0x2f: 1, 0x62: 1, 0x50: 2, 0x24: 2, 0x5c: 2, 0x54: 1 };
const IGNORED_FS: Readonly<Record<number, number>> = { 0x43: 1, 0x21: 1, 0x2d: 1, 0x57: 1, 0x53: 2, 0x70: 2 };

const CP437_HIGH = iconv.decode(Uint8Array.from({ length: 128 }, (_, i) => 0x80 + i), 'cp437');
const CP1252_HIGH = iconv.decode(Uint8Array.from({ length: 128 }, (_, i) => 0x80 + i), 'windows-1252');

const ok = (length: number, command: SimCommand): ReadResult => ({ length, command });

/** Parameters of a fixed-length command, or 'wait'. */
function fixed(buf: Uint8Array, pos: number, params: number, make: (p: Uint8Array) => SimCommand): ReadResult {
  if (pos + 2 + params > buf.length) return 'wait';
  return ok(2 + params, make(buf.subarray(pos + 2, pos + 2 + params)));
}

function readEsc(buf: Uint8Array, pos: number, limits: ReaderLimits): ReadResult {
  const c = buf[pos + 1];
  if (c === undefined) return 'wait';
  const p0 = (p: Uint8Array) => p[0] ?? 0;
  switch (c) {
    case 0x40:
      return ok(2, { op: 'init' });
    case 0x74:
      return fixed(buf, pos, 1, (p) => ({ op: 'code-table', n: p0(p) }));
    case 0x61:
      return fixed(buf, pos, 1, (p) => ({ op: 'align', n: p0(p) }));
    case 0x45:
      return fixed(buf, pos, 1, (p) => ({ op: 'bold', on: (p0(p) & 1) === 1 }));
    case 0x21:
      return fixed(buf, pos, 1, (p) => ({ op: 'print-mode', n: p0(p) }));
    case 0x64:
      return fixed(buf, pos, 1, (p) => ({ op: 'feed-lines', n: p0(p) }));
    case 0x4a:
      return fixed(buf, pos, 1, () => ({ op: 'feed-dots' }));
    case 0x69:
      return ok(2, { op: 'cut', full: true });
    case 0x6d:
      return ok(2, { op: 'cut', full: false });
    case 0x2a: {
      // ESC * m nL nH: column image, 1 or 3 bytes per column.
      if (pos + 5 > buf.length) return 'wait';
      const columns = (buf[pos + 3] ?? 0) + 256 * (buf[pos + 4] ?? 0);
      const length = 5 + columns * ((buf[pos + 2] ?? 0) >= 32 ? 3 : 1);
      if (length > limits.maxCommandBytes) return ok(2, { op: 'garbage' });
      return pos + length > buf.length ? 'wait' : ok(length, { op: 'ignored' });
    }
  }
  const params = IGNORED_ESC[c];
  return params === undefined ? ok(2, { op: 'garbage' }) : fixed(buf, pos, params, () => ({ op: 'ignored' }));
}

/** GS ( x pL pH …: every such command carries its own length. */
function readGsParen(buf: Uint8Array, pos: number, limits: ReaderLimits): ReadResult {
  if (pos + 5 > buf.length) return 'wait';
  const length = (buf[pos + 3] ?? 0) + 256 * (buf[pos + 4] ?? 0);
  if (5 + length > limits.maxCommandBytes) return ok(3, { op: 'garbage' });
  if (pos + 5 + length > buf.length) return 'wait';
  const body = buf.subarray(pos + 5, pos + 5 + length);
  if (buf[pos + 2] === 0x6b && body[0] === 0x31 && length >= 2) return ok(5 + length, { op: 'qr', fn: body[1] ?? 0, params: body.slice(2) });
  return ok(5 + length, { op: 'ignored' });
}

function readBarcode(buf: Uint8Array, pos: number): ReadResult {
  const m = buf[pos + 2];
  if (m === undefined) return 'wait';
  if (m <= 6) {
    // Function A: data up to a NUL.
    const end = buf.indexOf(0, pos + 3);
    if (end < 0) return buf.length - pos > 258 ? ok(3, { op: 'garbage' }) : 'wait';
    return ok(end - pos + 1, { op: 'barcode', m, data: buf.slice(pos + 3, end) });
  }
  if (m >= 65 && m <= 79) {
    const n = buf[pos + 3];
    if (n === undefined || pos + 4 + n > buf.length) return 'wait';
    return ok(4 + n, { op: 'barcode', m, data: buf.slice(pos + 4, pos + 4 + n) });
  }
  return ok(3, { op: 'garbage' });
}

function readRaster(buf: Uint8Array, pos: number, limits: ReaderLimits): ReadResult {
  if (buf[pos + 2] === undefined) return 'wait';
  if (buf[pos + 2] !== 0x30) return ok(2, { op: 'garbage' });
  if (pos + 8 > buf.length) return 'wait';
  const mode = buf[pos + 3] ?? 0;
  const widthBytes = (buf[pos + 4] ?? 0) + 256 * (buf[pos + 5] ?? 0);
  const height = (buf[pos + 6] ?? 0) + 256 * (buf[pos + 7] ?? 0);
  const size = widthBytes * height;
  if ((mode & ~0x33) !== 0 || size === 0 || 8 + size > limits.maxCommandBytes) return ok(3, { op: 'garbage' });
  if (pos + 8 + size > buf.length) return 'wait';
  return ok(8 + size, { op: 'raster', widthBytes, height, data: buf.slice(pos + 8, pos + 8 + size) });
}

function readGs(buf: Uint8Array, pos: number, limits: ReaderLimits): ReadResult {
  const c = buf[pos + 1];
  if (c === undefined) return 'wait';
  const p0 = (p: Uint8Array) => p[0] ?? 0;
  switch (c) {
    case 0x21:
      return fixed(buf, pos, 1, (p) => ({ op: 'size', n: p0(p) }));
    case 0x56: {
      const m = buf[pos + 2];
      if (m === undefined) return 'wait';
      const full = m === 0 || m === 48 || m === 65 || m === 97 || m === 103;
      if (m <= 1 || m === 48 || m === 49) return ok(3, { op: 'cut', full });
      if ([65, 66, 97, 98, 103, 104].includes(m)) return pos + 4 > buf.length ? 'wait' : ok(4, { op: 'cut', full });
      return ok(3, { op: 'garbage' });
    }
    case 0x28:
      return readGsParen(buf, pos, limits);
    case 0x6b:
      return readBarcode(buf, pos);
    case 0x76:
      return readRaster(buf, pos, limits);
    case 0x68:
      return fixed(buf, pos, 1, (p) => ({ op: 'barcode-height', n: p0(p) }));
    case 0x77:
      return fixed(buf, pos, 1, (p) => ({ op: 'barcode-width', n: p0(p) }));
    case 0x48:
      return fixed(buf, pos, 1, (p) => ({ op: 'hri', n: p0(p) }));
    case 0x72:
      return fixed(buf, pos, 1, (p) => ({ op: 'transmit-status', n: p0(p) }));
    case 0x61:
      return fixed(buf, pos, 1, (p) => ({ op: 'asb', n: p0(p) }));
    case 0x49:
      return fixed(buf, pos, 1, (p) => ({ op: 'info', n: p0(p) }));
  }
  const params = IGNORED_GS[c];
  return params === undefined ? ok(2, { op: 'garbage' }) : fixed(buf, pos, params, () => ({ op: 'ignored' }));
}

function readFs(buf: Uint8Array, pos: number, limits: ReaderLimits): ReadResult {
  const c = buf[pos + 1];
  if (c === undefined) return 'wait';
  if (c === 0x26) return ok(2, { op: 'chinese', on: true });
  if (c === 0x2e) return ok(2, { op: 'chinese', on: false });
  if (c === 0x28) return readGsParen(buf, pos, limits);
  const params = IGNORED_FS[c];
  return params === undefined ? ok(2, { op: 'garbage' }) : fixed(buf, pos, params, () => ({ op: 'ignored' }));
}

/** A GB18030 character at pos in Chinese mode. */
function readDouble(buf: Uint8Array, pos: number): ReadResult {
  const second = buf[pos + 1];
  if (second === undefined) return 'wait';
  if (second >= 0x40 && second <= 0xfe && second !== 0x7f) {
    return ok(2, { op: 'text', text: iconv.decode(buf.subarray(pos, pos + 2), 'gb18030'), double: true });
  }
  if (second >= 0x30 && second <= 0x39) {
    if (pos + 4 > buf.length) return 'wait';
    const third = buf[pos + 2] ?? 0;
    const fourth = buf[pos + 3] ?? 0;
    if (third >= 0x81 && third <= 0xfe && fourth >= 0x30 && fourth <= 0x39) return ok(4, { op: 'unsupported-char' });
  }
  return ok(1, { op: 'garbage' });
}

export function readCommand(buf: Uint8Array, pos: number, chineseMode: boolean, codeTable: number, limits: ReaderLimits): ReadResult {
  const b = buf[pos];
  if (b === undefined) return 'wait';
  if (b >= 0x20 && b < 0x7f) return ok(1, { op: 'text', text: String.fromCharCode(b), double: false });
  switch (b) {
    case 0x0a:
      return ok(1, { op: 'lf' });
    case 0x09:
      return ok(1, { op: 'ht' });
    // NUL (receiptio flushes stuck printers with thousands of them), CR and FF do nothing in standard mode.
    case 0x00:
    case 0x0d:
    case 0x0c:
      return ok(1, { op: 'ignored' });
    case ESC:
      return readEsc(buf, pos, limits);
    case GS:
      return readGs(buf, pos, limits);
    case FS:
      return readFs(buf, pos, limits);
    case DLE: {
      const c = buf[pos + 1];
      if (c === undefined) return 'wait';
      if (c !== EOT && c !== ENQ) return ok(2, { op: 'garbage' });
      return pos + 3 > buf.length ? 'wait' : ok(3, { op: 'realtime' });
    }
  }
  if (b >= 0x80 && chineseMode) return b >= 0x81 && b <= 0xfe ? readDouble(buf, pos) : ok(1, { op: 'garbage' });
  if (b >= 0x80) return ok(1, { op: 'text', text: (codeTable === 16 ? CP1252_HIGH : CP437_HIGH)[b - 0x80] ?? '?', double: false });
  return ok(1, { op: 'garbage' });
}
