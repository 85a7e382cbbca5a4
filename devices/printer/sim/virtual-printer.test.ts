import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import * as cmd from '../escpos/commands.ts';
import { createMonoBitmap } from '../escpos/bitmap.ts';
import { EscPosEncoder } from '../escpos/encoder.ts';
import { layoutReceipt, previewReceiptPng, previewReceiptText } from '../layout/receipt.ts';
import { SAMPLE_RECEIPT } from '../layout/sample-receipt.ts';
import { recordingPrinter as setup } from './recording.ts';
import { VirtualEscPosPrinter, renderReceiptPng, renderReceiptText } from './virtual-printer.ts';

const concat = (...parts: Uint8Array[]) => Uint8Array.from(parts.flatMap((p) => Array.from(p)));

describe('VirtualEscPosPrinter: receipts', () => {
  it('prints a laid-out receipt exactly as the preview shows it', () => {
    const { printer, receipts } = setup();
    printer.receive(layoutReceipt(SAMPLE_RECEIPT).encode());
    const [receipt, ...more] = receipts();
    expect(more).toHaveLength(0);
    expect(receipt).toMatchObject({ cut: true, cutMode: 'partial', interrupted: false });
    const text = renderReceiptText(receipt!);
    expect(text).toBe(previewReceiptText(SAMPLE_RECEIPT));
    for (const row of SAMPLE_RECEIPT.rows) expect(text).toMatch(new RegExp(`${row.label} +${row.value.replace(/\*/g, '\\*')}`));
    for (const item of SAMPLE_RECEIPT.items) expect(text).toContain(item.department);
    expect(receipt!.blocks.filter((b) => b.kind === 'qr').map((b) => b.kind === 'qr' && b.data)).toEqual(['SL-20261122-000123']);
    expect(receipt!.blocks.find((b) => b.kind === 'text' && b.text === '受理回执')).toMatchObject({ align: 'center', runs: [{ bold: true, width: 2, height: 2 }] });
    expect(printer.stats).toMatchObject({ garbageBytes: 0, autoWraps: 0, unsupportedChars: 0, droppedBytes: 0, receipts: 1 });
  });

  it('renders the printed receipt to the same PNG as the preview', () => {
    const { printer, receipts } = setup();
    printer.receive(layoutReceipt(SAMPLE_RECEIPT).encode());
    const png = renderReceiptPng(receipts()[0]!);
    expect(PNG.sync.read(png).width).toBe(576);
    expect(png.equals(previewReceiptPng(SAMPLE_RECEIPT))).toBe(true);
  });

  it('prints the same receipt however the bytes are split (property)', () => {
    const bytes = layoutReceipt(SAMPLE_RECEIPT).encode();
    const expected = previewReceiptText(SAMPLE_RECEIPT);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 400 }), { minLength: 1, maxLength: 50 }), (sizes) => {
        const { printer, receipts } = setup();
        let at = 0;
        for (let i = 0; at < bytes.length; i++) {
          const size = sizes[i % sizes.length]!;
          printer.receive(bytes.subarray(at, at + size));
          at += size;
        }
        expect(receipts().map((r) => renderReceiptText(r))).toEqual([expected]);
      }),
      { numRuns: 60 },
    );
  });

  it('prints any receipt of GB2312 text as previewed (property)', () => {
    const char = fc.constantFrom(...Array.from('张王李赵受理回执办证部门时限号码窗口，。：（）-*0123456789 ABCxyz·€{}'));
    const text = (max: number) => fc.array(char, { minLength: 1, maxLength: max }).map((a) => a.join(''));
    const data = fc.record({
      header: fc.array(text(40), { maxLength: 2 }),
      title: text(30),
      rows: fc.array(fc.record({ label: text(10), value: text(60) }), { maxLength: 4 }),
      items: fc.array(fc.record({ name: text(60), department: text(20), promisedTime: text(10) }), { maxLength: 3 }),
      trackingCode: fc.stringMatching(/^SL-\d{8}-\d{6}$/),
      notes: fc.array(text(80), { maxLength: 2 }),
      footer: fc.array(text(30), { maxLength: 1 }),
      printedAt: fc.constant('2026-11-22 10:31:05'),
    });
    fc.assert(
      fc.property(data, (receipt) => {
        const { printer, receipts } = setup();
        printer.receive(layoutReceipt(receipt).encode());
        expect(receipts().map((r) => renderReceiptText(r))).toEqual([previewReceiptText(receipt)]);
        expect(printer.stats.autoWraps).toBe(0);
      }),
      { numRuns: 40 },
    );
  });

  it('receives a line with 𠮷 as an image the width of the paper', () => {
    const { printer, receipts } = setup();
    printer.receive(layoutReceipt({ ...SAMPLE_RECEIPT, rows: [{ label: '申请人', value: '𠮷*' }] }).encode());
    const receipt = receipts()[0]!;
    const images = receipt.blocks.filter((b) => b.kind === 'image');
    expect(images).toHaveLength(1);
    expect(images[0]).toMatchObject({ bitmap: { width: 576, height: 30 } });
    expect(renderReceiptText(receipt)).toContain('\n[image 576x30]\n');
    expect(renderReceiptText(receipt)).not.toContain('\ufffd');
    writeFileSync(join(tmpdir(), 'kiosk-receipt-printed-ext-b.png'), renderReceiptPng(receipt));
  });

  it('records barcodes with their symbology, data and settings', () => {
    const { printer, receipts } = setup();
    const bytes = new EscPosEncoder().initialize().align('center').barcode('SL-20261122-000123', { symbology: 'code128', height: 60, width: 3 }).cut().encode();
    printer.receive(concat(bytes, Uint8Array.of(0x1d, 0x6b, 0x04, 0x41, 0x31, 0x00), cmd.partialCutWithFeed()));
    const [first, second] = receipts();
    expect(first!.blocks).toEqual([{ kind: 'barcode', align: 'center', symbology: 'code128', data: 'SL-20261122-000123', height: 60, moduleWidth: 3, hri: 'below' }]);
    expect(second!.blocks).toMatchObject([{ kind: 'barcode', symbology: 'code39', data: 'A1' }]);
    expect(renderReceiptText(first!)).toContain('[CODE128 SL-20261122-000123]');
  });

  it('keeps raster images and stored QR data', () => {
    const { printer, receipts } = setup();
    const bitmap = createMonoBitmap(16, 2);
    bitmap.data.set([0xff, 0x00, 0x00, 0xff]);
    printer.receive(concat(new EscPosEncoder().image(bitmap).qr('张三', { mode: 'native' }).encode(), cmd.partialCutWithFeed()));
    const blocks = receipts()[0]!.blocks;
    expect(blocks[0]).toEqual({ kind: 'image', align: 'left', bitmap: { width: 16, height: 2, data: Uint8Array.of(0xff, 0x00, 0x00, 0xff) } });
    expect(blocks[1]).toMatchObject({ kind: 'qr', data: '张三', moduleSize: 6, ecc: 'M' });
  });
});

