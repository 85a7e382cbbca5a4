/**
 * A virtual ESC/POS printer (80 mm, Chinese firmware) for tests and `npm start` without hardware. Pure: bytes
 * in through `receive`, replies out through `transmit`, receipts out through `onReceipt` at each cut.
 *
 * Like a real printer:
 * - DLE EOT n and DLE ENQ n act the moment they arrive, even offline and even inside image data (§A.6).
 * - Everything else runs in buffer order; `GS r 1` is answered only when all before it has been printed.
 * - Paper out, cover open or a cutter error take it offline. Job bytes received meanwhile are kept in the
 *   receive buffer (up to `receiveBufferBytes`, beyond which they are dropped and counted, as a printer
 *   signalling BUSY would lose them) and nothing prints, so a fence stays unanswered.
 * - Loading paper or closing the cover resumes printing by itself where it stopped; the receipt then comes
 *   out marked `interrupted`. A cutter error stays latched after `setCutterError(false)` until DLE ENQ 1
 *   (resume) or DLE ENQ 2 (drop buffered bytes, then resume). DLE ENQ 2 also drops buffered bytes while the
 *   paper is out or the cover open, so an adapter can abandon a failed job.
 * - ASB (`GS a n`) sends a 4-byte block when enabled and on every change of an enabled category; ESC @ keeps
 *   the ASB setting (receiptio relies on ASB staying on).
 */
import { decodeBarcodeData, symbologyOf, type Symbology } from '../escpos/barcode.ts';
import type { Align, HriPosition, QrEcc } from '../escpos/commands.ts';
import { PRINT_WIDTH_DOTS } from '../render/draw.ts';
import { renderDocumentPng } from '../render/png.ts';
import { qrMatrix } from '../render/qr.ts';
import { renderDocumentText, type TextRenderOptions } from '../render/text.ts';
import type { SimulatedDevice } from '../../sim/sim-binding.ts';
import { readCommand, type SimCommand } from './command-reader.ts';
import { Paper, type CharStyle, type RenderedReceipt } from './paper.ts';
import { RealtimeScanner, StatusRegister, type PaperState } from './status-register.ts';

export type { RenderedReceipt } from './paper.ts';
export type { PaperState } from './status-register.ts';

export interface VirtualPrinterOptions {
  /** Called at every cut with the receipt printed since the previous one. */
  readonly onReceipt?: (receipt: RenderedReceipt) => void;
  /** Bytes the printer sends back (status replies). */
  readonly transmit?: (bytes: Uint8Array) => void;
  /** Defaults to 576 (80 mm at 203 dpi). */
  readonly printWidthDots?: number;
  /** Unprocessed bytes kept while offline or mid-command. Defaults to 1 MiB. */
  readonly receiveBufferBytes?: number;
}

export interface VirtualPrinterStats {
  readonly bytesReceived: number;
  /** Bytes that were no command and no text. */
  readonly garbageBytes: number;
  /** Bytes lost because the receive buffer was full. */
  readonly droppedBytes: number;
  /** 4-byte GB18030 characters received; they print as U+FFFD, as most printer fonts lack them. */
  readonly unsupportedChars: number;
  readonly autoWraps: number;
  readonly receipts: number;
}

const ALIGNS: readonly Align[] = ['left', 'center', 'right'];
const ECCS: Readonly<Record<number, QrEcc>> = { 0x30: 'L', 0x31: 'M', 0x32: 'Q', 0x33: 'H' };
const HRIS: readonly HriPosition[] = ['none', 'above', 'below', 'both'];
const FUNCTION_A: readonly Symbology[] = ['upc-a', 'upc-e', 'ean13', 'ean8', 'code39', 'itf', 'codabar'];
const INFO: Readonly<Record<number, string>> = { 0x41: '1.00', 0x42: 'KIOSKSIM', 0x43: 'VP-80', 0x44: 'SIM0001', 0x45: 'CHINESE GB18030' };

interface Modes {
  align: Align;
  style: CharStyle;
  chinese: boolean;
  codeTable: number;
  qr: { moduleSize: number; ecc: QrEcc; data: Uint8Array };
  barcode: { height: number; width: number; hri: HriPosition };
}

function defaultModes(): Modes {
  return {
    align: 'left',
    style: { bold: false, width: 1, height: 1 },
    // Chinese mode is the power-on default of Chinese-market printers (research §A.1).
    chinese: true,
    codeTable: 0,
    qr: { moduleSize: 3, ecc: 'L', data: new Uint8Array(0) },
    barcode: { height: 162, width: 3, hri: 'none' },
  };
}

