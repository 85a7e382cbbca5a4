/**
 * ESC/POS receipt printer adapter. A job counts as printed only when the printer answers the `GS r 1`
 * fence sent after it; before a job the real-time status (DLE EOT 1..4) must show the printer online with
 * paper and the cover closed; between jobs Automatic Status Back keeps the status current.
 *
 * Job ids make retries safe: a job that completed is never sent again, and a job interrupted mid-way (paper
 * out, cover open) stays "suspended" — real printers keep its bytes and finish it when the fault is cleared,
 * so a retry first waits for that fence and resends only if the printer never finishes it.
 */
import { BaseDeviceAdapter } from '../contract/base-adapter.ts';
import type { DeviceStatus, HealthLevel, HealthResult } from '../contract/device.ts';
import { DeviceError, TimeoutError } from '../contract/errors.ts';
import { withTimeout, type ByteTransport } from '../transport/byte-transport.ts';
import { EscPosEncoder } from './escpos/encoder.ts';
import { autoStatusBack, realtimeStatusRequest, transmitStatus, type RealtimeStatusKind } from './escpos/commands.ts';
import {
  decodeAsb,
  decodePaperStatus,
  decodeRealtimeStatus,
  printerStatusCode,
  PrinterStatusParser,
  type PrinterFlags,
  type PrinterMessage,
} from './escpos/status.ts';

export interface PrinterAdapterOptions {
  readonly id: string;
  readonly openTransport: () => Promise<ByteTransport>;
  /** Longest wait for the fence after a job's bytes are sent. */
  readonly jobTimeoutMs?: number;
  readonly statusTimeoutMs?: number;
  /** How often status is polled while waiting for a fence, to notice paper out or an open cover mid-job. */
  readonly watchIntervalMs?: number;
  readonly now?: () => number;
}

export interface PrintOutcome {
  readonly jobId: string;
  /** True when an earlier attempt had already printed it: nothing was sent this time. */
  readonly alreadyPrinted: boolean;
  readonly durationMs: number;
}

/** ASB for drawer, online/offline, errors and the paper roll sensor (GS a n, bits 0-3). */
const ASB_ALL = 0x0f;
const REMEMBERED_JOBS = 1000;
/** Status poll while idle, for printers that do not send ASB. */
const IDLE_POLL_MS = 3_000;

type Waiter<T> = { resolve(value: T): void; reject(error: Error): void };

export class EscPosPrinterAdapter extends BaseDeviceAdapter {
  private transport: ByteTransport | undefined;
  private parser = new PrinterStatusParser();
  private flags: Partial<PrinterFlags> = {};
  private realtimeWaiter: Waiter<number> | undefined;
  private asbWaiter: (() => void) | undefined;
  private asbActive = false;
  private idlePoll: NodeJS.Timeout | undefined;
  private fenceWaiters: Waiter<number>[] = [];
  private queue: Promise<unknown> = Promise.resolve();
  private readonly printed = new Map<string, PrintOutcome>();
  private readonly suspended = new Set<string>();
  private readonly detach: (() => void)[] = [];
  private readonly jobTimeoutMs: number;
  private readonly statusTimeoutMs: number;
  private readonly watchIntervalMs: number;

  constructor(private readonly options: PrinterAdapterOptions) {
    super({ id: options.id, kind: 'printer', now: options.now });
    this.jobTimeoutMs = options.jobTimeoutMs ?? 30_000;
    this.statusTimeoutMs = options.statusTimeoutMs ?? 1_000;
    this.watchIntervalMs = options.watchIntervalMs ?? 500;
  }

  protected async onOpen(): Promise<void> {
    const transport = await this.options.openTransport();
    this.transport = transport;
    this.parser = new PrinterStatusParser();
    this.flags = {};
    this.detach.push(
      transport.onData((bytes) => {
        this.countBytes('in', bytes.length);
        for (const message of this.parser.push(bytes)) this.onMessage(message);
      }),
      transport.onClose((info) => {
        this.failWaiters(new DeviceError('E_NOHARDWARE', `${this.id}: link closed`));
        if (info.disconnected) this.lostLink(info.error);
      }),
    );
  }

