/**
 * Keyboard-wedge fallback: a scanner in keyboard-emulation mode "types" its code. Bursts of keys each
 * arriving within 50 ms of the last, ended by Enter, are taken as a scan (scanners type 1–20 ms apart,
 * people 100 ms and more; the margin absorbs a busy renderer). It is only a fallback: wedge input cannot carry Chinese content reliably and cannot be
 * told from typing with certainty, so configure scanners in HID POS or serial mode (docs/devices.md).
 */

export interface WedgeOptions {
  /** Longest gap between two keys of one scan. */
  readonly maxGapMs?: number;
  /** Fewer characters than this is typing, not a scan. */
  readonly minLength?: number;
}

export class WedgeDetector {
  private buffer = '';
  private lastAt = Number.NEGATIVE_INFINITY;
  private readonly maxGapMs: number;
  private readonly minLength: number;

  constructor(options: WedgeOptions = {}) {
    this.maxGapMs = options.maxGapMs ?? 50;
    this.minLength = options.minLength ?? 4;
  }

  /**
   * Feeds one key; returns the scanned text when this key ends a scan. `consume` tells the caller to stop
   * the key from reaching the page (it belongs to a burst in progress).
   */
  key(key: string, atMs: number): { scan?: string; consume: boolean } {
    const inBurst = atMs - this.lastAt <= this.maxGapMs;
    this.lastAt = atMs;
    if (key === 'Enter') {
      const text = inBurst ? this.buffer : '';
      this.buffer = '';
      return text.length >= this.minLength ? { scan: text, consume: true } : { consume: false };
    }
    if (key.length !== 1) {
      this.buffer = '';
      return { consume: false };
    }
    this.buffer = inBurst ? this.buffer + key : key;
    return { consume: inBurst && this.buffer.length > 1 };
  }
}

/** Listens on the document while no text field has focus, and hands complete scans to `onScan`. */
export function installWedgeFallback(doc: Document, onScan: (text: string) => void, options?: WedgeOptions): () => void {
  const detector = new WedgeDetector(options);
  const onKeyDown = (event: KeyboardEvent) => {
    if ((event.target as HTMLElement | null)?.closest('input, textarea, select')) return;
    const { scan, consume } = detector.key(event.key, event.timeStamp);
    if (consume) event.preventDefault();
    if (scan) onScan(scan);
  };
  doc.addEventListener('keydown', onKeyDown, { capture: true });
  return () => doc.removeEventListener('keydown', onKeyDown, { capture: true });
}
