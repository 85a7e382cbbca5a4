/**
 * The acceptance receipt (受理回执) for 80 mm paper: hall name, title, applicant rows, the items applied
 * for with what happens next, the receipt number (受理编号) as text and QR, notes, footer and print time. The layout is built once as a
 * ReceiptDocument; the bytes, the text preview and the PNG preview are all derived from it, so what the
 * screen shows is what the printer gets.
 */
import { EscPosEncoder } from '../escpos/encoder.ts';
import type { QrEcc } from '../escpos/commands.ts';
import { COLUMNS_80MM, DOTS_PER_COLUMN, printableText, textWidth, wrap } from '../escpos/text-width.ts';
import { run, textBlock, type ReceiptBlock, type ReceiptDocument } from '../document.ts';
import { renderDocumentPng } from '../render/png.ts';
import { renderDocumentText } from '../render/text.ts';

export interface ReceiptRow {
  readonly label: string;
  readonly value: string;
}

export interface ReceiptItem {
  readonly name: string;
  readonly department?: string;
  /** e.g. 5个工作日 */
  readonly promisedTime?: string;
  /** What happens next (下一步, 地点, 携带, 结果), printed under the item as `label：value`, wrapped under the value. */
  readonly steps?: readonly ReceiptRow[];
}

export interface ReceiptLabels {
  readonly items: string;
  readonly department: string;
  readonly promisedTime: string;
  readonly trackingCode: string;
  readonly printedAt: string;
}

export interface ReceiptData {
  /** Hall name and similar, one line each. */
  readonly header: readonly string[];
  /** e.g. 受理回执 */
  readonly title: string;
  /** Applicant and case details; personal data must already be masked (张*). */
  readonly rows: readonly ReceiptRow[];
  readonly items: readonly ReceiptItem[];
  /** Printed as text and as a QR code, e.g. SL-20261122-000123. */
  readonly trackingCode: string;
  readonly notes?: readonly string[];
  readonly footer?: readonly string[];
  /** A Date is printed in `timeZone`; a string as is. */
  readonly printedAt: Date | string;
  readonly labels?: Partial<ReceiptLabels>;
}

export interface ReceiptLayoutOptions {
  /** Columns of the normal font. Defaults to 48 (80 mm). */
  readonly columns?: number;
  /** QR dots per module. Defaults to 6. */
  readonly qrModuleSize?: number;
  /** Defaults to 'M'. */
  readonly qrEcc?: QrEcc;
  /** Time zone for a Date `printedAt`. Defaults to Asia/Shanghai. */
  readonly timeZone?: string;
  /** Blank lines before the cut. Defaults to 2. */
  readonly feedBeforeCut?: number;
}

export const DEFAULT_RECEIPT_LABELS: ReceiptLabels = {
  items: '办理事项',
  department: '承办部门',
  promisedTime: '承诺时限',
  trackingCode: '受理编号',
  printedAt: '打印时间',
};

const INDENT = '    ';

