import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GlobalFonts } from '@napi-rs/canvas';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { countBlackPixels, createMonoBitmap, getPixel, type MonoBitmap } from '../escpos/bitmap.ts';
import { run, textBlock, type ReceiptDocument } from '../document.ts';
import { alignOffset, lineHeightDots, lineWidthDots, rasterizeText, rasterizeTextLine } from './draw.ts';
import { createKioskFonts, FALLBACK_FAMILY, FALLBACK_FONT_FILES, kioskFontDirectory, kioskFonts, outsideAsar } from './font.ts';
import { renderDocumentPng } from './png.ts';
import { qrBitmap, qrMatrix } from './qr.ts';
import { cutLine, renderDocumentText } from './text.ts';

/** Leftmost and rightmost black columns. */
function inkSpan(bitmap: ReturnType<typeof createMonoBitmap>): [number, number] {
  let min = Infinity;
  let max = -1;
  for (let y = 0; y < bitmap.height; y++) {
    for (let x = 0; x < bitmap.width; x++) {
      if (!getPixel(bitmap, x, y)) continue;
      min = Math.min(min, x);
      max = Math.max(max, x);
    }
  }
  return [min, max];
}

/** Share of the two images' ink they have in common (intersection over union). */
function inkOverlap(a: MonoBitmap, b: MonoBitmap): number {
  let both = 0;
  let either = 0;
  for (let y = 0; y < Math.max(a.height, b.height); y++) {
    for (let x = 0; x < Math.max(a.width, b.width); x++) {
      const inA = getPixel(a, x, y);
      const inB = getPixel(b, x, y);
      if (inA && inB) both++;
      if (inA || inB) either++;
    }
  }
  return either === 0 ? 0 : both / either;
}

describe('fonts', () => {
  // The reference: one whole font file registered alone, drawn in the same cells. Glyphs of the same design
  // overlap it by 0.7 to 1 (hinting differs between the files); .notdef boxes by at most 0.14.
  const REFERENCE = 'Reference Noto Sans CJK';
  GlobalFonts.registerFromPath(FALLBACK_FONT_FILES.regular, REFERENCE);
  const reference = (text: string) => rasterizeTextLine([run(text)], 'left', 96, (_cluster, px) => `${px}px "${REFERENCE}"`);
  const drawn = (text: string) => rasterizeTextLine([run(text)], 'left', 96);
  const SAMPLES = ['𠮷', '䶮', '龘', '张', 'A', 'g', 'SL', '20', '79'];

  it('draws rare CJK (Ext B, Ext A), common CJK, Latin and digits as a whole font does, not as boxes', () => {
    for (const text of SAMPLES) {
      expect(countBlackPixels(reference(text)), text).toBeGreaterThan(20);
      expect(inkOverlap(drawn(text), reference(text)), text).toBeGreaterThan(0.6);
    }
  });

  it('tells boxes from glyphs: every subset under one family draws .notdef boxes', () => {
    const files = kioskFontDirectory() + '/files';
    for (const file of readdirSync(files).filter((f) => /-400-normal\.woff2$/.test(f))) GlobalFonts.registerFromPath(`${files}/${file}`, 'One Family For All');
    const boxes = (text: string) => rasterizeTextLine([run(text)], 'left', 96, (_cluster, px) => `${px}px "One Family For All"`);
    for (const text of SAMPLES) expect(inkOverlap(boxes(text), reference(text)), text).toBeLessThan(0.3);
  });

  it('picks the subset that has a character, and the fallback for what none has', () => {
    const fonts = kioskFonts();
    expect(fonts.subsetOf('A'.codePointAt(0)!)).toBeDefined();
    expect(fonts.subsetOf('张'.codePointAt(0)!)).toBeDefined();
    expect(fonts.subsetOf('𠮷'.codePointAt(0)!)).toBeUndefined();
    expect(fonts.font('𠮷', 24, false)).toBe(`24px "${FALLBACK_FAMILY}"`);
    expect(fonts.font('张', 48, true)).toMatch(new RegExp(`^bold 48px "KioskSans \\d+", "${FALLBACK_FAMILY}"$`));
    expect(() => createKioskFonts(mkdtempSync(join(tmpdir(), 'no-fonts-')))).toThrow();
  });

  it('reads font files beside the asar archive when the packaged app unpacked them there', () => {
    const root = mkdtempSync(join(tmpdir(), 'asar-'));
    mkdirSync(join(root, 'app.asar.unpacked', 'files'), { recursive: true });
    writeFileSync(join(root, 'app.asar.unpacked', 'files', 'a.woff2'), '');
    expect(outsideAsar(join(root, 'app.asar', 'files', 'a.woff2'))).toBe(join(root, 'app.asar.unpacked', 'files', 'a.woff2'));
    expect(outsideAsar(join(root, 'app.asar', 'files', 'b.woff2'))).toBe(join(root, 'app.asar', 'files', 'b.woff2'));
    expect(outsideAsar('/usr/share/fonts/x.ttc')).toBe('/usr/share/fonts/x.ttc');
  });
});

