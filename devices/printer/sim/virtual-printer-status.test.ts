import { describe, expect, it } from 'vitest';
import * as cmd from '../escpos/commands.ts';
import { createMonoBitmap } from '../escpos/bitmap.ts';
import { EscPosEncoder } from '../escpos/encoder.ts';
import { PrinterStatusParser, decodeAsb, printerStatusCode } from '../escpos/status.ts';
import { layoutReceipt, previewReceiptText, type ReceiptData } from '../layout/receipt.ts';
import { SAMPLE_RECEIPT } from '../layout/sample-receipt.ts';
import { recordingPrinter as setup } from './recording.ts';
import { VirtualEscPosPrinter, renderReceiptText, type RenderedReceipt } from './virtual-printer.ts';

const FENCE = cmd.transmitStatus(1);
const concat = (...parts: Uint8Array[]) => Uint8Array.from(parts.flatMap((p) => Array.from(p)));
const job = (data: ReceiptData = SAMPLE_RECEIPT) => concat(layoutReceipt(data).encode(), FENCE);
const ask = (printer: VirtualEscPosPrinter, n: 1 | 2 | 3 | 4) => printer.receive(cmd.realtimeStatusRequest(n));

describe('VirtualEscPosPrinter: status', () => {
  it('answers DLE EOT 1..4 with the idle bytes', () => {
    const { printer, takeReplies } = setup();
    for (const n of [1, 2, 3, 4] as const) ask(printer, n);
    expect(takeReplies()).toEqual([0x12, 0x12, 0x12, 0x12]);
  });

  it('answers DLE EOT split across chunks and inside image data', () => {
    const { printer, takeReplies } = setup();
    printer.receive(Uint8Array.of(0x10));
    printer.receive(Uint8Array.of(0x04));
    printer.receive(Uint8Array.of(0x02));
    expect(takeReplies()).toEqual([0x12]);
    const bitmap = createMonoBitmap(24, 1);
    bitmap.data.set([0x10, 0x04, 0x01]);
    printer.receive(new EscPosEncoder().image(bitmap).encode());
    expect(takeReplies()).toEqual([0x12]);
  });

  it('reports paper near-end and keeps printing', () => {
    const { printer, takeReplies, receipts } = setup();
    printer.setPaper('near-end');
    ask(printer, 4);
    expect(takeReplies()).toEqual([0x1e]);
    printer.receive(job());
    expect(receipts()).toHaveLength(1);
    expect(takeReplies()).toEqual([0x03]);
  });

  it('reports each fault byte-exactly', () => {
    const { printer, takeReplies } = setup();
    printer.setPaper('out');
    for (const n of [1, 2, 3, 4] as const) ask(printer, n);
    expect(takeReplies()).toEqual([0x1a, 0x32, 0x12, 0x72]);
    printer.setPaper('ok');
    printer.setCoverOpen(true);
    for (const n of [1, 2, 3, 4] as const) ask(printer, n);
    expect(takeReplies()).toEqual([0x1a, 0x16, 0x12, 0x12]);
    printer.setCoverOpen(false);
    printer.setCutterError(true);
    for (const n of [1, 2, 3, 4] as const) ask(printer, n);
    expect(takeReplies()).toEqual([0x3a, 0x52, 0x1a, 0x12]);
  });

  it('answers the GS r 1 fence only after the receipt before it is printed', () => {
    const { printer, events } = setup();
    printer.receive(job());
    expect(events.map((e) => ('receipt' in e ? 'receipt' : e.sent))).toEqual(['receipt', [0x00]]);
  });

  it('answers GS r 2 (drawer) and GS I (printer information) in buffer order', () => {
    const { printer, takeReplies } = setup();
    printer.receive(concat(cmd.transmitStatus(2), Uint8Array.of(0x1d, 0x49, 0x42)));
    expect(takeReplies()).toEqual([0x00, 0x5f, ...Array.from('KIOSKSIM', (c) => c.charCodeAt(0)), 0x00]);
  });

  it('answers a QR size request with a block reply', () => {
    const { printer, takeReplies } = setup();
    printer.receive(concat(cmd.qrModuleSize(4), cmd.qrStoreData(new TextEncoder().encode('SL-1')), cmd.qrTransmitSize()));
    const reply = takeReplies();
    expect(reply.slice(0, 2)).toEqual([0x37, 0x36]);
    expect(String.fromCharCode(...reply.slice(2, -1))).toBe('84\u001f84\u001f1\u001f0');
    expect(reply.at(-1)).toBe(0);
  });
});

