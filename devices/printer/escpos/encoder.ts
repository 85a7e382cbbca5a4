/**
 * Our ESC/POS builder. Text is kept per line until the line ends, because a line holding one character the
 * printer font lacks (4-byte GB18030, unencodable) is sent whole as a raster image at the current size;
 * style commands are sent only when they change. `ESC a` only works at the start of a line, so `align()`
 * called mid-line applies from the next line on.
 */
import { sliceRows, type MonoBitmap } from './bitmap.ts';
import { barcodeData, SYMBOLOGY_CODES, type Symbology } from './barcode.ts';
import * as cmd from './commands.ts';
import type { Align, HriPosition, QrEcc } from './commands.ts';
import { encodeGbText, needsRaster } from './gb-text.ts';
import { printableText } from './text-width.ts';
import { run as makeRun, type TextRun } from '../document.ts';
import { PRINT_WIDTH_DOTS, rasterizeTextLine } from '../render/draw.ts';
import { qrBitmap } from '../render/qr.ts';

export type RasterizeLine = (runs: readonly TextRun[], align: Align, paperWidth: number) => MonoBitmap;

export interface EncoderOptions {
  /** Paper width in dots, the width of raster lines. Defaults to 576 (80 mm). */
  readonly printWidthDots?: number;
  /** Draws a line as an image. Defaults to the bundled font through @napi-rs/canvas. */
  readonly rasterizeLine?: RasterizeLine;
}

export interface QrOptions {
  /** Dots per module, 1..16. Defaults to 6. */
  readonly moduleSize?: number;
  /** Defaults to 'M'. */
  readonly ecc?: QrEcc;
  /** Defaults to 'native' for ASCII data and 'raster' otherwise (firmware byte/Kanji mode quirks, §A.3). */
  readonly mode?: 'native' | 'raster';
}

export interface BarcodeOptions {
  readonly symbology: Symbology;
  /** Bar height in dots. Defaults to 80. */
  readonly height?: number;
  /** Module width in dots. Defaults to 2. */
  readonly width?: number;
  /** Defaults to 'below'. */
  readonly hri?: HriPosition;
}

interface Style {
  readonly bold: boolean;
  readonly width: number;
  readonly height: number;
}

type LineItem = { readonly kind: 'text'; readonly text: string; readonly style: Style } | { readonly kind: 'raw'; readonly bytes: Uint8Array };

const DEFAULT_STYLE: Style = { bold: false, width: 1, height: 1 };

function isAscii(bytes: Uint8Array): boolean {
  return bytes.every((b) => b < 0x80);
}

export class EscPosEncoder {
  private readonly chunks: Uint8Array[] = [];
  private readonly printWidth: number;
  private readonly rasterize: RasterizeLine;
  private style: Style = DEFAULT_STYLE;
  private alignment: Align = 'left';
  /** What the printer is known to be set to; undefined until we have set it or reset it. */
  private sent: { align?: Align; bold?: boolean; size?: number } = {};
  private pending: { align: Align; items: LineItem[] } | undefined;

  constructor(options: EncoderOptions = {}) {
    this.printWidth = options.printWidthDots ?? PRINT_WIDTH_DOTS;
    this.rasterize = options.rasterizeLine ?? rasterizeTextLine;
  }

  initialize(): this {
    this.endLine();
    this.chunks.push(cmd.initialize());
    this.style = DEFAULT_STYLE;
    this.alignment = 'left';
    this.sent = { align: 'left', bold: false, size: 0 };
    return this;
  }

  /** Adds text to the current line; `\n` ends lines, other control characters become spaces. */
  text(value: string): this {
    printableText(value, true)
      .split('\n')
      .forEach((part, i) => {
        if (i > 0) this.newline();
        if (part === '') return;
        this.pending ??= { align: this.alignment, items: [] };
        this.pending.items.push({ kind: 'text', text: part, style: this.style });
      });
    return this;
  }

  newline(): this {
    if (this.pending) this.flushLine(true);
    else this.chunks.push(cmd.lineFeed());
    return this;
  }

  line(value: string): this {
    return this.text(value).newline();
  }

  align(value: Align): this {
    this.alignment = value;
    return this;
  }

  bold(on: boolean): this {
    this.style = { ...this.style, bold: on };
    return this;
  }

  size(width: number, height: number): this {
    // Built only to validate: a bad size throws before the state changes.
    cmd.characterSize(width, height);
    this.style = { ...this.style, width, height };
    return this;
  }

  feed(lines: number): this {
    if (!Number.isInteger(lines) || lines < 0) throw new RangeError('"lines" must be a non-negative integer');
    this.endLine();
    for (let left = lines; left > 0; left -= 255) this.chunks.push(cmd.feedLines(Math.min(left, 255)));
    return this;
  }

