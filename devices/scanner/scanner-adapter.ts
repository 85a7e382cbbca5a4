/**
 * Barcode scanner adapter, for serial (RS-232/USB-CDC) and HID POS scanners alike: a link that delivers
 * chunks (bytes or HID reports) and an assembler that turns chunks into codes (the suffix/silence framer or
 * the vendor report assembler). Codes reach `data` listeners only while the adapter is enabled (UnifiedPOS
 * DataEventEnabled), so a scan outside the step that wants one is dropped rather than queued.
 */
import { BaseDeviceAdapter, READY } from '../contract/base-adapter.ts';
import type { HealthLevel, HealthResult } from '../contract/device.ts';
import { DeviceError } from '../contract/errors.ts';
import type { ByteTransport, CloseInfo, ReportTransport } from '../transport/byte-transport.ts';
import { HidScanAssembler, type HidPosLayout } from './hid-pos.ts';
import { ScanFramer, type ScanFramerOptions } from './serial-framing.ts';
import type { ProblemListener, ScannedCode, ScanProblem } from './scanned-code.ts';

/** ScanFramer and HidScanAssembler share this shape. */
interface CodeAssembler {
  readonly deadline: number | undefined;
  push(chunk: Uint8Array, nowMs: number): ScannedCode[];
  flush(nowMs: number): ScannedCode[];
}

interface ScanLink {
  readonly description: string;
  readonly isOpen: boolean;
  close(): Promise<void>;
  onChunk(listener: (chunk: Uint8Array) => void): () => void;
  onClose(listener: (info: CloseInfo) => void): () => void;
}

export interface ScannerAdapterOptions {
  readonly id: string;
  /** Opens the link for each open (the device may have moved since the last one). */
  readonly openLink: () => Promise<ScanLink>;
  readonly createAssembler: (onProblem: ProblemListener) => CodeAssembler;
  readonly onProblem?: (problem: ScanProblem) => void;
  readonly now?: () => number;
}

export class ScannerAdapter extends BaseDeviceAdapter<ScannedCode> {
  private link: ScanLink | undefined;
  private assembler: CodeAssembler | undefined;
  private flushTimer: NodeJS.Timeout | undefined;
  private readonly detach: (() => void)[] = [];

  constructor(private readonly options: ScannerAdapterOptions) {
    super({ id: options.id, kind: 'scanner', now: options.now });
  }

  protected async onOpen(): Promise<void> {
    const link = await this.options.openLink();
    this.link = link;
    this.assembler = this.options.createAssembler((p) => this.onProblem(p));
    this.detach.push(
      link.onChunk((chunk) => this.onChunk(chunk)),
      link.onClose((info) => {
        if (info.disconnected) this.lostLink(info.error);
      }),
    );
  }

  /** A scanner says nothing until something is scanned: an open link is all the proof there is. */
  protected async onClaim(): Promise<void> {
    if (!this.link?.isOpen) throw new DeviceError('E_NOHARDWARE', `${this.id}: link not open`);
    this.setStatus(READY);
  }

  protected async onClose(): Promise<void> {
    clearTimeout(this.flushTimer);
    this.detach.splice(0).forEach((off) => off());
    await this.link?.close();
    this.link = undefined;
    this.assembler = undefined;
  }

  async checkHealth(level: HealthLevel): Promise<HealthResult> {
    const ok = this.status.state === 'READY' && (this.link?.isOpen ?? false);
    const text = ok ? `scanner ready on ${this.link?.description}` : `scanner not reachable (${this.status.code})`;
    return { level, ok, text, status: this.status };
  }

  private onChunk(chunk: Uint8Array): void {
    this.countBytes('in', chunk.length);
    if (!this.assembler) return;
    this.deliver(this.assembler.push(chunk, this.now()));
    this.armFlush();
  }

  /** Codes ending in silence (no suffix, or a missing final report) complete on this timer. */
  private armFlush(): void {
    clearTimeout(this.flushTimer);
    const deadline = this.assembler?.deadline;
    if (deadline === undefined) return;
    this.flushTimer = setTimeout(
      () => {
        if (this.assembler) this.deliver(this.assembler.flush(this.now()));
        this.armFlush();
      },
      Math.max(0, deadline - this.now()) + 1,
    );
  }

  private deliver(codes: readonly ScannedCode[]): void {
    for (const code of codes) {
      this.countOperation();
      if (this.enabled) this.emitData(code);
    }
  }

  private onProblem(problem: ScanProblem): void {
    this.options.onProblem?.(problem);
    this.recordError(new DeviceError('E_PROTOCOL', `${this.id}: ${problem.kind}: ${problem.message}`));
  }
}

type Link = Pick<ByteTransport, 'description' | 'isOpen' | 'close' | 'onClose'>;

function asScanLink(transport: Link, onChunk: ScanLink['onChunk']): ScanLink {
  return {
    get description() {
      return transport.description;
    },
    get isOpen() {
      return transport.isOpen;
    },
    close: () => transport.close(),
    onChunk,
    onClose: (listener) => transport.onClose(listener),
  };
}

export function serialScanner(options: {
  id: string;
  /** Resolves with an open transport. */
  openTransport: () => Promise<ByteTransport>;
  framing: Omit<ScanFramerOptions, 'onProblem'>;
  onProblem?: (problem: ScanProblem) => void;
  now?: () => number;
}): ScannerAdapter {
  return new ScannerAdapter({
    id: options.id,
    openLink: async () => {
      const transport = await options.openTransport();
      return asScanLink(transport, (listener) => transport.onData(listener));
    },
    createAssembler: (onProblem) => new ScanFramer({ ...options.framing, onProblem }),
    onProblem: options.onProblem,
    now: options.now,
  });
}

export function hidScanner(options: {
  id: string;
  /** Resolves with an open transport. */
  openTransport: () => Promise<ReportTransport>;
  layout: HidPosLayout;
  timeoutMs?: number;
  onProblem?: (problem: ScanProblem) => void;
  now?: () => number;
}): ScannerAdapter {
  return new ScannerAdapter({
    id: options.id,
    openLink: async () => {
      const transport = await options.openTransport();
      return asScanLink(transport, (listener) => transport.onReport(listener));
    },
    createAssembler: (onProblem) => new HidScanAssembler(options.layout, { timeoutMs: options.timeoutMs ?? 100, onProblem }),
    onProblem: options.onProblem,
    now: options.now,
  });
}
