/**
 * Paper geometry and text drawing shared by every raster: PNG previews, PNGs of simulated prints and the
 * raster lines the encoder sends for characters a printer font lacks. Text is drawn cell by cell on the
 * printer's grid (12 dots per column, 24-dot glyphs, 30-dot line pitch), so a raster line occupies exactly
 * the columns the layout measured and looks like the printer's own font.
 */
import { createCanvas, type SKRSContext2D } from '@napi-rs/canvas';
import { monoFromRgba, bytesPerRow, type MonoBitmap } from '../escpos/bitmap.ts';
import type { Align } from '../escpos/commands.ts';
import { DOTS_PER_COLUMN, clusters, textWidth } from '../escpos/text-width.ts';
import { run, type TextRun } from '../document.ts';
import { kioskFont } from './font.ts';

/** The CSS font a cluster is drawn in; tests pass a single reference font. */
export type FontChoice = (cluster: string, px: number, bold: boolean) => string;

/** 80 mm paper at 203 dpi. */
export const PRINT_WIDTH_DOTS = 576;
export const GLYPH_DOTS = 24;
/** The default line spacing of ESC/POS printers: 24-dot glyphs on a 30-dot pitch. */
export const LINE_PITCH_DOTS = 30;
const LINE_GAP_DOTS = LINE_PITCH_DOTS - GLYPH_DOTS;
/** Noto Sans SC's descender below the baseline, as a share of the em. */
const DESCENT = 0.12;

/** Height of a printed text line in dots. */
export function lineHeightDots(runs: readonly TextRun[]): number {
  const tallest = runs.reduce((max, r) => (r.text === '' ? max : Math.max(max, r.height)), 1);
  return GLYPH_DOTS * tallest + LINE_GAP_DOTS;
}

/** Width of the runs on paper in dots. */
export function lineWidthDots(runs: readonly TextRun[]): number {
  return runs.reduce((sum, r) => sum + textWidth(r.text) * DOTS_PER_COLUMN * r.width, 0);
}

export function alignOffset(align: Align, contentWidth: number, paperWidth: number): number {
  const free = Math.max(0, paperWidth - contentWidth);
  return align === 'center' ? Math.floor(free / 2) : align === 'right' ? free : 0;
}

/** Draws one line with its top at `top`; returns the line height. */
export function drawTextLine(ctx: SKRSContext2D, runs: readonly TextRun[], align: Align, top: number, paperWidth: number, font: FontChoice = kioskFont): number {
  const height = lineHeightDots(runs);
  const bottom = top + height - LINE_GAP_DOTS;
  let x = alignOffset(align, lineWidthDots(runs), paperWidth);
  ctx.fillStyle = '#000';
  ctx.textBaseline = 'alphabetic';
  for (const r of runs) {
    const em = GLYPH_DOTS * r.height;
    for (const cluster of clusters(r.text)) {
      ctx.font = font(cluster, em, r.bold);
      const cell = textWidth(cluster) * DOTS_PER_COLUMN * r.width;
      const natural = ctx.measureText(cluster).width;
      // Scale like GS ! does (width/height), then squeeze glyphs wider than their cell (Latin in 12 dots).
      let scaleX = r.width / r.height;
      if (natural * scaleX > cell && natural > 0) scaleX = cell / natural;
      ctx.save();
      ctx.translate(x + (cell - natural * scaleX) / 2, bottom - em * DESCENT);
      ctx.scale(scaleX, 1);
      ctx.fillText(cluster, 0, 0);
      ctx.restore();
      x += cell;
    }
  }
  return height;
}

/** A whole line as a one-bit image `paperWidth` dots wide, alignment included. */
export function rasterizeTextLine(runs: readonly TextRun[], align: Align, paperWidth: number = PRINT_WIDTH_DOTS, font: FontChoice = kioskFont): MonoBitmap {
  const height = lineHeightDots(runs);
  const canvas = createCanvas(paperWidth, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, paperWidth, height);
  drawTextLine(ctx, runs, align, 0, paperWidth, font);
  return monoFromRgba(ctx.getImageData(0, 0, paperWidth, height).data, paperWidth, height);
}

export interface RasterTextOptions {
  readonly bold?: boolean;
  /** GS ! multipliers, 1..8. Default 1. */
  readonly width?: number;
  readonly height?: number;
  /** Defaults to 'left'. */
  readonly align?: Align;
  /** Defaults to 576 (80 mm). */
  readonly paperWidth?: number;
}

/** One line of text as the printer would print it, rasterised with the bundled font. */
export function rasterizeText(text: string, options: RasterTextOptions = {}): MonoBitmap {
  const style = { bold: options.bold ?? false, width: options.width ?? 1, height: options.height ?? 1 };
  return rasterizeTextLine([run(text, style)], options.align ?? 'left', options.paperWidth ?? PRINT_WIDTH_DOTS);
}

/** Puts a one-bit image on the canvas, black on white. */
export function drawBitmap(ctx: SKRSContext2D, bitmap: MonoBitmap, left: number, top: number): void {
  if (bitmap.width === 0 || bitmap.height === 0) return;
  const image = ctx.createImageData(bitmap.width, bitmap.height);
  const row = bytesPerRow(bitmap.width);
  for (let y = 0; y < bitmap.height; y++) {
    for (let x = 0; x < bitmap.width; x++) {
      const black = ((bitmap.data[y * row + (x >> 3)] ?? 0) & (0x80 >> (x & 7))) !== 0;
      const i = (y * bitmap.width + x) * 4;
      const v = black ? 0 : 255;
      image.data[i] = v;
      image.data[i + 1] = v;
      image.data[i + 2] = v;
      image.data[i + 3] = 255;
    }
  }
  ctx.putImageData(image, left, top);
}
