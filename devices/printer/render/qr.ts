/**
 * QR module matrices from the bytes a printer would store (GS ( k fn 180). Encoding them in byte mode, as a
 * printer's native QR does, means a raster QR, a preview and a simulated native print draw the same symbol.
 */
import { create } from 'qrcode';
import { createMonoBitmap, setPixel, type MonoBitmap } from '../escpos/bitmap.ts';
import type { QrEcc } from '../escpos/commands.ts';

export interface QrMatrix {
  /** Modules per side. */
  readonly size: number;
  dark(row: number, col: number): boolean;
}

/** Throws when the data is empty or too long for a QR symbol at this error-correction level. */
export function qrMatrix(data: Uint8Array, ecc: QrEcc): QrMatrix {
  const { modules } = create([{ data, mode: 'byte' }], { errorCorrectionLevel: ecc });
  return { size: modules.size, dark: (row, col) => modules.get(row, col) === 1 };
}

/** The symbol with `moduleSize` dots per module and no quiet zone (the paper margin provides it). */
export function qrBitmap(data: Uint8Array, ecc: QrEcc, moduleSize: number): MonoBitmap {
  const matrix = qrMatrix(data, ecc);
  const bitmap = createMonoBitmap(matrix.size * moduleSize, matrix.size * moduleSize);
  for (let row = 0; row < matrix.size; row++) {
    for (let col = 0; col < matrix.size; col++) {
      if (!matrix.dark(row, col)) continue;
      for (let dy = 0; dy < moduleSize; dy++) {
        for (let dx = 0; dx < moduleSize; dx++) setPixel(bitmap, col * moduleSize + dx, row * moduleSize + dy, true);
      }
    }
  }
  return bitmap;
}
