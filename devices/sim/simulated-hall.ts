/**
 * The simulated devices `npm start` uses by default: a GA 467 reader, an ESC/POS printer and a serial
 * scanner, each behind a port of one simulator binding, so the production adapters drive them through
 * SerialPortStream exactly as they drive hardware. Receipts the virtual printer cuts are written to a
 * directory as text and PNG.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Symbology } from '../scanner/aim.ts';
import type { PayloadEncoding } from '../scanner/payload.ts';
import { suffixBytes, type SuffixName } from '../scanner/serial-framing.ts';
import { renderReceiptPng, renderReceiptText, VirtualEscPosPrinter, type PaperState, type RenderedReceipt } from '../printer/sim/virtual-printer.ts';
import type { Discovery } from '../registry/discovery.ts';
import { SimBinding } from './sim-binding.ts';
import { SimulatedSerialScanner } from './simulated-scanner.ts';

export const SIM_PATHS = {
  reader: '/dev/sim/idcard-reader',
  printer: '/dev/sim/receipt-printer',
  scanner: '/dev/sim/scanner',
} as const;

export type SimDeviceName = keyof typeof SIM_PATHS;

/** The controls a simulated card reader offers (implemented by the idcard simulator). */
export interface SimulatedReader {
  receive(bytes: Uint8Array): void;
}

export interface SimulatedHallOptions {
  readonly receiptDir: string;
  readonly readerBaudRate: number;
  readonly scannerSuffix: SuffixName;
  readonly scannerAimIds: boolean;
  /** Builds the reader simulator given the function that sends its bytes to the host. */
  readonly createReader: (transmit: (bytes: Uint8Array) => void) => SimulatedReader;
  /** Called after each receipt file pair is written (or failed to be). */
  readonly onReceiptWritten?: (result: { ok: true; files: string[] } | { ok: false; error: Error }) => void;
}

export interface PrinterSimState {
  paper: PaperState;
  coverOpen: boolean;
  cutterError: boolean;
}

export class SimulatedHall {
  readonly binding = new SimBinding();
  readonly reader: SimulatedReader;
  readonly printer: VirtualEscPosPrinter;
  readonly scanner: SimulatedSerialScanner;
  readonly printerState: PrinterSimState = { paper: 'ok', coverOpen: false, cutterError: false };
  private receiptCount = 0;
  private lastFiles: string[] = [];

  constructor(private readonly options: SimulatedHallOptions) {
    const { binding } = this;
    this.reader = options.createReader((bytes) => binding.deliver(SIM_PATHS.reader, bytes));
    this.printer = new VirtualEscPosPrinter({
      transmit: (bytes) => binding.deliver(SIM_PATHS.printer, bytes),
      onReceipt: (receipt) => void this.writeReceipt(receipt),
    });
    this.scanner = new SimulatedSerialScanner((bytes) => binding.deliver(SIM_PATHS.scanner, bytes), {
      suffix: suffixBytes(options.scannerSuffix),
      aimIds: options.scannerAimIds,
    });
    // The reader is paced like a real UART so read times are realistic; printer and scanner are USB-CDC.
    binding.addPort(SIM_PATHS.reader, this.reader, { baudRate: options.readerBaudRate, paced: true, info: { vendorId: '10c4', productId: 'ea60' } });
    binding.addPort(SIM_PATHS.printer, this.printer, { info: { vendorId: '0fe6', productId: '811e' } });
    binding.addPort(SIM_PATHS.scanner, this.scanner, { info: { vendorId: '0c2e', productId: '0b61' } });
  }

  readonly discovery: Discovery = {
    list: () => this.binding.list(),
    exists: async (path) => this.binding.isPlugged(path),
  };

  get lastReceiptFiles(): readonly string[] {
    return this.lastFiles;
  }

  scan(text: string, options: { symbology?: Symbology; encoding?: PayloadEncoding } = {}): void {
    this.scanner.scan(text, options);
  }

  setPaper(paper: PaperState): void {
    this.printerState.paper = paper;
    this.printer.setPaper(paper);
  }

  setCoverOpen(open: boolean): void {
    this.printerState.coverOpen = open;
    this.printer.setCoverOpen(open);
  }

  setCutterError(error: boolean): void {
    this.printerState.cutterError = error;
    this.printer.setCutterError(error);
  }

  unplug(device: SimDeviceName): void {
    this.binding.unplug(SIM_PATHS[device]);
  }

  plug(device: SimDeviceName): void {
    this.binding.plug(SIM_PATHS[device]);
  }

  isPlugged(device: SimDeviceName): boolean {
    return this.binding.isPlugged(SIM_PATHS[device]);
  }

  private async writeReceipt(receipt: RenderedReceipt): Promise<void> {
    const n = ++this.receiptCount;
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const base = join(this.options.receiptDir, `receipt-${stamp}-${String(n).padStart(4, '0')}`);
    try {
      await mkdir(this.options.receiptDir, { recursive: true });
      await writeFile(`${base}.txt`, renderReceiptText(receipt));
      await writeFile(`${base}.png`, renderReceiptPng(receipt));
      this.lastFiles = [`${base}.txt`, `${base}.png`];
      this.options.onReceiptWritten?.({ ok: true, files: this.lastFiles });
    } catch (error) {
      this.options.onReceiptWritten?.({ ok: false, error: error as Error });
    }
  }
}
