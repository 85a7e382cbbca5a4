/**
 * Classifies every byte an ESC/POS printer sends, with the masks receiptio uses (research §A.9). Pure and
 * streaming: replies may arrive split across chunks and unsolicited (ASB, DLE EOT answered from inside image
 * data) at any position. Bytes that fit nothing are reported as garbage and counted; nothing throws.
 */
export * from './status-flags.ts';

export type PrinterMessage =
  /** A DLE EOT reply; decode it with `decodeRealtimeStatus(n, value)` for the n that was asked. */
  | { readonly kind: 'realtime'; readonly value: number }
  /** An Automatic Status Back block; decode it with `decodeAsb`. */
  | { readonly kind: 'asb'; readonly bytes: Uint8Array }
  /** A GS r reply (or another 1-byte status), e.g. the job fence `GS r 1`; `decodePaperStatus`. */
  | { readonly kind: 'fence'; readonly value: number }
  /** A NUL-terminated block reply (GS I, GS ( k fn 182 …), terminator included. */
  | { readonly kind: 'block'; readonly bytes: Uint8Array }
  | { readonly kind: 'garbage'; readonly bytes: Uint8Array };

export interface StatusParserOptions {
  /** Longest block reply accepted before its first byte is taken as garbage. Defaults to 256. */
  readonly maxBlockBytes?: number;
}

const BLOCK_STARTS = new Set([0x35, 0x37, 0x3b, 0x3d, 0x5f]);

type Step = { readonly length: number; readonly message: PrinterMessage | undefined } | 'wait';

export class PrinterStatusParser {
  private pending: Uint8Array = new Uint8Array(0);
  private readonly maxBlockBytes: number;
  private garbage = 0;

  constructor(options: StatusParserOptions = {}) {
    const max = options.maxBlockBytes ?? 256;
    if (!Number.isInteger(max) || max < 2) throw new TypeError('"maxBlockBytes" must be an integer of at least 2');
    this.maxBlockBytes = max;
  }

  /** Bytes reported as garbage so far. */
  get garbageBytes(): number {
    return this.garbage;
  }

  /** Bytes held back because they may start a message not yet complete. */
  get pendingBytes(): number {
    return this.pending.length;
  }

  push(chunk: Uint8Array): PrinterMessage[] {
    const buffer = new Uint8Array(this.pending.length + chunk.length);
    buffer.set(this.pending);
    buffer.set(chunk, this.pending.length);
    const { messages, rest } = this.parse(buffer, false);
    this.pending = rest;
    return messages;
  }

  /** Ends the stream: whatever is held back is classified without waiting (a cut-off ASB is garbage). */
  flush(): PrinterMessage[] {
    const { messages } = this.parse(this.pending, true);
    this.pending = new Uint8Array(0);
    return messages;
  }

  reset(): void {
    this.pending = new Uint8Array(0);
  }

  private parse(buffer: Uint8Array, final: boolean): { messages: PrinterMessage[]; rest: Uint8Array } {
    const messages: PrinterMessage[] = [];
    let junkStart = -1;
    const endJunk = (at: number): void => {
      if (junkStart < 0) return;
      messages.push({ kind: 'garbage', bytes: buffer.slice(junkStart, at) });
      this.garbage += at - junkStart;
      junkStart = -1;
    };
    let i = 0;
    while (i < buffer.length) {
      const step = this.step(buffer, i, final);
      if (step === 'wait') break;
      if (step.message) {
        endJunk(i);
        messages.push(step.message);
      } else if (junkStart < 0) {
        junkStart = i;
      }
      i += step.length;
    }
    endJunk(i);
    return { messages, rest: buffer.slice(i) };
  }

  private step(buffer: Uint8Array, i: number, final: boolean): Step {
    const b = buffer[i] ?? 0;
    if ((b & 0x93) === 0x12) return { length: 1, message: { kind: 'realtime', value: b } };
    if ((b & 0x93) === 0x10) {
      const asb = this.asbAt(buffer, i);
      if (asb === 'wait' && !final) return 'wait';
      if (asb === true) return { length: 4, message: { kind: 'asb', bytes: buffer.slice(i, i + 4) } };
    }
    if (BLOCK_STARTS.has(b)) {
      const end = this.blockEnd(buffer, i);
      if (end === 'wait' && !final) return 'wait';
      if (typeof end === 'number') return { length: end - i + 1, message: { kind: 'block', bytes: buffer.slice(i, end + 1) } };
      return { length: 1, message: undefined };
    }
    if ((b & 0x90) === 0) return { length: 1, message: { kind: 'fence', value: b } };
    return { length: 1, message: undefined };
  }

  /**
   * Index of the NUL ending a block reply starting at i. Block replies carry printable ASCII and 0x1F
   * separators only, so any other byte shows the start byte was noise, and a status reply behind it is not
   * held back until `maxBlockBytes` have arrived.
   */
  private blockEnd(buffer: Uint8Array, i: number): number | 'wait' | undefined {
    const limit = Math.min(buffer.length, i + this.maxBlockBytes);
    for (let j = i + 1; j < limit; j++) {
      const x = buffer[j] ?? 0;
      if (x === 0) return j;
      if (x !== 0x1f && (x < 0x20 || x > 0x7e)) return undefined;
    }
    return limit === buffer.length && buffer.length - i < this.maxBlockBytes ? 'wait' : undefined;
  }

  /** Whether the 3 bytes after an ASB header have bits 4 and 7 clear; 'wait' while they may still come. */
  private asbAt(buffer: Uint8Array, i: number): boolean | 'wait' {
    for (let j = 1; j <= 3; j++) {
      const x = buffer[i + j];
      if (x === undefined) return 'wait';
      if ((x & 0x90) !== 0) return false;
    }
    return true;
  }
}
