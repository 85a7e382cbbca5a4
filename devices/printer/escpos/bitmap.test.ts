import { describe, expect, it } from 'vitest';
import { bytesPerRow, countBlackPixels, createMonoBitmap, getPixel, monoFromRgba, setPixel, sliceRows } from './bitmap.ts';

describe('MonoBitmap', () => {
  it('packs rows MSB-first, padded to whole bytes', () => {
    expect(bytesPerRow(1)).toBe(1);
    expect(bytesPerRow(8)).toBe(1);
    expect(bytesPerRow(9)).toBe(2);
    const bitmap = createMonoBitmap(10, 2);
    expect(bitmap.data.length).toBe(4);
    setPixel(bitmap, 0, 0, true);
    setPixel(bitmap, 9, 1, true);
    expect(Array.from(bitmap.data)).toEqual([0x80, 0x00, 0x00, 0x40]);
    expect(getPixel(bitmap, 0, 0)).toBe(true);
    expect(getPixel(bitmap, 1, 0)).toBe(false);
    setPixel(bitmap, 0, 0, false);
    expect(bitmap.data[0]).toBe(0);
    expect(countBlackPixels(bitmap)).toBe(1);
  });

  it('ignores pixels outside the image and rejects bad sizes', () => {
    const bitmap = createMonoBitmap(4, 1);
    setPixel(bitmap, 4, 0, true);
    setPixel(bitmap, -1, 0, true);
    expect(getPixel(bitmap, 0, 5)).toBe(false);
    expect(countBlackPixels(bitmap)).toBe(0);
    expect(() => createMonoBitmap(-1, 1)).toThrow(RangeError);
    expect(() => createMonoBitmap(1.5, 1)).toThrow(RangeError);
  });

  it('thresholds RGBA over white paper', () => {
    // black, white, mid grey, transparent black
    const rgba = Uint8Array.of(0, 0, 0, 255, 255, 255, 255, 255, 100, 100, 100, 255, 0, 0, 0, 0);
    const bitmap = monoFromRgba(rgba, 4, 1);
    expect([0, 1, 2, 3].map((x) => getPixel(bitmap, x, 0))).toEqual([true, false, true, false]);
  });

  it('slices rows', () => {
    const bitmap = createMonoBitmap(8, 3);
    bitmap.data.set([1, 2, 3]);
    expect(Array.from(sliceRows(bitmap, 1, 3).data)).toEqual([2, 3]);
    expect(sliceRows(bitmap, 2, 10).height).toBe(1);
    expect(sliceRows(bitmap, 5, 10).height).toBe(0);
  });
});
