/**
 * Sends bytes no faster than a UART at `baudRate` would (10 bits per byte with 8N1), so simulated devices
 * take as long on the wire as real ones. Benchmarks of the reader depend on it: a 1295-byte card frame takes
 * about 112 ms at 115200 baud, and the adapter's overhead is measured against that.
 */

const TICK_MS = 4;

export class PacedSender {
  private queue: Uint8Array[] = [];
  private timer: NodeJS.Timeout | undefined;
  /** When the line is free again, in ms on the `now` clock. */
  private lineFreeAt = 0;
  private idle = true;
  private readonly bytesPerMs: number;

  constructor(
    private readonly write: (bytes: Uint8Array) => void,
    baudRate: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.bytesPerMs = baudRate / 10 / 1000;
  }

  send(bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    this.queue.push(bytes.slice());
    if (!this.timer) this.pump();
  }

  /** Drops whatever has not gone out yet (the cable was pulled). */
  clear(): void {
    this.queue = [];
    this.idle = true;
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private pump(): void {
    this.timer = undefined;
    const now = this.now();
    // An idle line starts sending now; a busy one continues from where its last byte ended.
    if (this.idle) this.lineFreeAt = now;
    this.idle = false;
    // A byte arrives once it has fully crossed the line: deliver only bytes whose last bit is due by now.
    let budget = Math.floor((now - this.lineFreeAt) * this.bytesPerMs);
    while (budget > 0 && this.queue.length > 0) {
      const head = this.queue[0]!;
      const n = Math.min(budget, head.length);
      this.write(head.subarray(0, n));
      this.lineFreeAt += n / this.bytesPerMs;
      budget -= n;
      if (n === head.length) this.queue.shift();
      else this.queue[0] = head.subarray(n);
    }
    if (this.queue.length === 0) this.idle = true;
    if (this.queue.length > 0) this.timer = setTimeout(() => this.pump(), TICK_MS);
  }
}