describe('line geometry', () => {
  it('measures lines on the printer grid', () => {
    expect(lineHeightDots([run('a')])).toBe(30);
    expect(lineHeightDots([run('a'), run('b', { height: 2 })])).toBe(54);
    expect(lineWidthDots([run('ab张'), run('张', { width: 2 })])).toBe(12 * 4 + 48);
    expect(alignOffset('center', 100, 576)).toBe(238);
    expect(alignOffset('right', 100, 576)).toBe(476);
    expect(alignOffset('right', 700, 576)).toBe(0);
  });

  it('rasterises text with ink inside its cells, aligned', () => {
    const left = rasterizeText('𠮷野家');
    expect(left.width).toBe(576);
    expect(left.height).toBe(30);
    const [min, max] = inkSpan(left);
    expect(min).toBeLessThan(6);
    expect(max).toBeLessThan(72);
    const right = rasterizeTextLine([run('𠮷')], 'right', 576);
    expect(inkSpan(right)[0]).toBeGreaterThan(552 - 2);
    const double = rasterizeText('𠮷', { width: 2, height: 2, bold: true });
    expect(double.height).toBe(54);
    expect(countBlackPixels(double)).toBeGreaterThan(countBlackPixels(rasterizeText('𠮷')) * 3);
  });
});

describe('QR matrix', () => {
  it('encodes bytes in byte mode and scales modules', () => {
    const data = new TextEncoder().encode('SL-20261122-000123');
    const matrix = qrMatrix(data, 'M');
    expect(matrix.size).toBe(25);
    // Finder pattern corners are dark.
    expect(matrix.dark(0, 0) && matrix.dark(0, 24) && matrix.dark(24, 0)).toBe(true);
    const bitmap = qrBitmap(data, 'M', 4);
    expect(bitmap.width).toBe(100);
    expect(getPixel(bitmap, 3, 3)).toBe(true);
    expect(() => qrMatrix(new Uint8Array(3000), 'H')).toThrow();
  });
});

describe('text rendering', () => {
  it('aligns by displayed width and shows non-text blocks as one line each', () => {
    const doc: ReceiptDocument = {
      blocks: [
        textBlock([run('受理回执', { width: 2, height: 2 })], 'center'),
        textBlock([run('右')], 'right'),
        { kind: 'feed', lines: 2 },
        { kind: 'image', align: 'center', bitmap: createMonoBitmap(16, 4) },
        { kind: 'qr', align: 'left', data: 'a\u001bb', moduleSize: 4, ecc: 'L' },
        { kind: 'barcode', align: 'left', symbology: 'code128', data: 'X1', height: 50, moduleWidth: 2, hri: 'below' },
        { kind: 'barcode', align: 'left', symbology: undefined, data: 'Z', height: 50, moduleWidth: 2, hri: 'none' },
      ],
      cut: true,
    };
    expect(renderDocumentText(doc, { columns: 20 }).split('\n')).toEqual([
      '      受理回执',
      '                  右',
      '',
      '',
      '    [image 16x4]',
      '[QR a b]',
      '[CODE128 X1]',
      '[BARCODE Z]',
      '------- cut --------',
    ]);
    expect(cutLine(48)).toHaveLength(48);
    expect(renderDocumentText({ blocks: [], cut: false })).toBe('');
  });
});

describe('PNG rendering', () => {
  it('draws every kind of block, and survives QR data too long for a symbol', () => {
    const bitmap = createMonoBitmap(64, 64);
    bitmap.data.fill(0xff);
    const doc: ReceiptDocument = {
      blocks: [
        textBlock([run('标题', { bold: true, width: 2, height: 2 })], 'center'),
        { kind: 'image', align: 'right', bitmap },
        { kind: 'qr', align: 'center', data: 'x'.repeat(4000), moduleSize: 4, ecc: 'H' },
        { kind: 'barcode', align: 'center', symbology: 'code128', data: 'SL-1', height: 60, moduleWidth: 2, hri: 'both' },
        { kind: 'feed', lines: 1 },
      ],
      cut: false,
    };
    const png = PNG.sync.read(renderDocumentPng(doc, { widthDots: 384 }));
    expect(png.width).toBe(384);
    expect(png.height).toBe(16 * 2 + 54 + 64 + 0 + 60 + 60 + 30);
    const at = (x: number, y: number) => png.data[(y * png.width + x) * 4];
    expect(at(383, 16 + 54 + 10)).toBe(0);
  });
});