/** Plugs into `SimBinding.addPort(path, printer)`; pass `transmit: (b) => binding.deliver(path, b)`. */
export class VirtualEscPosPrinter implements SimulatedDevice {
  private readonly options: VirtualPrinterOptions;
  private readonly maxBuffer: number;
  private readonly paper: Paper;
  private readonly status: StatusRegister;
  private readonly scanner: RealtimeScanner;
  private modes = defaultModes();
  private buffer = new Uint8Array(0);
  private pumping = false;
  private counters = { bytesReceived: 0, garbageBytes: 0, droppedBytes: 0, unsupportedChars: 0, receipts: 0 };

  constructor(options: VirtualPrinterOptions = {}) {
    this.options = options;
    this.maxBuffer = options.receiveBufferBytes ?? 1 << 20;
    this.paper = new Paper(options.printWidthDots ?? PRINT_WIDTH_DOTS);
    this.status = new StatusRegister((bytes) => this.send(bytes));
    this.scanner = new RealtimeScanner({
      status: (n) => this.send(Uint8Array.of(this.status.realtimeByte(n))),
      recover: (n) => this.recover(n),
    });
  }

  get stats(): VirtualPrinterStats {
    return { ...this.counters, autoWraps: this.paper.autoWraps };
  }

  get online(): boolean {
    return this.status.online;
  }

  /** Received bytes not yet processed (held while offline, or the start of an incomplete command). */
  get pendingBytes(): number {
    return this.buffer.length;
  }

  receive(bytes: Uint8Array): void {
    this.counters.bytesReceived += bytes.length;
    let start = 0;
    this.scanner.scan(bytes, (end) => {
      // DLE ENQ 2 cleared the buffers: nothing received up to here is kept.
      start = end;
    });
    this.append(bytes.subarray(start));
    this.pump();
  }

  setPaper(state: PaperState): void {
    this.changeStatus(() => this.status.setPaper(state));
  }

  setCoverOpen(open: boolean): void {
    this.changeStatus(() => this.status.setCoverOpen(open));
  }

  /** A jam in the cutter; clearing it is not enough, the printer waits for DLE ENQ 1 or 2. */
  setCutterError(jammed: boolean): void {
    this.changeStatus(() => this.status.setCutterJam(jammed));
  }

  private send(bytes: Uint8Array): void {
    this.options.transmit?.(bytes);
  }

  private changeStatus(change: () => void): void {
    const wasOnline = this.status.online;
    change();
    if (wasOnline && !this.status.online && (this.paper.hasContent || this.buffer.length > 0)) this.paper.interrupted = true;
    this.status.report();
    this.pump();
  }

  /** DLE ENQ n; returns whether the receive buffer was cleared. */
  private recover(n: 1 | 2): boolean {
    const dropBuffers = n === 2 && !this.status.online;
    this.changeStatus(() => {
      this.status.recover();
      if (!dropBuffers) return;
      this.buffer = new Uint8Array(0);
      this.paper.clearLine();
      if (this.paper.hasContent) this.paper.interrupted = true;
    });
    return dropBuffers;
  }

  private append(bytes: Uint8Array): void {
    const room = Math.max(0, this.maxBuffer - this.buffer.length);
    const kept = bytes.subarray(0, room);
    this.counters.droppedBytes += bytes.length - kept.length;
    const next = new Uint8Array(this.buffer.length + kept.length);
    next.set(this.buffer);
    next.set(kept, this.buffer.length);
    this.buffer = next;
  }

