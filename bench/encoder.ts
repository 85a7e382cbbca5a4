/** ESC/POS encoder throughput for a typical receipt, and for one with a rare-character line (raster). */
import { layoutReceipt } from '../devices/printer/layout/receipt.ts';
import { SAMPLE_RECEIPT } from '../devices/printer/layout/sample-receipt.ts';

export interface EncoderFigures {
  readonly receiptsPerSecond: number;
  readonly bytesPerReceipt: number;
  readonly rasterReceiptMs: number;
}

export function measureEncoder(iterations: number): EncoderFigures {
  layoutReceipt(SAMPLE_RECEIPT).encode();
  const start = performance.now();
  let bytes = 0;
  for (let i = 0; i < iterations; i++) bytes = layoutReceipt(SAMPLE_RECEIPT).encode().length;
  const elapsed = performance.now() - start;
  // A name with a character GB18030 encodes in 4 bytes (𠮷) forces that line to be printed as an image.
  const rare = { ...SAMPLE_RECEIPT, rows: [{ label: '申请人', value: '𠮷*' }, ...SAMPLE_RECEIPT.rows.slice(1)] };
  layoutReceipt(rare).encode();
  const rasterStart = performance.now();
  const rasterRuns = Math.max(1, Math.floor(iterations / 10));
  for (let i = 0; i < rasterRuns; i++) layoutReceipt(rare).encode();
  return {
    receiptsPerSecond: (iterations / elapsed) * 1000,
    bytesPerReceipt: bytes,
    rasterReceiptMs: (performance.now() - rasterStart) / rasterRuns,
  };
}