  /**
   * Claimed only when the printer answers real-time status. Then ASB keeps the status current between jobs;
   * a printer without ASB (or offline, which defers the command) is polled instead while idle.
   */
  protected async onClaim(): Promise<void> {
    await this.refreshStatus();
    const firstBlock = withTimeout(
      new Promise<void>((resolve) => (this.asbWaiter = resolve)),
      this.statusTimeoutMs,
      () => new TimeoutError('no ASB'),
    );
    await this.send(autoStatusBack(ASB_ALL));
    this.asbActive = await firstBlock.then(
      () => true,
      () => false,
    );
    this.asbWaiter = undefined;
  }

  protected override async onEnable(): Promise<void> {
    if (!this.asbActive) this.pollIdle();
  }

  protected override async onDisable(): Promise<void> {
    clearTimeout(this.idlePoll);
  }

  private pollIdle(): void {
    this.idlePoll = setTimeout(() => {
      void this.serialized(() => this.refreshStatus())
        .catch(() => undefined)
        .finally(() => {
          if (this.enabled && !this.asbActive) this.pollIdle();
        });
    }, IDLE_POLL_MS);
    this.idlePoll.unref();
  }

  protected async onClose(): Promise<void> {
    clearTimeout(this.idlePoll);
    this.failWaiters(new DeviceError('E_CLOSED', `${this.id} closed`));
    this.detach.splice(0).forEach((off) => off());
    await this.transport?.close();
    this.transport = undefined;
  }

  /** Internal: real-time status only. External and interactive also print a test slip (UnifiedPOS). */
  async checkHealth(level: HealthLevel): Promise<HealthResult> {
    try {
      await this.serialized(() => this.refreshStatus());
      if (level !== 'internal' && this.status.state === 'READY') {
        await this.print(`health-${this.now()}`, testSlip(this.status.code, new Date(this.now())));
      }
    } catch (error) {
      return { level, ok: false, text: `printer check failed: ${(error as Error).message}`, status: this.status };
    }
    const ok = this.status.state === 'READY';
    const slip = level !== 'internal' && ok ? ', test slip printed' : '';
    return { level, ok, text: `printer ${ok ? 'ready' : 'not ready'}: ${this.status.code} on ${this.transport?.description}${slip}`, status: this.status };
  }

  /** Prints `bytes` as job `jobId`; resolves only when the printer has confirmed it. */
  print(jobId: string, bytes: Uint8Array): Promise<PrintOutcome> {
    const done = this.printed.get(jobId);
    if (done) return Promise.resolve({ ...done, alreadyPrinted: true, durationMs: 0 });
    return this.serialized(() => this.runJob(jobId, bytes));
  }

  private serialized<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async runJob(jobId: string, bytes: Uint8Array): Promise<PrintOutcome> {
    if (!this.enabled) throw new DeviceError('E_DISABLED', `${this.id} is not enabled`);
    const started = this.now();
    const done = this.printed.get(jobId);
    if (done) return { ...done, alreadyPrinted: true, durationMs: 0 };
    await this.refreshStatus();
    this.requireReady();
    if (this.suspended.has(jobId)) {
      // The printer may still be finishing the interrupted attempt: its fence answers for it.
      const finished = await this.awaitFence(this.jobTimeoutMs).then(
        () => true,
        () => false,
      );
      if (finished) return this.complete(jobId, started);
    }
    this.setStatus({ state: 'BUSY', code: 'OK' });
    this.suspended.add(jobId);
    try {
      await this.send(bytes, this.jobTimeoutMs);
      await this.send(transmitStatus(1));
      await this.watchUntilFence(this.now() + this.jobTimeoutMs);
    } catch (error) {
      this.updateStatus();
      this.recordError(error as Error);
      throw error;
    }
    return this.complete(jobId, started);
  }

  private complete(jobId: string, started: number): PrintOutcome {
    this.suspended.delete(jobId);
    const outcome: PrintOutcome = { jobId, alreadyPrinted: false, durationMs: this.now() - started };
    this.printed.set(jobId, outcome);
    if (this.printed.size > REMEMBERED_JOBS) this.printed.delete(this.printed.keys().next().value!);
    this.countOperation();
    this.updateStatus();
    this.emitOutputComplete(jobId);
    return outcome;
  }

