/**
 * One-bit images in the layout `GS v 0` sends: rows packed MSB-first (leftmost pixel in bit 7), each row
 * padded to whole bytes, bit 1 = black.
 */

export interface MonoBitmap {
  readonly width: number;
  readonly height: number;
  /** `bytesPerRow(width) * height` bytes. */
  readonly data: Uint8Array;
}

export function bytesPerRow(width: number): number {
  return Math.ceil(width / 8);
}

export function createMonoBitmap(width: number, height: number): MonoBitmap {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 0 || height < 0) {
    throw new RangeError('"width" and "height" must be non-negative integers');
  }
  return { width, height, data: new Uint8Array(bytesPerRow(width) * height) };
}

export function getPixel(bitmap: MonoBitmap, x: number, y: number): boolean {
  if (x < 0 || y < 0 || x >= bitmap.width || y >= bitmap.height) return false;
  const byte = bitmap.data[y * bytesPerRow(bitmap.width) + (x >> 3)] ?? 0;
  return (byte & (0x80 >> (x & 7))) !== 0;
}

export function setPixel(bitmap: MonoBitmap, x: number, y: number, black: boolean): void {
  if (x < 0 || y < 0 || x >= bitmap.width || y >= bitmap.height) return;
  const index = y * bytesPerRow(bitmap.width) + (x >> 3);
  const mask = 0x80 >> (x & 7);
  const byte = bitmap.data[index] ?? 0;
  bitmap.data[index] = black ? byte | mask : byte & ~mask;
}

/** Thresholds RGBA pixels (canvas `ImageData`): dark, opaque pixels become black. */
export function monoFromRgba(rgba: Uint8Array | Uint8ClampedArray, width: number, height: number, threshold = 128): MonoBitmap {
  const bitmap = createMonoBitmap(width, height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      const alpha = (rgba[i + 3] ?? 0) / 255;
      // Composite over white paper, then use the luma.
      const luma = 255 - alpha * (255 - (0.299 * (rgba[i] ?? 0) + 0.587 * (rgba[i + 1] ?? 0) + 0.114 * (rgba[i + 2] ?? 0)));
      if (luma < threshold) setPixel(bitmap, x, y, true);
    }
  }
  return bitmap;
}

/** Rows `start` (inclusive) to `end` (exclusive) as a new bitmap. */
export function sliceRows(bitmap: MonoBitmap, start: number, end: number): MonoBitmap {
  const row = bytesPerRow(bitmap.width);
  const from = Math.max(0, Math.min(start, bitmap.height));
  const to = Math.max(from, Math.min(end, bitmap.height));
  return { width: bitmap.width, height: to - from, data: bitmap.data.slice(from * row, to * row) };
}

export function countBlackPixels(bitmap: MonoBitmap): number {
  let count = 0;
  for (let y = 0; y < bitmap.height; y++) for (let x = 0; x < bitmap.width; x++) if (getPixel(bitmap, x, y)) count++;
  return count;
}
