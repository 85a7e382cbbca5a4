/**
 * Whether the back office answers its own health check (GET /health, which checks its database too). Not
 * an internet check: a kiosk on a hall LAN or VPN with no route to the internet is online when its back
 * office answers. Probes often while offline, so delivery resumes within seconds of the back office coming
 * back, and rarely while online.
 */
import { systemClock, type Clock } from './clock.ts';

export type Reachable = 'unknown' | 'online' | 'offline';

export interface ReachabilityOptions {
  /** True when the back office answered healthy (a throw counts as no). */
  readonly check: () => Promise<boolean>;
  readonly onlineIntervalMs: number;
  readonly offlineIntervalMs: number;
  /** While true, probe at the offline interval even when online (its user is failing to get through). */
  readonly fast?: () => boolean;
  readonly clock?: Clock;
  readonly onChange?: (state: Reachable, previous: Reachable) => void;
}

export class Reachability {
  readonly #options: ReachabilityOptions;
  readonly #clock: Clock;
  #state: Reachable = 'unknown';
  #lastContactAt: number | null = null;
  #inFlight: Promise<Reachable> | undefined;
  #cancel: (() => void) | undefined;
  #stopped = true;

  constructor(options: ReachabilityOptions) {
    this.#options = options;
    this.#clock = options.clock ?? systemClock;
  }

  get state(): Reachable {
    return this.#state;
  }

  /** When the back office last answered healthy, null if never. */
  get lastContactAt(): number | null {
    return this.#lastContactAt;
  }

  start(): void {
    this.#stopped = false;
    void this.probeNow();
  }

  /** Probes now (joining a probe already under way) and restarts the interval from here. */
  probeNow(): Promise<Reachable> {
    this.#inFlight ??= this.#probe().finally(() => {
      this.#inFlight = undefined;
    });
    return this.#inFlight;
  }

  stop(): void {
    this.#stopped = true;
    this.#cancel?.();
  }

  async #probe(): Promise<Reachable> {
    const healthy = await this.#options.check().catch(() => false);
    if (healthy) this.#lastContactAt = this.#clock.now();
    const previous = this.#state;
    this.#state = healthy ? 'online' : 'offline';
    if (!this.#stopped) {
      this.#cancel?.();
      const slow = healthy && !this.#options.fast?.();
      this.#cancel = this.#clock.schedule(() => void this.probeNow(), slow ? this.#options.onlineIntervalMs : this.#options.offlineIntervalMs);
      if (previous !== this.#state) this.#options.onChange?.(this.#state, previous);
    }
    return this.#state;
  }
}
