import { describe, expect, it } from 'vitest';
import { contrast, frameDifference, StillDetector } from './still-detector.ts';

/** A 64×48 grey frame: a dark block (the text of a page) on white, shifted by `dx` pixels, with noise. */
function page(dx: number, noise = 0, seed = 1): Uint8Array {
  let s = seed;
  const random = () => ((s = (s * 16807) % 2147483647) / 2147483647 - 0.5) * 2;
  const frame = new Uint8Array(64 * 48);
  for (let y = 0; y < 48; y++)
    for (let x = 0; x < 64; x++) {
      const ink = x >= 10 + dx && x < 40 + dx && y >= 10 && y < 30;
      frame[y * 64 + x] = Math.max(0, Math.min(255, (ink ? 30 : 235) + noise * random()));
    }
  return frame;
}
const blank = () => new Uint8Array(64 * 48).fill(128);

describe('StillDetector', () => {
  it('measures difference and contrast', () => {
    expect(frameDifference(page(0), page(0))).toBe(0);
    expect(frameDifference(page(0), page(5))).toBeGreaterThan(10);
    expect(contrast(blank())).toBe(0);
    expect(contrast(page(0))).toBeGreaterThan(50);
  });

  it('takes a page once it has been still for the frames asked, despite sensor noise, and once only', () => {
    const detector = new StillDetector({ maxDifference: 4, stillFrames: 3, minContrast: 12 });
    expect(detector.push(page(0, 2, 1))).toBe('moving');
    expect(detector.push(page(0, 2, 2))).toBe('settling');
    expect(detector.push(page(0, 2, 3))).toBe('settling');
    expect(detector.push(page(0, 2, 4))).toBe('still');
    expect(detector.progress).toBe(1);
    expect(detector.push(page(0, 2, 5))).toBe('settling');
  });

  it('starts over when the page moves, and never takes an empty stage', () => {
    const detector = new StillDetector({ maxDifference: 4, stillFrames: 2, minContrast: 12 });
    detector.push(page(0));
    detector.push(page(0));
    expect(detector.push(page(6))).toBe('moving');
    expect(detector.push(page(6))).toBe('settling');
    expect(detector.push(page(6))).toBe('still');
    for (let i = 0; i < 5; i++) expect(detector.push(blank())).toBe('empty');
    // A retake after a reset needs the stillness again.
    detector.reset();
    expect(detector.push(page(6))).toBe('moving');
  });

  it('takes the next page only after the picture has moved, never the same page twice', () => {
    const detector = new StillDetector({ maxDifference: 4, stillFrames: 2, minContrast: 12 });
    detector.reset(true);
    for (let i = 0; i < 6; i++) expect(detector.push(page(0))).not.toBe('still');
    expect(detector.push(page(8))).toBe('moving');
    expect(detector.push(page(8))).toBe('settling');
    expect(detector.push(page(8))).toBe('still');
  });
});