describe('VirtualEscPosPrinter: text handling', () => {
  const print = (...parts: Uint8Array[]) => {
    const { printer, receipts } = setup();
    printer.receive(concat(...parts, cmd.partialCutWithFeed()));
    return { printer, receipt: receipts()[0]! };
  };
  const ascii = (s: string) => Uint8Array.from(Array.from(s, (c) => c.charCodeAt(0)));

  it('ignores ESC a in the middle of a line, as printers do', () => {
    const { receipt } = print(ascii('ab'), cmd.selectAlign('right'), ascii('c\n'), ascii('d\n'));
    expect(receipt.blocks).toMatchObject([
      { kind: 'text', text: 'abc', align: 'left' },
      { kind: 'text', text: 'd', align: 'left' },
    ]);
  });

  it('wraps a line wider than the paper and counts it', () => {
    const { printer, receipt } = print(ascii(`${'x'.repeat(50)}\n`));
    expect(receipt.blocks.map((b) => b.kind === 'text' && b.text)).toEqual(['x'.repeat(48), 'xx']);
    expect(printer.stats.autoWraps).toBe(1);
  });

  it('applies ESC ! print modes, HT tab stops, feeds and ESC @', () => {
    const { receipt } = print(Uint8Array.of(0x1b, 0x21, 0x38), ascii('A\n'), cmd.initialize(), ascii('a\tb'), ascii('lost'), cmd.initialize(), ascii('c'), cmd.feedLines(3));
    expect(receipt.blocks).toEqual([
      { kind: 'text', align: 'left', text: 'A', runs: [{ text: 'A', bold: true, width: 2, height: 2 }] },
      { kind: 'text', align: 'left', text: 'c', runs: [{ text: 'c', bold: false, width: 1, height: 1 }] },
      { kind: 'feed', lines: 2 },
    ]);
    const tabbed = print(ascii('a\tb\n')).receipt.blocks[0];
    expect(tabbed).toMatchObject({ text: `a${' '.repeat(7)}b` });
  });

  it('prints 4-byte GB18030 codes as U+FFFD and counts them, as most printer fonts lack them', () => {
    const { printer, receipt } = print(cmd.chineseModeOn(), Uint8Array.of(0x95, 0x34, 0xb2, 0x35, 0xd5, 0xc5, 0x0a));
    expect(receipt.blocks).toMatchObject([{ text: '\ufffd张' }]);
    expect(printer.stats.unsupportedChars).toBe(1);
  });

  it('uses code page 437 outside Chinese mode', () => {
    const { receipt } = print(cmd.chineseModeOff(), Uint8Array.of(0x82, 0x0a));
    expect(receipt.blocks).toMatchObject([{ text: 'é' }]);
  });

  it('counts garbage without throwing', () => {
    const { printer, receipt } = print(Uint8Array.of(0x1b, 0xf0, 0x41, 0x0a, 0x7f, 0x1d, 0x56, 0x09));
    expect(receipt.blocks).toMatchObject([{ text: 'A' }]);
    expect(printer.stats.garbageBytes).toBe(2 + 1 + 3);
  });
});