describe('VirtualEscPosPrinter: faults', () => {
  it('stops at paper out mid-job, leaves the fence unanswered, and finishes once paper is loaded', () => {
    const { printer, takeReplies, receipts } = setup();
    const bytes = job();
    const half = Math.floor(bytes.length / 2);
    printer.receive(bytes.subarray(0, half));
    printer.setPaper('out');
    printer.receive(bytes.subarray(half));
    expect(receipts()).toHaveLength(0);
    expect(printer.online).toBe(false);
    expect(printer.pendingBytes).toBeGreaterThan(0);
    ask(printer, 4);
    ask(printer, 2);
    expect(takeReplies()).toEqual([0x72, 0x32]);
    printer.setPaper('ok');
    const [receipt] = receipts();
    expect(receipt!.interrupted).toBe(true);
    expect(renderReceiptText(receipt!)).toBe(previewReceiptText(SAMPLE_RECEIPT));
    expect(takeReplies()).toEqual([0x00]);
    expect(printer.pendingBytes).toBe(0);
  });

  it('holds a job while the cover is open and prints it when closed', () => {
    const { printer, takeReplies, receipts } = setup();
    printer.setCoverOpen(true);
    printer.receive(job());
    expect(receipts()).toHaveLength(0);
    expect(takeReplies()).toEqual([]);
    printer.setCoverOpen(false);
    expect(receipts()).toHaveLength(1);
    expect(receipts()[0]!.interrupted).toBe(false);
    expect(takeReplies()).toEqual([0x00]);
  });

  it('stays in error after a cutter jam is cleared until DLE ENQ 1 resumes', () => {
    const { printer, takeReplies, receipts } = setup();
    printer.setCutterError(true);
    printer.receive(job());
    printer.receive(cmd.realtimeRecover(1));
    expect(receipts()).toHaveLength(0);
    printer.setCutterError(false);
    ask(printer, 3);
    expect(takeReplies()).toEqual([0x1a]);
    expect(printer.online).toBe(false);
    printer.receive(cmd.realtimeRecover(1));
    expect(receipts()).toHaveLength(1);
    expect(takeReplies()).toEqual([0x00]);
    ask(printer, 3);
    expect(takeReplies()).toEqual([0x12]);
  });

  it('drops the buffered job on DLE ENQ 2 while offline, then prints the next job', () => {
    const { printer, takeReplies, receipts } = setup();
    printer.receive(new EscPosEncoder().initialize().line('第一份').encode());
    printer.setPaper('out');
    printer.receive(job());
    printer.receive(cmd.realtimeRecover(2));
    expect(printer.pendingBytes).toBe(0);
    printer.setPaper('ok');
    expect(receipts()).toHaveLength(0);
    expect(takeReplies()).toEqual([]);
    printer.receive(job());
    const [receipt] = receipts();
    expect(receipt!.interrupted).toBe(true);
    expect(renderReceiptText(receipt!).startsWith('第一份\n')).toBe(true);
    expect(takeReplies()).toEqual([0x00]);
  });

  it('drops bytes beyond its receive buffer while offline, and counts them', () => {
    const { printer } = setup({ receiveBufferBytes: 100 });
    printer.setCoverOpen(true);
    printer.receive(new Uint8Array(150).fill(0x41));
    expect(printer.pendingBytes).toBe(100);
    expect(printer.stats.droppedBytes).toBe(50);
  });

  it('lets a fence callback send the next job synchronously', () => {
    const receipts: RenderedReceipt[] = [];
    let jobs = 0;
    const printer: VirtualEscPosPrinter = new VirtualEscPosPrinter({
      onReceipt: (r) => receipts.push(r),
      transmit: () => {
        if (++jobs < 3) printer.receive(job());
      },
    });
    printer.receive(job());
    expect(receipts).toHaveLength(3);
  });
});

describe('VirtualEscPosPrinter: Automatic Status Back', () => {
  it('sends a block when enabled and on every change, which the status parser decodes', () => {
    const { printer, takeReplies } = setup();
    printer.receive(cmd.autoStatusBack(0xff));
    expect(takeReplies()).toEqual([0x10, 0x00, 0x00, 0x00]);
    printer.setPaper('near-end');
    printer.setPaper('out');
    printer.setCoverOpen(true);
    printer.setCoverOpen(false);
    printer.setPaper('ok');
    printer.setCutterError(true);
    printer.setCutterError(false);
    printer.receive(cmd.realtimeRecover(1));
    const bytes = Uint8Array.from(takeReplies());
    const messages = new PrinterStatusParser().push(bytes);
    expect(messages.every((m) => m.kind === 'asb')).toBe(true);
    const codes = messages.map((m) => (m.kind === 'asb' ? printerStatusCode(decodeAsb(m.bytes)) : 'none'));
    expect(codes).toEqual(['MEDIA_LOW', 'MEDIA_EMPTY', 'COVER_OPEN', 'MEDIA_EMPTY', 'OK', 'HARDWARE_ERROR', 'OK']);
    expect(Array.from(bytes.subarray(4, 8))).toEqual([0x18, 0x00, 0x0c, 0x00]);
  });

  it('sends only enabled categories, and stops when disabled', () => {
    const { printer, takeReplies } = setup();
    printer.receive(cmd.autoStatusBack(0x08));
    expect(takeReplies()).toHaveLength(4);
    printer.setCoverOpen(true);
    printer.setCoverOpen(false);
    expect(takeReplies()).toEqual([]);
    printer.setPaper('near-end');
    expect(takeReplies()).toEqual([0x10, 0x00, 0x03, 0x00]);
    printer.receive(cmd.autoStatusBack(0));
    printer.setPaper('ok');
    expect(takeReplies()).toEqual([]);
  });

  it('keeps ASB on across ESC @', () => {
    const { printer, takeReplies } = setup();
    printer.receive(concat(cmd.autoStatusBack(0xff), cmd.initialize()));
    takeReplies();
    printer.setPaper('near-end');
    expect(takeReplies()).toHaveLength(4);
  });
});

