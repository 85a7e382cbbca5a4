/**
 * Splits the byte stream of a serial (RS-232 or USB-CDC) scanner into codes. A code ends at the
 * configured suffix, or, when there is none, at a silence of `interByteTimeoutMs`: scanners without a
 * suffix, and multi-line QR content that itself contains CR/LF, need the silence (reference §C.6).
 * Pure: the adapter feeds bytes with a timestamp and calls `flush` from a timer at `deadline`.
 */
import {
  DEFAULT_MAX_LENGTH,
  checkMaxLength,
  checkTiming,
  toScannedCode,
  type ProblemListener,
  type ScannedCode,
} from './scanned-code.ts';

export interface ScanFramerOptions {
  /** Bytes ending each code (CR, CRLF, LF or TAB as programmed), or null when codes end by silence only. */
  readonly suffix: Uint8Array | null;
  /** Silence after the last byte that completes a pending code; 50–100 ms suits USB-CDC. */
  readonly interByteTimeoutMs: number;
  /** Longest code in bytes, suffix excluded; longer ones are dropped and reported. Defaults to 8192. */
  readonly maxLength?: number;
  /** Whether codes may start with an AIM identifier (`]Q1`) to strip. Defaults to true. */
  readonly aimIds?: boolean;
  /** Receives each problem (over-long code). Defaults to ignoring them. */
  readonly onProblem?: ProblemListener;
}

export type SuffixName = 'cr' | 'crlf' | 'lf' | 'tab' | 'none';

/** The bytes of a suffix as scanner manuals name them, for configuration. */
export function suffixBytes(name: SuffixName): Uint8Array | null {
  switch (name) {
    case 'cr':
      return Uint8Array.of(0x0d);
    case 'crlf':
      return Uint8Array.of(0x0d, 0x0a);
    case 'lf':
      return Uint8Array.of(0x0a);
    case 'tab':
      return Uint8Array.of(0x09);
    case 'none':
      return null;
  }
}

export class ScanFramer {
  private readonly suffix: Uint8Array | null;
  private readonly timeoutMs: number;
  private readonly maxLength: number;
  private readonly aimIds: boolean;
  private readonly onProblem: ProblemListener;
  private buffer: number[] = [];
  private lastByteAt = 0;
  /** Set while the rest of an over-long code is skipped up to its suffix or silence. */
  private dropping = false;
  /** Suffix bytes already seen when silence ended the last code, e.g. the CR of a CRLF split by a late timer. */
  private carry = 0;

  constructor(options: ScanFramerOptions) {
    if (options.suffix !== null && options.suffix.length === 0) throw new TypeError('"suffix" is empty; use null for none');
    checkTiming('interByteTimeoutMs', options.interByteTimeoutMs);
    checkMaxLength(options.maxLength ?? DEFAULT_MAX_LENGTH);
    this.suffix = options.suffix === null ? null : options.suffix.slice();
    this.timeoutMs = options.interByteTimeoutMs;
    this.maxLength = options.maxLength ?? DEFAULT_MAX_LENGTH;
    this.aimIds = options.aimIds ?? true;
    this.onProblem = options.onProblem ?? (() => undefined);
  }

  /** When `flush` will complete the pending code, or undefined when nothing is pending. */
  get deadline(): number | undefined {
    return this.buffer.length > 0 || this.dropping ? this.lastByteAt + this.timeoutMs : undefined;
  }

  /** Returns the codes these bytes complete, in order; a silence before them first ends the pending code. */
  push(bytes: Uint8Array, nowMs: number): ScannedCode[] {
    const out: ScannedCode[] = [];
    if (bytes.length === 0) return out;
    this.endIfSilent(nowMs, out);
    this.lastByteAt = nowMs;
    for (let i = this.skipCarry(bytes); i < bytes.length; i++) this.take(bytes[i] as number, out);
    return out;
  }

  /** Returns the pending code once `interByteTimeoutMs` has passed since its last byte. */
  flush(nowMs: number): ScannedCode[] {
    const out: ScannedCode[] = [];
    this.endIfSilent(nowMs, out);
    return out;
  }

  /** Forgets any partial code, e.g. when the port closes. */
  reset(): void {
    this.buffer = [];
    this.dropping = false;
    this.carry = 0;
  }

  private endIfSilent(nowMs: number, out: ScannedCode[]): void {
    if (this.deadline === undefined || nowMs < this.deadline) return;
    const suffix = this.suffix;
    if (!this.dropping && suffix !== null) {
      this.carry = partialSuffixAtEnd(this.buffer, suffix);
      this.buffer.length -= this.carry;
    }
    if (!this.dropping) this.emit(this.buffer, out);
    this.buffer = [];
    this.dropping = false;
  }

  /** Swallows the rest of a suffix whose start a silence already consumed; returns where data resumes. */
  private skipCarry(bytes: Uint8Array): number {
    const suffix = this.suffix;
    if (this.carry === 0 || suffix === null) return 0;
    let i = 0;
    while (this.carry < suffix.length && i < bytes.length && bytes[i] === suffix[this.carry]) {
      this.carry++;
      i++;
    }
    if (this.carry === suffix.length) {
      this.carry = 0;
      return i;
    }
    if (i === bytes.length) return i;
    // Not a suffix after all: read these bytes as data.
    this.carry = 0;
    return 0;
  }

  private take(byte: number, out: ScannedCode[]): void {
    this.buffer.push(byte);
    const suffix = this.suffix;
    if (suffix !== null && endsWith(this.buffer, suffix)) {
      this.buffer.length -= suffix.length;
      if (!this.dropping) this.emit(this.buffer, out);
      this.buffer = [];
      this.dropping = false;
      return;
    }
    // Up to suffix.length - 1 bytes past maxLength are tolerated: they may be the start of the suffix.
    const slack = suffix === null ? 0 : suffix.length - 1;
    if (this.dropping) {
      if (this.buffer.length > slack) this.buffer.splice(0, this.buffer.length - slack);
    } else if (this.buffer.length > this.maxLength + slack) {
      this.onProblem({ kind: 'overflow', message: `code longer than ${this.maxLength} bytes dropped` });
      this.dropping = true;
      this.buffer.splice(0, this.buffer.length - slack);
    }
  }

  private emit(bytes: readonly number[], out: ScannedCode[]): void {
    if (bytes.length > this.maxLength) {
      // Silence can end a code inside the slack `take` tolerates for a suffix start.
      this.onProblem({ kind: 'overflow', message: `code longer than ${this.maxLength} bytes dropped` });
    } else if (bytes.length > 0) {
      out.push(toScannedCode(Uint8Array.from(bytes), { aimInData: this.aimIds }));
    }
  }
}

function endsWith(buffer: readonly number[], suffix: Uint8Array): boolean {
  if (buffer.length < suffix.length) return false;
  const start = buffer.length - suffix.length;
  return suffix.every((byte, i) => buffer[start + i] === byte);
}

/** Length of the longest proper prefix of `suffix` that ends `buffer`. */
function partialSuffixAtEnd(buffer: readonly number[], suffix: Uint8Array): number {
  for (let k = Math.min(suffix.length - 1, buffer.length); k > 0; k--) {
    if (endsWith(buffer, suffix.subarray(0, k))) return k;
  }
  return 0;
}