describe('VirtualEscPosPrinter: robustness', () => {
  it('never throws on random bytes and random faults (property)', () => {
    const action = fc.oneof(
      fc.uint8Array({ maxLength: 200 }).map((bytes) => ({ bytes })),
      fc.constantFrom<'ok' | 'near-end' | 'out'>('ok', 'near-end', 'out').map((paper) => ({ paper })),
      fc.boolean().map((cover) => ({ cover })),
      fc.boolean().map((cutter) => ({ cutter })),
    );
    fc.assert(
      fc.property(fc.array(action, { maxLength: 30 }), (actions) => {
        const printer = new VirtualEscPosPrinter({ onReceipt: (r) => renderReceiptText(r), receiveBufferBytes: 4096 });
        for (const a of actions) {
          if ('bytes' in a) printer.receive(a.bytes);
          else if ('paper' in a) printer.setPaper(a.paper);
          else if ('cover' in a) printer.setCoverOpen(a.cover);
          else printer.setCutterError(a.cutter);
        }
        expect(printer.pendingBytes).toBeLessThanOrEqual(4096);
      }),
      { numRuns: 300 },
    );
  });

  it('recovers from any garbage with receiptio\'s flush: NULs, then ESC @ (property)', () => {
    const expected = previewReceiptText(SAMPLE_RECEIPT);
    const bytes = layoutReceipt(SAMPLE_RECEIPT).encode();
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (garbage) => {
        const { printer, receipts } = setup({ receiveBufferBytes: 4096 });
        printer.receive(garbage);
        printer.setPaper('ok');
        printer.setCoverOpen(false);
        printer.setCutterError(false);
        printer.receive(Uint8Array.of(0x10, 0x05, 0x01));
        for (let i = 0; i < 16; i++) printer.receive(new Uint8Array(512));
        printer.receive(bytes);
        expect(renderReceiptText(receipts().at(-1)!).endsWith(expected)).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('never throws on random command-shaped bytes (property)', () => {
    const piece = fc.oneof(
      fc.constantFrom(0x1b, 0x1d, 0x1c, 0x10).chain((p) => fc.tuple(fc.constant(p), fc.uint8Array({ maxLength: 8 })).map(([a, rest]) => [a, ...rest])),
      fc.uint8Array({ maxLength: 6 }).map((b) => Array.from(b)),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), (pieces) => {
        const printer = new VirtualEscPosPrinter({ transmit: () => undefined, onReceipt: (r) => renderReceiptText(r) });
        printer.receive(Uint8Array.from(pieces.flat()));
        printer.receive(cmd.partialCutWithFeed());
      }),
      { numRuns: 300 },
    );
  });
});
