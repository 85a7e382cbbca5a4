/**
 * Splits a byte stream into GA 467 SAM frames (reference §1.3): find the preamble, read Len once 7 bytes
 * are in, wait for Len more bytes, verify the XOR. Once a length is trusted the frame's own bytes are
 * never searched, because photo data can contain `AA AA AA 96 69`. A frame that fails its checksum (or
 * has an impossible length) is given up and the search resumes one byte after its preamble, so a real
 * frame hidden behind a false start is still found. Pure and never throws on input.
 */
import { Transform, type TransformCallback, type TransformOptions } from 'node:stream';
import { HEADER_LENGTH, MAX_LEN, MIN_LEN, PREAMBLE, frameOf, lengthField, type SamFrame } from './sam-frame.ts';

/** The largest real frame is a 30 10 read with a 1024-byte fingerprint (Len 2314); this leaves room. */
export const DEFAULT_MAX_LEN = 4096 + 4;

export interface SamDeframerOptions {
  /** Largest Len accepted; a larger one is taken for a false preamble. Defaults to 4100 (4096 data bytes). */
  readonly maxLen?: number;
}

/** What the deframer found, in stream order; errors matter to a reader, which answers them. */
export type DeframerEvent =
  | { readonly kind: 'frame'; readonly frame: SamFrame }
  | { readonly kind: 'checksum-error' }
  | { readonly kind: 'length-error'; readonly len: number };

export class SamDeframer {
  private readonly maxLen: number;
  private buffer: Uint8Array = new Uint8Array(0);
  private discarded = 0;
  private badChecksums = 0;
  private badLengths = 0;

  constructor(options: SamDeframerOptions = {}) {
    const maxLen = options.maxLen ?? DEFAULT_MAX_LEN;
    if (!Number.isInteger(maxLen) || maxLen < MIN_LEN || maxLen > MAX_LEN) {
      throw new TypeError(`"maxLen" must be an integer from ${MIN_LEN} to ${MAX_LEN}, got ${maxLen}`);
    }
    this.maxLen = maxLen;
  }

  /** Bytes held for an incomplete frame (or a possible preamble start). */
  get pendingBytes(): number {
    return this.buffer.length;
  }

  /** Bytes dropped as not belonging to any valid frame. */
  get discardedBytes(): number {
    return this.discarded;
  }

  /** Candidate frames whose checksum did not match. */
  get checksumErrors(): number {
    return this.badChecksums;
  }

  /** Candidate frames whose Len was below 3 or above `maxLen`. */
  get lengthErrors(): number {
    return this.badLengths;
  }

  /** Returns the frames these bytes complete, in order. */
  push(chunk: Uint8Array): SamFrame[] {
    return this.pushEvents(chunk).flatMap((event) => (event.kind === 'frame' ? [event.frame] : []));
  }

  /** Like `push`, with the rejected candidates in their place among the frames. */
  pushEvents(chunk: Uint8Array): DeframerEvent[] {
    const buf = concat(this.buffer, chunk);
    const events: DeframerEvent[] = [];
    let pos = 0;
    for (;;) {
      const at = indexOfPreamble(buf, pos);
      if (at < 0) {
        // Keep a tail that may be the start of a preamble completed by the next chunk.
        const keep = partialPreambleAtEnd(buf, pos);
        this.discarded += buf.length - keep - pos;
        pos = buf.length - keep;
        break;
      }
      this.discarded += at - pos;
      pos = at;
      if (buf.length - pos < HEADER_LENGTH) break;
      const len = lengthField(buf, pos);
      if (len < MIN_LEN || len > this.maxLen) {
        this.badLengths++;
        events.push({ kind: 'length-error', len });
        this.discarded++;
        pos++;
        continue;
      }
      const end = pos + HEADER_LENGTH + len;
      if (buf.length < end) break;
      if (xorRange(buf, pos + 5, end) !== 0) {
        this.badChecksums++;
        events.push({ kind: 'checksum-error' });
        this.discarded++;
        pos++;
        continue;
      }
      events.push({ kind: 'frame', frame: frameOf(buf.slice(pos, end)) });
      pos = end;
    }
    this.buffer = buf.slice(pos);
    return events;
  }

  /** Drops a partial frame, e.g. after a response timeout, so a false length cannot hold the next reply. */
  reset(): void {
    this.discarded += this.buffer.length;
    this.buffer = new Uint8Array(0);
  }
}

export interface SamFrameParserOptions extends TransformOptions {
  /** Largest Len accepted. Defaults to 4100. */
  readonly maxLen?: number;
}

/** `port.pipe(new SamFrameParser())` emits one `SamFrame` object per frame. */
export class SamFrameParser extends Transform {
  readonly deframer: SamDeframer;

  constructor(options: SamFrameParserOptions = {}) {
    const { maxLen, ...streamOptions } = options;
    super({ ...streamOptions, readableObjectMode: true });
    this.deframer = new SamDeframer(maxLen === undefined ? {} : { maxLen });
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    for (const frame of this.deframer.push(chunk)) this.push(frame);
    callback();
  }

  override _flush(callback: TransformCallback): void {
    this.deframer.reset();
    callback();
  }
}

/** Always a fresh plain Uint8Array: a Buffer's `slice` would return views into the caller's chunk. */
function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

function indexOfPreamble(buf: Uint8Array, from: number): number {
  const last = buf.length - PREAMBLE.length;
  outer: for (let i = from; i <= last; i++) {
    for (let j = 0; j < PREAMBLE.length; j++) if (buf[i + j] !== PREAMBLE[j]) continue outer;
    return i;
  }
  return -1;
}

/** Length of the longest proper preamble prefix that ends `buf` (and starts at or after `from`). */
function partialPreambleAtEnd(buf: Uint8Array, from: number): number {
  for (let k = Math.min(PREAMBLE.length - 1, buf.length - from); k > 0; k--) {
    const start = buf.length - k;
    let match = true;
    for (let j = 0; j < k && match; j++) match = buf[start + j] === PREAMBLE[j];
    if (match) return k;
  }
  return 0;
}

function xorRange(buf: Uint8Array, start: number, end: number): number {
  let sum = 0;
  for (let i = start; i < end; i++) sum ^= buf[i] ?? 0;
  return sum;
}
