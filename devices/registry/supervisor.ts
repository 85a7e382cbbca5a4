/**
 * Keeps one device in service: opens, claims and enables it; when that fails or the link is lost later,
 * closes it, reports it unavailable, and tries again with exponential backoff and jitter until it is back
 * READY, without restarting the kiosk.
 */
import type { DeviceAdapter } from '../contract/device.ts';

export interface Backoff {
  readonly initialMs: number;
  readonly maxMs: number;
}

export interface SupervisorLog {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
}

export interface SupervisorOptions {
  readonly backoff?: Backoff;
  readonly log?: SupervisorLog;
  readonly random?: () => number;
}

const DEFAULT_BACKOFF: Backoff = { initialMs: 500, maxMs: 30_000 };

export function backoffDelay(attempt: number, backoff: Backoff, random: () => number): number {
  const base = Math.min(backoff.maxMs, backoff.initialMs * 2 ** attempt);
  // ±20 % jitter so a hall full of kiosks does not retry in lockstep after a power cut.
  return Math.round(base * (0.8 + 0.4 * random()));
}

export class DeviceSupervisor {
  private attempt = 0;
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private connecting: Promise<void> | undefined;
  private readonly unsubscribe: () => void;
  private readonly backoff: Backoff;
  private readonly random: () => number;

  constructor(
    readonly adapter: DeviceAdapter<unknown>,
    private readonly options: SupervisorOptions = {},
  ) {
    this.backoff = options.backoff ?? DEFAULT_BACKOFF;
    this.random = options.random ?? Math.random;
    this.unsubscribe = adapter.on('error', (error) => {
      if ((error as { disconnected?: boolean }).disconnected && this.running) {
        options.log?.warn({ device: adapter.id }, 'device link lost; reconnecting');
        this.attempt = 0;
        this.schedule(0);
      }
    });
  }

  /** Starts supervision; resolves after the first attempt, whether or not the device is there. */
  async start(): Promise<void> {
    this.running = true;
    await this.connect();
  }

  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.timer);
    await this.connecting;
    this.unsubscribe();
    await this.adapter.close();
  }

  /** Wait for any connection attempt in progress (tests, diagnostics). */
  async settled(): Promise<void> {
    await this.connecting;
  }

  private schedule(delayMs: number): void {
    clearTimeout(this.timer);
    if (!this.running) return;
    this.timer = setTimeout(() => void this.connect(), delayMs);
    this.timer.unref();
  }

  private connect(): Promise<void> {
    this.connecting ??= this.tryConnect().finally(() => {
      this.connecting = undefined;
    });
    return this.connecting;
  }

  private async tryConnect(): Promise<void> {
    if (!this.running) return;
    const { adapter } = this;
    try {
      await adapter.close();
      await adapter.open();
      await adapter.claim();
      await adapter.enable();
      if (this.attempt > 0) this.options.log?.info({ device: adapter.id, attempts: this.attempt }, 'device back in service');
      this.attempt = 0;
    } catch (error) {
      await adapter.close();
      const delay = backoffDelay(this.attempt++, this.backoff, this.random);
      this.options.log?.warn({ device: adapter.id, err: error, retryInMs: delay }, 'device not available');
      this.schedule(delay);
    }
  }
}
