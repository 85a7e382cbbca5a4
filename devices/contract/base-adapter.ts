/**
 * Shared behaviour of every adapter: the UnifiedPOS lifecycle (open → claim → enable → disable → release →
 * close) with its preconditions, status changes as events, statistics, and the reaction to a lost link.
 * Subclasses supply the device-specific steps through the protected hooks.
 */
import type { DeviceAdapter, DeviceEventMap, DeviceKind, DeviceState, DeviceStatistics, DeviceStatus, HealthLevel, HealthResult } from './device.ts';
import { DeviceError, DisconnectedError } from './errors.ts';
import { TypedEmitter } from './emitter.ts';

export const NOT_REACHABLE: DeviceStatus = { state: 'UNAVAILABLE', code: 'NOT_REACHABLE' };
export const READY: DeviceStatus = { state: 'READY', code: 'OK' };

export interface AdapterOptions {
  readonly id: string;
  readonly kind: DeviceKind;
  readonly now?: () => number;
}

export abstract class BaseDeviceAdapter<TData = never> implements DeviceAdapter<TData> {
  readonly id: string;
  readonly kind: DeviceKind;
  protected readonly now: () => number;
  private readonly events = new TypedEmitter<DeviceEventMap<TData>>();
  private currentState: DeviceState = 'closed';
  private currentStatus: DeviceStatus = NOT_REACHABLE;
  private isClaimed = false;
  private isEnabled = false;
  private openedAt: number | null = null;
  private stats = { operations: 0, bytesIn: 0, bytesOut: 0, errors: 0, disconnects: 0 };
  private lastError: DeviceStatistics['lastError'] = null;

  protected constructor(options: AdapterOptions) {
    this.id = options.id;
    this.kind = options.kind;
    this.now = options.now ?? Date.now;
  }

  get state(): DeviceState {
    return this.currentState;
  }
  get status(): DeviceStatus {
    return this.currentStatus;
  }
  get claimed(): boolean {
    return this.isClaimed;
  }
  get enabled(): boolean {
    return this.isEnabled;
  }

  async open(): Promise<void> {
    if (this.currentState !== 'closed') throw new DeviceError('E_ILLEGAL', `${this.id} is already open`);
    await this.onOpen();
    this.currentState = 'idle';
    this.openedAt = this.now();
  }

  /** Takes exclusive use and checks the device answers; a device that does not answer is not claimed. */
  async claim(): Promise<void> {
    this.require('open');
    if (this.isClaimed) return;
    await this.onClaim();
    this.isClaimed = true;
  }

  async enable(): Promise<void> {
    this.require('claimed');
    if (this.isEnabled) return;
    await this.onEnable();
    this.isEnabled = true;
  }

  async disable(): Promise<void> {
    if (!this.isEnabled) return;
    this.isEnabled = false;
    await this.onDisable();
  }

  async release(): Promise<void> {
    await this.disable();
    this.isClaimed = false;
  }

  /** Always succeeds and may be called in any state. */
  async close(): Promise<void> {
    await this.release().catch(() => undefined);
    if (this.currentState === 'closed') return;
    this.currentState = 'closed';
    this.openedAt = null;
    await this.onClose().catch(() => undefined);
  }

  abstract checkHealth(level: HealthLevel): Promise<HealthResult>;

  statistics(): DeviceStatistics {
    return {
      ...this.stats,
      lastError: this.lastError,
      uptimeMs: this.openedAt === null ? 0 : this.now() - this.openedAt,
    };
  }

  on<K extends keyof DeviceEventMap<TData>>(event: K, listener: (payload: DeviceEventMap<TData>[K]) => void): () => void {
    return this.events.on(event, listener);
  }

  protected abstract onOpen(): Promise<void>;
  protected abstract onClaim(): Promise<void>;
  protected async onEnable(): Promise<void> {}
  protected async onDisable(): Promise<void> {}
  protected abstract onClose(): Promise<void>;

  protected setState(state: DeviceState): void {
    this.currentState = state;
  }

  protected setStatus(status: DeviceStatus): void {
    const same = status.state === this.currentStatus.state && status.code === this.currentStatus.code && status.detail === this.currentStatus.detail;
    this.currentStatus = status;
    if (!same) this.events.emit('status', status);
  }

  protected emitData(data: TData): void {
    this.events.emit('data', data);
  }

  protected emitOutputComplete(jobId: string): void {
    this.events.emit('outputComplete', { jobId });
  }

  protected countOperation(): void {
    this.stats.operations++;
  }

  protected countBytes(direction: 'in' | 'out', count: number): void {
    if (direction === 'in') this.stats.bytesIn += count;
    else this.stats.bytesOut += count;
  }

  protected recordError(error: Error): void {
    this.stats.errors++;
    this.lastError = { code: error instanceof DeviceError ? error.code : 'E_FAILURE', message: error.message, at: this.now() };
    this.events.emit('error', error);
  }

  /** The link is gone: the device is unavailable until a supervisor reopens it. */
  protected lostLink(cause?: unknown): void {
    if (this.currentState === 'closed') return;
    this.stats.disconnects++;
    this.isEnabled = false;
    this.isClaimed = false;
    this.currentState = 'error';
    this.setStatus(NOT_REACHABLE);
    this.recordError(new DisconnectedError(`${this.id}: link lost`, { cause }));
  }

  private require(what: 'open' | 'claimed'): void {
    if (this.currentState === 'closed') throw new DeviceError('E_CLOSED', `${this.id} is closed`);
    if (this.currentState === 'error') throw new DeviceError('E_OFFLINE', `${this.id} has lost its link`);
    if (what === 'claimed' && !this.isClaimed) throw new DeviceError('E_NOTCLAIMED', `${this.id} is not claimed`);
  }
}
