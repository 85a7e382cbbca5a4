import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { textWidth } from '../escpos/text-width.ts';
import { buildReceiptDocument, formatPrintTime, layoutReceipt, previewReceiptPng, previewReceiptText } from './receipt.ts';
import { SAMPLE_RECEIPT } from './sample-receipt.ts';

const EXPECTED_PREVIEW = [
  '            北京市西城区政务服务中心',
  '                    受理回执',
  '------------------------------------------------',
  '申请人                                       张*',
  '证件号码                      110105********002X',
  '受理窗口                              A12 号窗口',
  '受理时间                        2026-11-22 10:31',
  '------------------------------------------------',
  '办理事项',
  '1. 居住证签注',
  '   承办部门                           区公安分局',
  '   承诺时限                            5个工作日',
  '2. 城乡居民基本医疗保险参保登记（含新生儿、学生',
  '   及其他未成年人）',
  '   承办部门                         区医疗保障局',
  '   承诺时限                                 即办',
  '------------------------------------------------',
  '          受理编号：SL-20261122-000123',
  '            [QR SL-20261122-000123]',
  '',
  '请妥善保管本回执，凭受理编号或扫描二维码查询办理',
  '进度。',
  '               政务服务热线 12345',
  '打印时间                     2026-11-22 10:31:05',
  '',
  '',
  '--------------------- cut ----------------------',
].join('\n');

function indexOfSeq(haystack: Uint8Array, needle: readonly number[]): number {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

/** The stream with GS v 0 image data removed, so byte searches look at commands and text only. */
function withoutRasterData(bytes: Uint8Array): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 0x1d && bytes[i + 1] === 0x76 && bytes[i + 2] === 0x30) {
      const x = bytes[i + 4]! + 256 * bytes[i + 5]!;
      const y = bytes[i + 6]! + 256 * bytes[i + 7]!;
      out.push(0x1d, 0x76, 0x30);
      i += 7 + x * y;
      continue;
    }
    out.push(bytes[i]!);
  }
  return Uint8Array.from(out);
}

describe('receipt layout', () => {
  it('previews as 48-column text', () => {
    expect(previewReceiptText(SAMPLE_RECEIPT)).toBe(EXPECTED_PREVIEW);
  });

  it('never exceeds the paper width, on 80 mm and 58 mm paper', () => {
    for (const columns of [48, 32]) {
      const doc = buildReceiptDocument(SAMPLE_RECEIPT, { columns });
      for (const block of doc.blocks) {
        if (block.kind !== 'text') continue;
        const dots = block.runs.reduce((n, r) => n + textWidth(r.text) * r.width, 0);
        expect(dots).toBeLessThanOrEqual(columns);
      }
    }
  });

  it('prints the title bold at double size, centred', () => {
    const title = buildReceiptDocument(SAMPLE_RECEIPT).blocks.find((b) => b.kind === 'text' && b.text === '受理回执');
    expect(title).toEqual({ kind: 'text', align: 'center', text: '受理回执', runs: [{ text: '受理回执', bold: true, width: 2, height: 2 }] });
  });

  it('wraps a value that does not fit beside its label, indented', () => {
    const text = previewReceiptText({ ...SAMPLE_RECEIPT, rows: [{ label: '办理地址', value: '北京市西城区二龙路27号政务服务中心三层东侧C区综合受理窗口' }], items: [] });
    expect(text).toContain('办理地址\n    北京市西城区二龙路27号政务服务中心三层东侧C\n    区综合受理窗口\n');
  });

  it('prints an item’s next steps as label：value, a long value wrapped under itself', () => {
    const steps = [
      { label: '下一步', value: '部门受理后3个工作日内，残联短信通知评残日期；请按通知日期前往' },
      { label: '地点', value: '示例市康复医院' },
    ];
    const text = previewReceiptText({ ...SAMPLE_RECEIPT, items: [{ name: '残疾人证新办', steps }] });
    expect(text).toContain(
      ['1. 残疾人证新办', '   下一步：部门受理后3个工作日内，残联短信通知评', '           残日期；请按通知日期前往', '   地点：示例市康复医院'].join('\n'),
    );
  });

  it('keeps control characters in data out of the printer stream', () => {
    const bytes = layoutReceipt({ ...SAMPLE_RECEIPT, rows: [{ label: '申请人', value: '张\u001bi*' }] }).encode();
    expect(indexOfSeq(bytes, [0x1b, 0x69])).toBe(-1);
  });

  it('encodes to ESC/POS: initialise first, a native QR of the tracking code, a partial cut last', () => {
    const bytes = layoutReceipt(SAMPLE_RECEIPT).encode();
    expect(Array.from(bytes.subarray(0, 2))).toEqual([0x1b, 0x40]);
    expect(Array.from(bytes.subarray(-4))).toEqual([0x1d, 0x56, 0x42, 0x00]);
    const code = Array.from(new TextEncoder().encode('SL-20261122-000123'));
    expect(indexOfSeq(bytes, [0x1d, 0x28, 0x6b, code.length + 3, 0, 0x31, 0x50, 0x30, ...code])).toBeGreaterThan(0);
    expect(indexOfSeq(bytes, [0x3f])).toBe(-1);
  });

  it('prints a name with a 4-byte character as a raster line, never as ?', () => {
    const bytes = withoutRasterData(layoutReceipt({ ...SAMPLE_RECEIPT, rows: [{ label: '申请人', value: '𠮷*' }] }).encode());
    expect(indexOfSeq(bytes, [0x1d, 0x76, 0x30])).toBeGreaterThan(0);
    expect(indexOfSeq(bytes, [0x95, 0x34, 0xb2, 0x35])).toBe(-1);
    expect(indexOfSeq(bytes, [0x3f])).toBe(-1);
  });

  it('formats the print time in China time, or prints a given string as is', () => {
    expect(formatPrintTime(new Date('2026-11-22T16:05:09Z'))).toBe('2026-11-23 00:05:09');
    expect(formatPrintTime(new Date('2026-11-22T16:05:09Z'), 'UTC')).toBe('2026-11-22 16:05:09');
    expect(previewReceiptText({ ...SAMPLE_RECEIPT, printedAt: '2026年11月22日' })).toContain('打印时间                          2026年11月22日');
  });

  it('leaves out empty sections and takes other labels', () => {
    const text = previewReceiptText({ ...SAMPLE_RECEIPT, items: [], notes: [], footer: [], labels: { trackingCode: '受理编号' } });
    expect(text).not.toContain('办理事项');
    expect(text).toContain('受理编号：SL-20261122-000123');
  });

  it('renders a 576-px PNG with the bundled font', () => {
    const png = previewReceiptPng(SAMPLE_RECEIPT);
    const decoded = PNG.sync.read(png);
    expect(decoded.width).toBe(576);
    expect(decoded.height).toBeGreaterThan(800);
    let dark = 0;
    for (let i = 0; i < decoded.data.length; i += 4) if ((decoded.data[i] ?? 255) < 128) dark++;
    expect(dark).toBeGreaterThan(10_000);
    writeFileSync(join(tmpdir(), 'kiosk-receipt-preview.png'), png);
  });
});
