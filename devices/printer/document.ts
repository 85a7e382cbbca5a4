/**
 * What a receipt looks like as printed paper: an ordered list of blocks. The layout produces one (and the
 * encoder turns it into bytes); the virtual printer rebuilds one from the bytes it receives. Both are rendered
 * by the same text and PNG renderers, so a preview and a simulated print of the same receipt compare equal.
 */
import type { MonoBitmap } from './escpos/bitmap.ts';
import type { Symbology } from './escpos/barcode.ts';
import type { Align, HriPosition, QrEcc } from './escpos/commands.ts';

export interface TextRun {
  readonly text: string;
  readonly bold: boolean;
  /** Character width multiplier (GS !), 1..8. */
  readonly width: number;
  /** Character height multiplier (GS !), 1..8. */
  readonly height: number;
}

/** One printed line. `text` is the runs' text joined, for readers that do not care about styles. */
export interface TextBlock {
  readonly kind: 'text';
  readonly align: Align;
  readonly text: string;
  readonly runs: readonly TextRun[];
}

export interface FeedBlock {
  readonly kind: 'feed';
  readonly lines: number;
}

export interface ImageBlock {
  readonly kind: 'image';
  readonly align: Align;
  readonly bitmap: MonoBitmap;
}

export interface QrBlock {
  readonly kind: 'qr';
  readonly align: Align;
  readonly data: string;
  /** The stored bytes, when they differ from `data` as UTF-8 (a printer stores bytes, not text). */
  readonly bytes?: Uint8Array;
  readonly moduleSize: number;
  readonly ecc: QrEcc;
}

export interface BarcodeBlock {
  readonly kind: 'barcode';
  readonly align: Align;
  /** Undefined for a `GS k` type the printer does not know (the bars are still recorded). */
  readonly symbology: Symbology | undefined;
  readonly data: string;
  readonly height: number;
  readonly moduleWidth: number;
  readonly hri: HriPosition;
}

export type ReceiptBlock = TextBlock | FeedBlock | ImageBlock | QrBlock | BarcodeBlock;

export interface ReceiptDocument {
  readonly blocks: readonly ReceiptBlock[];
  /** The paper was cut after the last block. */
  readonly cut: boolean;
}

export const PLAIN: Omit<TextRun, 'text'> = { bold: false, width: 1, height: 1 };

export function run(text: string, style: Partial<Omit<TextRun, 'text'>> = {}): TextRun {
  return { ...PLAIN, ...style, text };
}

export function textBlock(runs: readonly TextRun[], align: Align = 'left'): TextBlock {
  return { kind: 'text', align, runs, text: runs.map((r) => r.text).join('') };
}
