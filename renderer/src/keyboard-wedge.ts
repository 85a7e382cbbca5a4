/**
 * Keyboard-wedge fallback: a scanner in keyboard-emulation mode "types" its code. Bursts of keys each
 * arriving within 50 ms of the last, ended by Enter, are taken as a scan (scanners type 1–20 ms apart,
 * people 100 ms and more; the margin absorbs a busy renderer). It is only a fallback: wedge input cannot carry Chinese content reliably and cannot be
 * told from typing with certainty, so configure scanners in HID POS or serial mode (docs/devices.md).
 *
 * The keys of a burst are held back, not thrown away: a burst that does not end in Enter is a person typing
 * fast (a keypad's digits 10–30 ms apart), and its keys are handed to the page once the burst is over.
 */

export interface WedgeOptions {
  /** Longest gap between two keys of one scan. */
  readonly maxGapMs?: number;
  /** Fewer characters than this is typing, not a scan. */
  readonly minLength?: number;
}

export interface WedgeResult {
  /** The scanned text, when this key ends a scan. */
  readonly scan?: string;
  /** Stop this key from reaching the page: it belongs to a burst in progress (or ends a scan). */
  readonly consume: boolean;
  /** Keys held back from a burst that turned out to be typing: deliver them, in order, before this one. */
  readonly release: readonly string[];
}

export class WedgeDetector {
  private buffer = '';
  private held: string[] = [];
  private lastAt = Number.NEGATIVE_INFINITY;
  private readonly maxGapMs: number;
  private readonly minLength: number;

  constructor(options: WedgeOptions = {}) {
    this.maxGapMs = options.maxGapMs ?? 50;
    this.minLength = options.minLength ?? 4;
  }

  get gapMs(): number {
    return this.maxGapMs;
  }

  /** Feeds one key. */
  key(key: string, atMs: number): WedgeResult {
    const inBurst = atMs - this.lastAt <= this.maxGapMs;
    this.lastAt = atMs;
    if (key === 'Enter' && inBurst && this.buffer.length >= this.minLength) {
      const scan = this.buffer;
      this.buffer = '';
      this.held = [];
      return { scan, consume: true, release: [] };
    }
    if (key.length !== 1 || !inBurst) {
      const release = this.flush();
      if (key.length === 1) {
        this.buffer = key;
        this.lastAt = atMs;
      }
      return { consume: false, release };
    }
    this.buffer += key;
    this.held.push(key);
    return { consume: true, release: [] };
  }

  /** The burst is over (no key within the gap): the keys held back, which were typing. */
  flush(): string[] {
    const release = this.held;
    this.held = [];
    this.buffer = '';
    this.lastAt = Number.NEGATIVE_INFINITY;
    return release;
  }
}

/** Keys the fallback hands back to the page: dispatched again, and not looked at twice. */
const replayed = new WeakSet<Event>();

function replay(target: EventTarget, keys: readonly string[]): void {
  for (const key of keys) {
    const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, composed: true });
    replayed.add(event);
    target.dispatchEvent(event);
  }
}

/** Listens on the document while no text field has focus, and hands complete scans to `onScan`. */
export function installWedgeFallback(doc: Document, onScan: (text: string) => void, options?: WedgeOptions): () => void {
  const detector = new WedgeDetector(options);
  let target: EventTarget = doc;
  let burstEnd: ReturnType<typeof setTimeout> | undefined;
  const onKeyDown = (event: KeyboardEvent) => {
    if (replayed.has(event)) return;
    if ((event.target as HTMLElement | null)?.closest('input, textarea, select')) return;
    clearTimeout(burstEnd);
    const { scan, consume, release } = detector.key(event.key, event.timeStamp);
    replay(target, release);
    target = event.target ?? doc;
    if (consume) {
      event.preventDefault();
      event.stopImmediatePropagation();
      // Keys are measured by their time stamps; the timer only ends a burst nobody finishes.
      burstEnd = setTimeout(() => replay(target, detector.flush()), detector.gapMs * 2);
    }
    if (scan) onScan(scan);
  };
  doc.addEventListener('keydown', onKeyDown, { capture: true });
  return () => {
    clearTimeout(burstEnd);
    doc.removeEventListener('keydown', onKeyDown, { capture: true });
  };
}
