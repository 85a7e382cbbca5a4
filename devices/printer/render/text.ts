/**
 * A receipt as monospaced text, CJK = 2 columns: what the screen shows and what tests compare. Styles are
 * not drawn (a terminal cannot print double size); alignment is applied to the characters actually shown.
 */
import type { Align } from '../escpos/commands.ts';
import { COLUMNS_80MM, printableText, textWidth } from '../escpos/text-width.ts';
import type { ReceiptBlock, ReceiptDocument } from '../document.ts';

export interface TextRenderOptions {
  /** Columns of the paper. Defaults to 48 (80 mm). */
  readonly columns?: number;
}

function aligned(text: string, align: Align, columns: number): string {
  const free = Math.max(0, columns - textWidth(text));
  const pad = align === 'center' ? Math.floor(free / 2) : align === 'right' ? free : 0;
  return (' '.repeat(pad) + text).trimEnd();
}

function blockLines(block: ReceiptBlock, columns: number): string[] {
  switch (block.kind) {
    case 'text':
      return [aligned(block.text, block.align, columns)];
    case 'feed':
      return Array.from({ length: block.lines }, () => '');
    case 'image':
      return [aligned(`[image ${block.bitmap.width}x${block.bitmap.height}]`, block.align, columns)];
    case 'qr':
      return [aligned(`[QR ${printableText(block.data)}]`, block.align, columns)];
    case 'barcode':
      return [aligned(`[${(block.symbology ?? 'barcode').toUpperCase()} ${printableText(block.data)}]`, block.align, columns)];
  }
}

export function cutLine(columns: number): string {
  const label = ' cut ';
  const left = Math.floor((columns - label.length) / 2);
  return '-'.repeat(Math.max(0, left)) + label + '-'.repeat(Math.max(0, columns - label.length - left));
}

export function renderDocumentText(doc: ReceiptDocument, options: TextRenderOptions = {}): string {
  const columns = options.columns ?? COLUMNS_80MM;
  const lines = doc.blocks.flatMap((block) => blockLines(block, columns));
  if (doc.cut) lines.push(cutLine(columns));
  return lines.join('\n');
}
