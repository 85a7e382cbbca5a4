/**
 * A receipt as a PNG on the printer's dot grid (576 dots = 80 mm at 203 dpi), drawn with the bundled font.
 * Barcodes are drawn as a stand-in stripe pattern with their text: a preview, not a scannable symbol.
 */
import { createCanvas, type SKRSContext2D } from '@napi-rs/canvas';
import type { MonoBitmap } from '../escpos/bitmap.ts';
import { printableText } from '../escpos/text-width.ts';
import { textBlock, run, type BarcodeBlock, type ReceiptBlock, type ReceiptDocument } from '../document.ts';
import { LINE_PITCH_DOTS, PRINT_WIDTH_DOTS, alignOffset, drawBitmap, drawTextLine, lineHeightDots } from './draw.ts';
import { qrBitmap } from './qr.ts';

export interface PngRenderOptions {
  /** Paper width in dots. Defaults to 576 (80 mm). */
  readonly widthDots?: number;
}

const MARGIN = 16;
const CUT_SPACE = 24;

function qrImage(block: Extract<ReceiptBlock, { kind: 'qr' }>): MonoBitmap | undefined {
  try {
    return qrBitmap(block.bytes ?? new TextEncoder().encode(block.data), block.ecc, block.moduleSize);
  } catch {
    // Data a QR symbol cannot hold: the printer prints nothing, and so do we.
    return undefined;
  }
}

function hriLines(block: BarcodeBlock): number {
  return block.hri === 'both' ? 2 : block.hri === 'none' ? 0 : 1;
}

function blockHeight(block: ReceiptBlock): number {
  switch (block.kind) {
    case 'text':
      return lineHeightDots(block.runs);
    case 'feed':
      return block.lines * LINE_PITCH_DOTS;
    case 'image':
      return block.bitmap.height;
    case 'qr':
      return qrImage(block)?.height ?? 0;
    case 'barcode':
      return block.height + hriLines(block) * LINE_PITCH_DOTS;
  }
}

function drawBarcode(ctx: SKRSContext2D, block: BarcodeBlock, top: number, width: number): void {
  const bits = Array.from(new TextEncoder().encode(block.data)).flatMap((b) => [1, 0, ...Array.from({ length: 8 }, (_, i) => (b >> (7 - i)) & 1)]);
  const module = block.moduleWidth;
  const barsWidth = (bits.length + 2) * module;
  const hri = textBlock([run(printableText(block.data))], block.align);
  let y = top;
  if (block.hri === 'above' || block.hri === 'both') y += drawTextLine(ctx, hri.runs, block.align, y, width);
  const left = alignOffset(block.align, barsWidth, width);
  ctx.fillStyle = '#000';
  [1, ...bits, 1].forEach((bit, i) => {
    if (bit === 1) ctx.fillRect(left + i * module, y, module, block.height);
  });
  y += block.height;
  if (block.hri === 'below' || block.hri === 'both') drawTextLine(ctx, hri.runs, block.align, y, width);
}

function drawBlock(ctx: SKRSContext2D, block: ReceiptBlock, top: number, width: number): void {
  switch (block.kind) {
    case 'text':
      drawTextLine(ctx, block.runs, block.align, top, width);
      return;
    case 'feed':
      return;
    case 'image':
      drawBitmap(ctx, block.bitmap, alignOffset(block.align, block.bitmap.width, width), top);
      return;
    case 'qr': {
      const image = qrImage(block);
      if (image) drawBitmap(ctx, image, alignOffset(block.align, image.width, width), top);
      return;
    }
    case 'barcode':
      drawBarcode(ctx, block, top, width);
  }
}

export function renderDocumentPng(doc: ReceiptDocument, options: PngRenderOptions = {}): Buffer {
  const width = options.widthDots ?? PRINT_WIDTH_DOTS;
  const heights = doc.blocks.map(blockHeight);
  const total = MARGIN * 2 + heights.reduce((a, b) => a + b, 0) + (doc.cut ? CUT_SPACE : 0);
  const canvas = createCanvas(width, total);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, width, total);
  let top = MARGIN;
  doc.blocks.forEach((block, i) => {
    drawBlock(ctx, block, top, width);
    top += heights[i] ?? 0;
  });
  if (doc.cut) {
    ctx.strokeStyle = '#888';
    ctx.setLineDash([8, 6]);
    ctx.beginPath();
    ctx.moveTo(0, top + CUT_SPACE / 2);
    ctx.lineTo(width, top + CUT_SPACE / 2);
    ctx.stroke();
  }
  return canvas.toBuffer('image/png');
}