  /** Processes buffered commands while online; re-entrant calls (from callbacks) just add work. */
  private pump(): void {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (this.status.online && this.buffer.length > 0) {
        const result = readCommand(this.buffer, 0, this.modes.chinese, this.modes.codeTable, { maxCommandBytes: this.maxBuffer });
        if (result === 'wait') break;
        // Consumed before acting, so callbacks that append to or clear the buffer see a consistent one.
        this.buffer = this.buffer.subarray(result.length);
        if (result.command.op === 'garbage') this.counters.garbageBytes += result.length;
        this.apply(result.command);
      }
    } finally {
      this.pumping = false;
    }
  }

  private apply(command: SimCommand): void {
    const m = this.modes;
    switch (command.op) {
      case 'text':
        this.paper.addChar(command.text, command.double ? 2 : 1, m.style, m.align);
        return;
      case 'unsupported-char':
        this.counters.unsupportedChars++;
        this.paper.addChar('\ufffd', 2, m.style, m.align);
        return;
      case 'lf':
        this.paper.lineFeed();
        return;
      case 'ht':
        this.paper.tab(m.style, m.align);
        return;
      case 'init':
        this.paper.clearLine();
        this.modes = defaultModes();
        return;
      case 'code-table':
        m.codeTable = command.n;
        return;
      case 'chinese':
        m.chinese = command.on;
        return;
      case 'align': {
        // Only effective at the start of a line (research §A.1).
        const align = ALIGNS[command.n % 48];
        if (align && !this.paper.lineStarted) m.align = align;
        return;
      }
      case 'bold':
        m.style = { ...m.style, bold: command.on };
        return;
      case 'size':
        if ((command.n & 0x88) === 0) m.style = { ...m.style, width: (command.n >> 4) + 1, height: (command.n & 7) + 1 };
        return;
      case 'print-mode':
        m.style = { bold: (command.n & 0x08) !== 0, width: command.n & 0x20 ? 2 : 1, height: command.n & 0x10 ? 2 : 1 };
        return;
      case 'feed-lines':
        this.paper.feedLines(command.n);
        return;
      case 'feed-dots':
        this.paper.endLine();
        return;
      case 'cut':
        this.counters.receipts++;
        this.options.onReceipt?.(this.paper.cut(command.full ? 'full' : 'partial'));
        return;
      case 'qr':
        this.applyQr(command.fn, command.params);
        return;
      case 'barcode-height':
        if (command.n > 0) m.barcode.height = command.n;
        return;
      case 'barcode-width':
        if (command.n > 0 && command.n <= 6) m.barcode.width = command.n;
        return;
      case 'hri':
        m.barcode.hri = HRIS[command.n % 48] ?? m.barcode.hri;
        return;
      case 'barcode': {
        const symbology = command.m <= 6 ? FUNCTION_A[command.m] : symbologyOf(command.m);
        const data = decodeBarcodeData(symbology, command.data);
        this.paper.addBlock({ kind: 'barcode', align: m.align, symbology, data, height: m.barcode.height, moduleWidth: m.barcode.width, hri: m.barcode.hri });
        return;
      }
      case 'raster':
        this.paper.addBlock({ kind: 'image', align: m.align, bitmap: { width: command.widthBytes * 8, height: command.height, data: command.data } });
        return;
      case 'transmit-status':
        if (command.n === 1 || command.n === 49) this.send(Uint8Array.of(this.status.paperByte()));
        else if (command.n === 2 || command.n === 50) this.send(Uint8Array.of(0x00));
        return;
      case 'asb':
        this.status.setAsb(command.n);
        return;
      case 'info': {
        const text = INFO[command.n];
        if (text) this.send(Uint8Array.from([0x5f, ...Array.from(text, (c) => c.charCodeAt(0)), 0x00]));
        return;
      }
      case 'realtime':
      case 'ignored':
      case 'garbage':
        return;
    }
  }

  private applyQr(fn: number, params: Uint8Array): void {
    const qr = this.modes.qr;
    const p0 = params[0] ?? 0;
    if (fn === 0x43 && p0 >= 1 && p0 <= 16) qr.moduleSize = p0;
    else if (fn === 0x45) qr.ecc = ECCS[p0] ?? qr.ecc;
    else if (fn === 0x50 && p0 === 0x30) qr.data = params.slice(1);
    else if (fn === 0x51 && qr.data.length > 0) {
      const data = new TextDecoder().decode(qr.data);
      this.paper.addBlock({ kind: 'qr', align: this.modes.align, data, bytes: qr.data, moduleSize: qr.moduleSize, ecc: qr.ecc });
    } else if (fn === 0x52) this.send(this.qrSizeReply());
  }

  /** fn 182 reply: `37 36 <h> 1F <v> 1F 31 1F <30 printable / 31 not> 00`, sizes in dots as ASCII. */
  private qrSizeReply(): Uint8Array {
    const dots = qrDots(this.modes.qr.data, this.modes.qr.ecc, this.modes.qr.moduleSize);
    const printable = dots > 0 && dots <= this.paper.widthDots;
    const ascii = (s: string) => Array.from(s, (c) => c.charCodeAt(0));
    return Uint8Array.from([0x37, 0x36, ...ascii(String(dots)), 0x1f, ...ascii(String(dots)), 0x1f, 0x31, 0x1f, printable ? 0x30 : 0x31, 0x00]);
  }
}

/** Printed size of a QR symbol in dots; 0 when the data does not fit a symbol. */
function qrDots(data: Uint8Array, ecc: QrEcc, moduleSize: number): number {
  try {
    return data.length === 0 ? 0 : qrMatrix(data, ecc).size * moduleSize;
  } catch {
    return 0;
  }
}

export function renderReceiptText(receipt: RenderedReceipt, options: TextRenderOptions = {}): string {
  return renderDocumentText(receipt, options);
}

/** Same look as `previewReceiptPng`: the printer's dot grid and the bundled font. */
export function renderReceiptPng(receipt: RenderedReceipt, options: { readonly widthDots?: number } = {}): Buffer {
  return renderDocumentPng(receipt, options);
}