  /** Waits for the fence while polling paper and cover: a fault mid-job fails the job with its status code. */
  private async watchUntilFence(deadline: number): Promise<void> {
    const fence = this.awaitFence(Math.max(1, deadline - this.now()));
    let settled = false;
    fence.then(
      () => (settled = true),
      () => (settled = true),
    );
    while (!settled) {
      await Promise.race([fence.catch(() => undefined), delay(this.watchIntervalMs)]);
      if (settled) break;
      await this.query(2);
      await this.query(4);
      const code = printerStatusCode(this.flags);
      if (code !== 'OK' && code !== 'MEDIA_LOW') {
        this.updateStatus();
        throw new DeviceError('E_MEDIA', `${this.id}: job interrupted: ${code}`);
      }
    }
    await fence;
  }

  private awaitFence(timeoutMs: number): Promise<number> {
    return withTimeout(
      new Promise<number>((resolve, reject) => this.fenceWaiters.push({ resolve, reject })),
      timeoutMs,
      () => new TimeoutError(`${this.id}: the printer did not confirm the job within ${timeoutMs} ms`),
    );
  }

  private async refreshStatus(): Promise<void> {
    for (const n of [1, 2, 3, 4] as const) await this.query(n);
    this.updateStatus();
  }

  private async query(n: RealtimeStatusKind): Promise<void> {
    const reply = withTimeout(
      new Promise<number>((resolve, reject) => (this.realtimeWaiter = { resolve, reject })),
      this.statusTimeoutMs,
      () => new TimeoutError(`${this.id}: no answer to DLE EOT ${n}`),
    );
    try {
      await this.send(realtimeStatusRequest(n));
      this.flags = { ...this.flags, ...decodeRealtimeStatus(n, await reply) };
    } finally {
      this.realtimeWaiter = undefined;
    }
  }

  private requireReady(): void {
    const code = printerStatusCode(this.flags);
    if (this.flags.offline || (code !== 'OK' && code !== 'MEDIA_LOW')) {
      throw new DeviceError('E_MEDIA', `${this.id}: not ready to print: ${code === 'OK' ? 'offline' : code}`);
    }
  }

  private async send(bytes: Uint8Array, timeoutMs = this.statusTimeoutMs): Promise<void> {
    const transport = this.transport;
    if (!transport) throw new DeviceError('E_CLOSED', `${this.id} is not open`);
    this.countBytes('out', bytes.length);
    await transport.write(bytes, timeoutMs);
  }

  private onMessage(message: PrinterMessage): void {
    switch (message.kind) {
      case 'realtime': {
        const waiter = this.realtimeWaiter;
        this.realtimeWaiter = undefined;
        waiter?.resolve(message.value);
        return;
      }
      case 'asb':
        this.asbActive = true;
        this.asbWaiter?.();
        this.flags = { ...this.flags, ...decodeAsb(message.bytes) };
        if (this.state !== 'busy') this.updateStatus();
        return;
      case 'fence':
        this.flags = { ...this.flags, ...decodePaperStatus(message.value) };
        this.fenceWaiters.shift()?.resolve(message.value);
        return;
      default:
        return;
    }
  }

  private updateStatus(): void {
    this.setStatus(statusFromFlags(this.flags));
  }

  private failWaiters(error: Error): void {
    this.realtimeWaiter?.reject(error);
    this.realtimeWaiter = undefined;
    for (const waiter of this.fenceWaiters.splice(0)) waiter.reject(error);
  }
}

export function statusFromFlags(flags: Partial<PrinterFlags>): DeviceStatus {
  const code = printerStatusCode(flags);
  if (code === 'OK' || code === 'MEDIA_LOW') return flags.offline ? { state: 'UNAVAILABLE', code: 'HARDWARE_ERROR', detail: 'offline' } : { state: 'READY', code };
  return { state: 'UNAVAILABLE', code };
}

function testSlip(code: string, at: Date): Uint8Array {
  return new EscPosEncoder()
    .initialize()
    .align('center')
    .bold(true)
    .line('打印机自检 Printer self-test')
    .bold(false)
    .line(at.toISOString())
    .line(`状态 Status: ${code}`)
    .line('一二三四五六七八九十 ABCDEFGHIJ 0123456789')
    .feed(3)
    .cut()
    .encode();
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
