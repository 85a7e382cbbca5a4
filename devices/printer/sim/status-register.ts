/**
 * The virtual printer's sensors and error latch, and the status bytes they produce (research §A.6, §A.7):
 * DLE EOT replies, the GS r 1 paper byte and ASB blocks. Also the real-time command scanner, which sees
 * DLE EOT n / DLE ENQ n anywhere in the received bytes, as printers do.
 */
import { DLE, ENQ, EOT, type RealtimeStatusKind } from '../escpos/commands.ts';

export type PaperState = 'ok' | 'near-end' | 'out';

/** ASB bits per `GS a n` category (bit0 drawer, bit1 online/offline, bit2 error, bit3 paper). */
const ASB_CATEGORIES: readonly (readonly number[])[] = [
  [0x04, 0x00, 0x00, 0x00],
  [0x68, 0x03, 0x00, 0x00],
  [0x00, 0x6c, 0x00, 0x00],
  [0x00, 0x00, 0x0f, 0x00],
];

export class StatusRegister {
  private paper: PaperState = 'ok';
  private coverOpen = false;
  private cutterJam = false;
  /** Set by a cutter error; cleared only by DLE ENQ once the jam is gone. */
  private errorLatched = false;
  private asbMask = 0;
  private lastAsb: Uint8Array | undefined;

  constructor(private readonly send: (bytes: Uint8Array) => void) {}

  get online(): boolean {
    return this.paper !== 'out' && !this.coverOpen && !this.errorLatched;
  }

  setPaper(state: PaperState): void {
    this.paper = state;
  }

  setCoverOpen(open: boolean): void {
    this.coverOpen = open;
  }

  setCutterJam(jammed: boolean): void {
    this.cutterJam = jammed;
    if (jammed) this.errorLatched = true;
  }

  /** DLE ENQ: leaves the error state unless the jam is still there. */
  recover(): void {
    if (!this.cutterJam) this.errorLatched = false;
  }

  realtimeByte(n: RealtimeStatusKind): number {
    switch (n) {
      case 1:
        return 0x12 | (this.online ? 0 : 0x08) | (this.errorLatched ? 0x20 : 0);
      case 2:
        return 0x12 | (this.coverOpen ? 0x04 : 0) | (this.paper === 'out' ? 0x20 : 0) | (this.errorLatched ? 0x40 : 0);
      case 3:
        return 0x12 | (this.errorLatched ? 0x08 : 0);
      case 4:
        return 0x12 | (this.paper === 'near-end' ? 0x0c : 0) | (this.paper === 'out' ? 0x60 : 0);
    }
  }

  /** The reply to GS r 1. */
  paperByte(): number {
    return (this.paper === 'near-end' ? 0x03 : 0) | (this.paper === 'out' ? 0x0c : 0);
  }

  asbBlock(): Uint8Array {
    return Uint8Array.of(
      0x10 | (this.online ? 0 : 0x08) | (this.coverOpen ? 0x20 : 0),
      this.errorLatched ? 0x09 : 0x00,
      this.paperByte(),
      0x00,
    );
  }

  /** GS a n: a block at once when enabled, as the research notes printers do. */
  setAsb(n: number): void {
    this.asbMask = n & 0x0f;
    this.lastAsb = undefined;
    this.report();
  }

  /** Sends an ASB block if an enabled category changed since the last one. */
  report(): void {
    if (this.asbMask === 0) return;
    const block = this.asbBlock();
    const last = this.lastAsb;
    const changed =
      !last ||
      ASB_CATEGORIES.some((masks, category) => (this.asbMask & (1 << category)) !== 0 && masks.some((mask, i) => ((block[i] ?? 0) & mask) !== ((last[i] ?? 0) & mask)));
    if (!changed) return;
    this.lastAsb = block;
    this.send(block);
  }
}

export interface RealtimeHandlers {
  status(n: RealtimeStatusKind): void;
  /** Returns true when the receive buffer was cleared (DLE ENQ 2 in an offline state). */
  recover(n: 1 | 2): boolean;
}

/** Finds DLE EOT n and DLE ENQ n across chunk boundaries. */
export class RealtimeScanner {
  private state: 'idle' | 'dle' | 'eot' | 'enq' = 'idle';

  constructor(private readonly handlers: RealtimeHandlers) {}

  /** Calls `onCleared(end)` when the buffer was cleared by the command ending just before `end`. */
  scan(bytes: Uint8Array, onCleared: (end: number) => void): void {
    bytes.forEach((b, i) => {
      const state = this.state;
      this.state = b === DLE ? 'dle' : 'idle';
      if (state === 'dle' && b === EOT) this.state = 'eot';
      else if (state === 'dle' && b === ENQ) this.state = 'enq';
      else if (state === 'eot' && b >= 1 && b <= 4) this.handlers.status(b as RealtimeStatusKind);
      else if (state === 'enq' && (b === 1 || b === 2) && this.handlers.recover(b)) onCleared(i + 1);
    });
  }
}
