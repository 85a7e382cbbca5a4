/**
 * The kiosk's heartbeat (POST /heartbeats): every few seconds the devices as the device service sees them,
 * the queue depths and the oldest undelivered row, the software and catalog version, and a refused catalog
 * with its problems, and the help calls the kiosk raised by itself (sent at once). The answer names the
 * published catalog (the updater fetches it when it differs) and the back office's clock (a skew over a
 * minute is logged: signatures fail beyond five).
 */
import type { HeartbeatAck, HeartbeatRequest, KioskAlert } from '../../backoffice/api/schemas.ts';
import type { DeviceStatus } from '../contract/kiosk-view.ts';
import type { QueueFigures } from '../store/delivery-queue.ts';
import type { Logger } from '../logging/logger.ts';
import type { BackOfficeClient } from './backoffice-client.ts';
import type { BackOfficeResult } from './client-types.ts';
import { systemClock, type Clock } from './clock.ts';
import type { RefusedCatalog } from './catalog-updater.ts';

export interface HeartbeatState {
  readonly software: string;
  readonly catalogVersion: string;
  readonly refusedCatalog: RefusedCatalog | null;
  readonly devices: readonly DeviceStatus[];
  readonly queue: { readonly submissions: QueueFigures; readonly messages: QueueFigures };
  /** Help calls the kiosk raised by itself (a full disk), until they are fixed. */
  readonly alerts: readonly KioskAlert[];
}

export interface HeartbeatOptions {
  readonly client: Pick<BackOfficeClient, 'postHeartbeat'>;
  readonly intervalMs: number;
  /** What to report, read at each beat. */
  readonly state: () => HeartbeatState;
  readonly onAck: (ack: HeartbeatAck) => void;
  readonly clock?: Clock;
  readonly log?: Logger;
}

const SKEW_WARNING_MS = 60_000;

/** The request for one beat, within the API's limits. Pure. */
export function heartbeatRequest(state: HeartbeatState, at: number): HeartbeatRequest {
  return {
    at,
    software: state.software.slice(0, 64),
    catalog: {
      version: state.catalogVersion,
      refused: state.refusedCatalog && { version: state.refusedCatalog.version, problems: state.refusedCatalog.problems.slice(0, 50).map((p) => p.slice(0, 500)) },
    },
    devices: state.devices.slice(0, 32).map(({ id, kind, status, code }) => ({ id: id.slice(0, 64), kind, status, code: code.slice(0, 64) })),
    queue: state.queue,
    alerts: state.alerts.slice(0, 8).map((a) => ({ ...a, detail: a.detail.slice(0, 200) })),
  };
}

export class Heartbeat {
  readonly #o: HeartbeatOptions;
  readonly #clock: Clock;
  #cancel: (() => void) | undefined;
  #stopped = true;
  /** Each chain of beats has its number; a beat of an older chain schedules nothing. */
  #chain = 0;

  constructor(options: HeartbeatOptions) {
    this.#o = options;
    this.#clock = options.clock ?? systemClock;
  }

  /** Beats now, then every interval. */
  start(): void {
    this.#stopped = false;
    void this.#tick(++this.#chain);
  }

  stop(): void {
    this.#stopped = true;
    this.#cancel?.();
  }

  /** Beats at once (an alert was raised or cleared) and goes on at the usual interval from there. */
  beatNow(): void {
    if (this.#stopped) return;
    this.#cancel?.();
    void this.#tick(++this.#chain);
  }

  async beat(): Promise<BackOfficeResult<HeartbeatAck>> {
    const at = this.#clock.now();
    const result = await this.#o.client.postHeartbeat(heartbeatRequest(this.#o.state(), at));
    if (result.kind !== 'ok') {
      this.#o.log?.debug({ reason: result.reason }, 'heartbeat not delivered');
      return result;
    }
    const skew = result.value.serverTime - at;
    if (Math.abs(skew) > SKEW_WARNING_MS) this.#o.log?.warn({ skewMs: skew }, 'the kiosk clock differs from the back office by more than a minute');
    this.#o.onAck(result.value);
    return result;
  }

  async #tick(chain: number): Promise<void> {
    await this.beat();
    if (!this.#stopped && chain === this.#chain) this.#cancel = this.#clock.schedule(() => void this.#tick(chain), this.#o.intervalMs);
  }
}