/** `YYYY-MM-DD HH:mm:ss` in the given time zone. */
export function formatPrintTime(date: Date, timeZone = 'Asia/Shanghai'): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(date);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '00';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}:${get('second')}`;
}

function paragraphs(lines: readonly string[] = []): string[] {
  return lines.flatMap((line) => printableText(line, true).split('\n'));
}

function lines(text: string, columns: number, style: Parameters<typeof run>[1] = {}, align: 'left' | 'center' = 'left'): ReceiptBlock[] {
  return wrap(text, columns).map((line) => textBlock([run(line.trimEnd(), style)], align));
}

/** Label left and value right on one line when both fit, otherwise the value wrapped and indented below. */
function row(label: string, value: string, columns: number, indent = ''): ReceiptBlock[] {
  const left = indent + printableText(label);
  const right = printableText(value);
  if (right === '') return lines(left, columns);
  const gap = columns - textWidth(left) - textWidth(right);
  if (gap >= 2) return [textBlock([run(left + ' '.repeat(gap) + right)])];
  const inner = indent + INDENT;
  return [...lines(left, columns), ...wrap(right, columns - textWidth(inner)).map((line) => textBlock([run(inner + line.trimEnd())]))];
}

/** `label：value`, the value wrapped under itself: a sentence reads left to right, unlike a right-aligned figure. */
function labelled(label: string, value: string, columns: number, indent: string): ReceiptBlock[] {
  const head = `${indent}${printableText(label)}：`;
  const hang = ' '.repeat(textWidth(head));
  return wrap(printableText(value), columns - textWidth(head)).map((line, i) => textBlock([run((i === 0 ? head : hang) + line.trimEnd())]));
}

export function buildReceiptDocument(data: ReceiptData, options: ReceiptLayoutOptions = {}): ReceiptDocument {
  const columns = options.columns ?? COLUMNS_80MM;
  const labels = { ...DEFAULT_RECEIPT_LABELS, ...data.labels };
  const rule = textBlock([run('-'.repeat(columns))]);
  const blocks: ReceiptBlock[] = [];

  for (const line of paragraphs(data.header)) blocks.push(...lines(line, columns, { bold: true }, 'center'));
  blocks.push(...lines(printableText(data.title), Math.floor(columns / 2), { bold: true, width: 2, height: 2 }, 'center'));
  blocks.push(rule);
  for (const r of data.rows) blocks.push(...row(r.label, r.value, columns));

  if (data.items.length > 0) {
    blocks.push(rule, ...lines(labels.items, columns, { bold: true }));
    data.items.forEach((item, i) => {
      const number = `${i + 1}. `;
      wrap(printableText(item.name), columns - number.length).forEach((line, j) => {
        blocks.push(textBlock([run((j === 0 ? number : ' '.repeat(number.length)) + line.trimEnd())]));
      });
      if (item.department) blocks.push(...row(labels.department, item.department, columns, '   '));
      if (item.promisedTime) blocks.push(...row(labels.promisedTime, item.promisedTime, columns, '   '));
      for (const step of item.steps ?? []) blocks.push(...labelled(step.label, step.value, columns, '   '));
    });
  }

  const code = printableText(data.trackingCode);
  blocks.push(rule, ...lines(`${labels.trackingCode}：${code}`, columns, { bold: true }, 'center'));
  blocks.push({ kind: 'qr', align: 'center', data: code, moduleSize: options.qrModuleSize ?? 6, ecc: options.qrEcc ?? 'M' });
  blocks.push({ kind: 'feed', lines: 1 });

  for (const note of paragraphs(data.notes)) blocks.push(...lines(note, columns));
  for (const line of paragraphs(data.footer)) blocks.push(...lines(line, columns, {}, 'center'));
  const printedAt = typeof data.printedAt === 'string' ? data.printedAt : formatPrintTime(data.printedAt, options.timeZone);
  blocks.push(...row(labels.printedAt, printedAt, columns));
  const feed = options.feedBeforeCut ?? 2;
  if (feed > 0) blocks.push({ kind: 'feed', lines: feed });
  return { blocks, cut: true };
}

/** Appends a document's blocks (and its cut) to an encoder. */
export function encodeDocument(doc: ReceiptDocument, encoder: EscPosEncoder = new EscPosEncoder()): EscPosEncoder {
  for (const block of doc.blocks) {
    switch (block.kind) {
      case 'text':
        encoder.align(block.align);
        for (const r of block.runs) encoder.bold(r.bold).size(r.width, r.height).text(r.text);
        encoder.newline();
        break;
      case 'feed':
        encoder.feed(block.lines);
        break;
      case 'image':
        encoder.align(block.align).image(block.bitmap);
        break;
      case 'qr':
        encoder.align(block.align).qr(block.data, { moduleSize: block.moduleSize, ecc: block.ecc });
        break;
      case 'barcode':
        if (block.symbology) {
          encoder.align(block.align).barcode(block.data, { symbology: block.symbology, height: block.height, width: block.moduleWidth, hri: block.hri });
        }
        break;
    }
  }
  if (doc.cut) encoder.cut();
  return encoder;
}

/** The receipt as ESC/POS: `layoutReceipt(data).encode()`. The job fence is the adapter's to add. */
export function layoutReceipt(data: ReceiptData, options: ReceiptLayoutOptions = {}): EscPosEncoder {
  return encodeDocument(buildReceiptDocument(data, options), new EscPosEncoder({ printWidthDots: (options.columns ?? COLUMNS_80MM) * DOTS_PER_COLUMN }).initialize());
}

export function previewReceiptText(data: ReceiptData, options: ReceiptLayoutOptions = {}): string {
  return renderDocumentText(buildReceiptDocument(data, options), { columns: options.columns ?? COLUMNS_80MM });
}

/** PNG 576 px wide (80 mm at 203 dpi), drawn with the bundled font. */
export function previewReceiptPng(data: ReceiptData, options: ReceiptLayoutOptions = {}): Buffer {
  return renderDocumentPng(buildReceiptDocument(data, options), { widthDots: (options.columns ?? COLUMNS_80MM) * DOTS_PER_COLUMN });
}