  cut(mode: 'partial' | 'full' = 'partial'): this {
    this.endLine();
    this.chunks.push(mode === 'full' ? cmd.fullCutWithFeed(0) : cmd.partialCutWithFeed(0));
    return this;
  }

  qr(data: string, options: QrOptions = {}): this {
    const bytes = new TextEncoder().encode(data);
    const moduleSize = options.moduleSize ?? 6;
    const ecc = options.ecc ?? 'M';
    const mode = options.mode ?? (isAscii(bytes) ? 'native' : 'raster');
    if (mode === 'raster') return this.image(qrBitmap(bytes, ecc, moduleSize));
    const store = cmd.qrStoreData(bytes);
    const size = cmd.qrModuleSize(moduleSize);
    this.startBlock();
    this.chunks.push(cmd.qrSelectModel(2), size, cmd.qrErrorCorrection(ecc), store, cmd.qrPrint());
    return this;
  }

  barcode(data: string, options: BarcodeOptions): this {
    const bytes = barcodeData(options.symbology, data);
    const parts = [cmd.barcodeHeight(options.height ?? 80), cmd.barcodeModuleWidth(options.width ?? 2), cmd.barcodeHriPosition(options.hri ?? 'below')];
    this.startBlock();
    this.chunks.push(...parts, cmd.printBarcode(SYMBOLOGY_CODES[options.symbology], bytes));
    return this;
  }

  /** `GS v 0`, split into commands of at most 256 rows for printers with small receive buffers. */
  image(bitmap: MonoBitmap): this {
    if (bitmap.width < 1 || bitmap.height < 1) throw new RangeError('image must not be empty');
    this.startBlock();
    for (let row = 0; row < bitmap.height; row += cmd.RASTER_MAX_ROWS) {
      this.chunks.push(cmd.rasterImage(sliceRows(bitmap, row, row + cmd.RASTER_MAX_ROWS)));
    }
    return this;
  }

  /** Bytes passed through unchanged; afterwards style commands are sent again, as raw bytes may reset them. */
  raw(bytes: Uint8Array): this {
    const copy = Uint8Array.from(bytes);
    if (this.pending) this.pending.items.push({ kind: 'raw', bytes: copy });
    else this.pushRaw(copy);
    return this;
  }

  /** Everything so far; a line not yet ended is sent without its line feed. */
  encode(): Uint8Array {
    if (this.pending) this.flushLine(false);
    const out = new Uint8Array(this.chunks.reduce((n, c) => n + c.length, 0));
    let offset = 0;
    for (const chunk of this.chunks) {
      out.set(chunk, offset);
      offset += chunk.length;
    }
    return out;
  }

  /** Ends a pending line (with its line feed) before a block command, which works only at a line start. */
  private endLine(): void {
    if (this.pending) this.flushLine(true);
  }

  private startBlock(): void {
    this.endLine();
    this.sendAlign(this.alignment);
  }

  private pushRaw(bytes: Uint8Array): void {
    this.chunks.push(bytes);
    this.sent = {};
  }

  private sendAlign(align: Align): void {
    if (this.sent.align !== align) this.chunks.push(cmd.selectAlign(align));
    this.sent.align = align;
  }

  private sendStyle(style: Style): void {
    if (this.sent.bold !== style.bold) this.chunks.push(cmd.emphasis(style.bold));
    const size = ((style.width - 1) << 4) | (style.height - 1);
    if (this.sent.size !== size) this.chunks.push(cmd.characterSize(style.width, style.height));
    this.sent.bold = style.bold;
    this.sent.size = size;
  }

  private flushLine(withFeed: boolean): void {
    const line = this.pending;
    this.pending = undefined;
    if (!line) return;
    const texts = line.items.flatMap((item) => (item.kind === 'text' ? [item] : []));
    if (texts.some((item) => needsRaster(item.text))) {
      for (const item of line.items) if (item.kind === 'raw') this.pushRaw(item.bytes);
      const runs = texts.map((item) => makeRun(item.text, item.style));
      // A full-width image with the alignment drawn in; it advances the paper itself, so no line feed.
      this.image(this.rasterize(runs, line.align, this.printWidth));
      return;
    }
    this.sendAlign(line.align);
    for (const item of line.items) {
      if (item.kind === 'raw') {
        this.pushRaw(item.bytes);
        continue;
      }
      this.sendStyle(item.style);
      this.chunks.push(encodeGbText(item.text));
    }
    if (withFeed) this.chunks.push(cmd.lineFeed());
  }
}
