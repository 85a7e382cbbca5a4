/**
 * GA 467 SAM frames, the byte protocol of Chinese ID-card readers (reference §1):
 * `AA AA AA 96 69 | Len (2, big-endian) | body | CHK`. Len counts the body and the checksum byte, and the
 * checksum is the XOR of every byte from Len up to the byte before it. A host sends `CMD PARA [DATA]`
 * as body, the reader answers `SW1 SW2 SW3 [DATA]`. Pure functions over bytes.
 */

export const PREAMBLE: Uint8Array = Uint8Array.of(0xaa, 0xaa, 0xaa, 0x96, 0x69);
/** Preamble and length field: the bytes before the body. */
export const HEADER_LENGTH = 7;
/** The smallest Len of any frame: a command without data (CMD PARA CHK). */
export const MIN_LEN = 3;
/** The largest value the 16-bit Len field can carry. */
export const MAX_LEN = 0xffff;
/** Data bytes a command can carry: Len = CMD + PARA + data + CHK. */
export const MAX_COMMAND_DATA = MAX_LEN - 3;
/** Data bytes a response can carry: Len = SW1 + SW2 + SW3 + data + CHK. */
export const MAX_RESPONSE_DATA = MAX_LEN - 4;

/** One complete frame whose length and checksum were verified. */
export interface SamFrame {
  /** The whole frame, preamble to checksum. */
  readonly bytes: Uint8Array;
  /** The bytes between Len and CHK: `CMD PARA DATA` or `SW1 SW2 SW3 DATA`. */
  readonly body: Uint8Array;
}

export interface SamCommandFrame {
  readonly cmd: number;
  readonly para: number;
  readonly data: Uint8Array;
}

export interface SamResponseFrame {
  readonly sw1: number;
  readonly sw2: number;
  readonly sw3: number;
  readonly data: Uint8Array;
}

export type DecodeFrameResult = { readonly ok: true; readonly frame: SamFrame } | { readonly ok: false; readonly problem: string };

export function xorChecksum(bytes: Uint8Array): number {
  let sum = 0;
  for (const byte of bytes) sum ^= byte;
  return sum;
}

/** Wraps a body in preamble, length and checksum. */
export function encodeFrame(body: Uint8Array): Uint8Array {
  const len = body.length + 1;
  if (len > MAX_LEN) throw new RangeError(`frame body of ${body.length} bytes does not fit the 16-bit length field`);
  const frame = new Uint8Array(HEADER_LENGTH + len);
  frame.set(PREAMBLE, 0);
  frame[5] = len >> 8;
  frame[6] = len & 0xff;
  frame.set(body, HEADER_LENGTH);
  frame[frame.length - 1] = xorChecksum(frame.subarray(5, frame.length - 1));
  return frame;
}

/** A host → reader command frame. */
export function encodeCommand(cmd: number, para: number, data: Uint8Array = new Uint8Array(0)): Uint8Array {
  checkByte('cmd', cmd);
  checkByte('para', para);
  if (data.length > MAX_COMMAND_DATA) throw new RangeError(`command data of ${data.length} bytes exceeds ${MAX_COMMAND_DATA}`);
  const body = new Uint8Array(2 + data.length);
  body[0] = cmd;
  body[1] = para;
  body.set(data, 2);
  return encodeFrame(body);
}

/** A reader → host response frame, as the simulator sends it. */
export function encodeResponse(sw1: number, sw2: number, sw3: number, data: Uint8Array = new Uint8Array(0)): Uint8Array {
  checkByte('sw1', sw1);
  checkByte('sw2', sw2);
  checkByte('sw3', sw3);
  if (data.length > MAX_RESPONSE_DATA) throw new RangeError(`response data of ${data.length} bytes exceeds ${MAX_RESPONSE_DATA}`);
  const body = new Uint8Array(3 + data.length);
  body[0] = sw1;
  body[1] = sw2;
  body[2] = sw3;
  body.set(data, 3);
  return encodeFrame(body);
}

/** Checks one complete frame, e.g. a captured one; streams go through `SamDeframer`. */
export function decodeFrame(bytes: Uint8Array): DecodeFrameResult {
  if (bytes.length < HEADER_LENGTH + MIN_LEN) {
    return { ok: false, problem: `frame of ${bytes.length} bytes is shorter than the minimum ${HEADER_LENGTH + MIN_LEN}` };
  }
  if (!PREAMBLE.every((byte, i) => bytes[i] === byte)) return { ok: false, problem: 'frame does not start with AA AA AA 96 69' };
  const len = lengthField(bytes, 0);
  if (len < MIN_LEN || HEADER_LENGTH + len !== bytes.length) {
    return { ok: false, problem: `length field ${len} does not match the ${bytes.length}-byte frame (expected ${bytes.length - HEADER_LENGTH})` };
  }
  if (xorChecksum(bytes.subarray(5)) !== 0) return { ok: false, problem: 'checksum mismatch' };
  return { ok: true, frame: frameOf(bytes.slice()) };
}

/** Reads the big-endian Len of the frame starting at `start`; the caller ensures 7 bytes are there. */
export function lengthField(bytes: Uint8Array, start: number): number {
  return ((bytes[start + 5] ?? 0) << 8) | (bytes[start + 6] ?? 0);
}

/** Wraps verified frame bytes; `body` is a view into `bytes`. */
export function frameOf(bytes: Uint8Array): SamFrame {
  return { bytes, body: bytes.subarray(HEADER_LENGTH, bytes.length - 1) };
}

/** Reads a frame as a command; undefined if it is too short to be one. */
export function asCommand(frame: SamFrame): SamCommandFrame | undefined {
  const [cmd, para] = frame.body;
  if (cmd === undefined || para === undefined) return undefined;
  return { cmd, para, data: frame.body.subarray(2) };
}

/** Reads a frame as a response; undefined if it is too short to carry the three status bytes. */
export function asResponse(frame: SamFrame): SamResponseFrame | undefined {
  const [sw1, sw2, sw3] = frame.body;
  if (sw1 === undefined || sw2 === undefined || sw3 === undefined) return undefined;
  return { sw1, sw2, sw3, data: frame.body.subarray(3) };
}

/** `AA AA AA 96 69 00 03 20 01 22`: frames as the reference and logs write them. */
export function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (byte) => byte.toString(16).toUpperCase().padStart(2, '0')).join(' ');
}

function checkByte(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 0 || value > 0xff) throw new RangeError(`"${name}" must be a byte (0-255), got ${value}`);
}
