/**
 * Decides when the page under the document camera is still enough to take: small grey frames (a few
 * thousand pixels, sampled several times a second) are compared with the one before, and once the mean
 * difference stays under a threshold for a number of frames in a row the page is taken. A frame with hardly
 * any contrast (an empty stage, a covered lens) is never taken: something must be there to capture. After
 * a page, the next is taken only once the picture has moved (the page turned), not the same page again.
 */

export interface StillOptions {
  /** Mean absolute difference (0–255) between two frames below which they count as the same. */
  readonly maxDifference: number;
  /** Frames in a row that must be still. */
  readonly stillFrames: number;
  /** Standard deviation of a frame's grey levels below which it shows nothing worth taking. */
  readonly minContrast: number;
}

export const STILL_DEFAULTS: StillOptions = { maxDifference: 4, stillFrames: 6, minContrast: 12 };

export type StillState = 'empty' | 'moving' | 'settling' | 'still';

/** Mean absolute difference of two grey frames of the same size. */
export function frameDifference(a: Uint8Array, b: Uint8Array): number {
  if (a.length !== b.length || a.length === 0) return 255;
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs(a[i]! - b[i]!);
  return sum / a.length;
}

export function contrast(frame: Uint8Array): number {
  if (frame.length === 0) return 0;
  let sum = 0;
  for (const v of frame) sum += v;
  const mean = sum / frame.length;
  let squares = 0;
  for (const v of frame) squares += (v - mean) ** 2;
  return Math.sqrt(squares / frame.length);
}

/** Feeds frames one at a time; `still` is reported once per still period, then again only after movement. */
export class StillDetector {
  private previous: Uint8Array | null = null;
  private run = 0;
  private taken = false;
  private waitForMovement = false;

  constructor(private readonly options: StillOptions = STILL_DEFAULTS) {}

  /** How far the page is from being taken, 0 to 1 (for the progress shown to the citizen). */
  get progress(): number {
    return Math.min(1, this.run / this.options.stillFrames);
  }

  push(frame: Uint8Array): StillState {
    const previous = this.previous;
    this.previous = frame;
    if (contrast(frame) < this.options.minContrast) {
      this.run = 0;
      this.taken = false;
      return 'empty';
    }
    if (!previous || frameDifference(previous, frame) > this.options.maxDifference) {
      if (previous) this.waitForMovement = false;
      this.run = 0;
      this.taken = false;
      return 'moving';
    }
    if (this.waitForMovement) return 'settling';
    this.run++;
    if (this.run < this.options.stillFrames || this.taken) return 'settling';
    this.taken = true;
    return 'still';
  }

  /** Starts over: the page must be held still again, and for a new page (`afterPage`) first be moved. */
  reset(afterPage = false): void {
    this.previous = null;
    this.run = 0;
    this.taken = false;
    this.waitForMovement = afterPage;
  }
}
