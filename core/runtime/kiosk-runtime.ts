/**
 * The kiosk runtime as the renderer sees it: the current views, the RPC handlers that change them, and the
 * fan-out of every change to each connected renderer. It lives outside the renderer so a renderer crash or
 * reload loses nothing: the next connection gets the same state through getSnapshot.
 */
import { serveKioskRpc } from '../contract/kiosk-rpc.ts';
import type { CoreApi, RendererApi } from '../contract/rpc-contract.ts';
import type { MessagePort, RpcRejection } from '../contract/rpc-endpoint.ts';
import { FAREWELL_MS, type DeviceStatus, type KioskSnapshot, type KioskView, type SessionView, type SyncStatus } from '../contract/kiosk-view.ts';
import type { Locale } from '../contract/locale.ts';
import type { QueryView } from '../contract/query-view.ts';
import type { CaptureInput } from '../contract/capture.ts';
import type { CitizenEvent, FieldValue, TransactionView } from '../contract/transaction-view.ts';
import type { Logger } from '../logging/logger.ts';
import type { SpeechService } from '../voice/speech-service.ts';
import type { PinyinLookup } from '../pinyin/pinyin-lookup.ts';
import { CITIZEN_RATE_LIMITS, REFUSAL_REPORT_MS } from './citizen-limits.ts';
import { createRateLimiter, type RateLimiter } from './rate-limiter.ts';

export interface RuntimeOptions {
  readonly kiosk: KioskView;
  readonly session: { readonly language: Locale; readonly elderMode: boolean };
  readonly log: Logger;
  /** Codes from the renderer's keyboard-wedge fallback. */
  readonly onWedgeScan?: (text: string) => void;
  /** A citizen's action; returns whether the current step took it. Absent while no session can run. */
  readonly onSessionEvent?: (event: CitizenEvent) => boolean;
  /** One of the applicant's own answers in full, or null when it may not be shown (session-view.ts `ownAnswer`). */
  readonly onOwnAnswer?: (key: string) => FieldValue | null;
  /** A page the document camera captured; resolves with whether the materials step took it. */
  readonly onCapture?: (input: CaptureInput) => Promise<boolean>;
  /** Voice guidance's engine in core; absent: the renderer's own voices only. */
  readonly voice?: SpeechService;
  /** The on-screen keyboard's pinyin (on its own thread, started when first asked); absent: pinyin unavailable. */
  readonly pinyin?: PinyinLookup;
  /** How long the farewell keeps the ended session's language and elder mode (default FAREWELL_MS). */
  readonly farewellMs?: number;
  /** The clock of the citizen input limits, in ms (default: monotonic). */
  readonly now?: () => number;
}

export interface RendererConnection {
  /** Detaches the connection; pending calls are rejected. */
  close(): void;
}

export class KioskRuntime {
  private readonly connections = new Set<RendererApi>();
  private readonly log: Logger;
  private readonly onWedgeScan: RuntimeOptions['onWedgeScan'];
  private readonly onSessionEvent: RuntimeOptions['onSessionEvent'];
  private readonly onCapture: RuntimeOptions['onCapture'];
  private readonly onOwnAnswer: RuntimeOptions['onOwnAnswer'];
  private readonly voice: RuntimeOptions['voice'];
  /** What every new citizen starts with: a session's language and elder mode end with it. */
  private readonly defaults: RuntimeOptions['session'];
  private readonly farewellMs: number;
  /** Set while the last citizen's farewell shows in their settings; the defaults follow when it fires. */
  private farewell: NodeJS.Timeout | undefined;
  private kiosk: KioskView;
  private session: SessionView;
  private devices: DeviceStatus[] = [];
  private sync: SyncStatus = { backOffice: 'unknown', lastContactAt: null, queued: 0 };
  private readonly limiter: RateLimiter;
  private readonly pinyin: RuntimeOptions['pinyin'];
  private refusalReport: NodeJS.Timeout | undefined;

  constructor(options: RuntimeOptions) {
    this.log = options.log;
    this.onWedgeScan = options.onWedgeScan;
    this.onSessionEvent = options.onSessionEvent;
    this.onCapture = options.onCapture;
    this.onOwnAnswer = options.onOwnAnswer;
    this.voice = options.voice;
    this.defaults = options.session;
    this.farewellMs = options.farewellMs ?? FAREWELL_MS;
    this.kiosk = options.kiosk;
    this.session = { step: 'attract', ...options.session, transaction: null, query: null };
    this.limiter = createRateLimiter(CITIZEN_RATE_LIMITS, options.now ?? (() => performance.now()));
    this.pinyin = options.pinyin;
  }

  readonly api: CoreApi = {
    getSnapshot: () => this.snapshot(),
    setLanguage: ({ language }) => {
      if (!this.admit('setLanguage')) return this.session;
      if (this.kiosk.hall && !this.kiosk.hall.languages.available.includes(language)) return this.session;
      return this.updateSession({ ...this.nextCitizen(), language });
    },
    setElderMode: ({ enabled }) => {
      if (!this.admit('setElderMode')) return this.session;
      return this.updateSession({ ...this.nextCitizen(), elderMode: enabled });
    },
    wedgeScan: ({ text }) => {
      if (!this.admit('wedgeScan')) return null;
      // Scanned content can be personal: only its length is logged.
      this.log.info({ source: 'keyboard-wedge', length: text.length }, 'code scanned');
      this.onWedgeScan?.(text);
      return null;
    },
    speak: (input) => (this.voice && this.admit('speak') ? this.voice.speak(input) : null),
    speechChunk: (input) => (this.voice && this.admit('speechChunk') ? this.voice.chunk(input) : null),
    pinyinCandidates: async ({ letters }) => {
      if (!this.admit('pinyinCandidates')) return { available: true, candidates: [] };
      const candidates = (await this.pinyin?.candidates(letters)) ?? null;
      return candidates ? { available: true, candidates: [...candidates] } : { available: false, candidates: [] };
    },
    sessionEvent: (event) => ({
      accepted: this.admit(event.type) && this.kiosk.status.state === 'available' && (this.onSessionEvent?.(event) ?? false),
    }),
    ownAnswer: ({ key }) => {
      const value = this.admit('ownAnswer') && this.kiosk.status.state === 'available' ? (this.onOwnAnswer?.(key) ?? null) : null;
      // Which field, never its value: the log is read by people who are not the applicant.
      if (value !== null) this.log.info({ key }, 'own answer shown to the applicant');
      return { value };
    },
    captureMaterial: async (input) => ({
      accepted: this.admit('captureMaterial') && this.kiosk.status.state === 'available' && ((await this.onCapture?.(input)) ?? false),
    }),
  };

  /**
   * Whether citizen input of this kind is within its limit. Refusals are reported in one warning line per
   * REFUSAL_REPORT_MS with their counts: a flood must not become a flood of log lines.
   */
  private admit(key: string): boolean {
    if (this.limiter.take(key)) return true;
    this.refusalReport ??= setTimeout(() => {
      this.refusalReport = undefined;
      this.log.warn({ refused: this.limiter.takeRefusals() }, 'citizen input over its rate limit refused');
    }, REFUSAL_REPORT_MS).unref();
    return false;
  }

  snapshot(): KioskSnapshot {
    return { kiosk: this.kiosk, session: this.session, devices: this.devices, sync: this.sync };
  }

  /** Serves the RPC contract on a port (one per renderer window or browser tab). */
  connect(port: MessagePort, peer: string): RendererConnection {
    const endpoint = serveKioskRpc({ port, onReject: (r) => this.onReject(r, peer) }, this.api);
    this.connections.add(endpoint.emit);
    this.log.info({ peer }, 'renderer connected');
    return {
      close: () => {
        this.connections.delete(endpoint.emit);
        endpoint.close();
        this.log.info({ peer }, 'renderer disconnected');
      },
    };
  }

  setKioskStatus(status: KioskView['status']): void {
    this.kiosk = { ...this.kiosk, status };
    this.broadcast('kiosk', this.kiosk);
  }

  /**
   * The transaction's new view (null: waiting for a citizen). `ended`: the citizen is thanked in their own
   * language and elder mode, and the kiosk's defaults return after the farewell, or at once when the next
   * session starts first.
   */
  setTransaction(transaction: TransactionView | null, ended: boolean): void {
    const next = transaction !== null && transaction.step !== 'attract' ? this.nextCitizen() : {};
    if (ended) {
      clearTimeout(this.farewell);
      this.farewell = setTimeout(() => {
        this.farewell = undefined;
        this.updateSession(this.defaults);
      }, this.farewellMs).unref();
    }
    this.updateSession({ ...next, step: transaction?.step ?? 'attract', transaction });
  }

  /**
   * A session or a settings change during the last citizen's farewell is the next citizen's: the farewell
   * ends, and they start from the defaults (plus their own change).
   */
  private nextCitizen(): Partial<SessionView> {
    if (!this.farewell) return {};
    clearTimeout(this.farewell);
    this.farewell = undefined;
    return this.defaults;
  }

  /** The progress query's new view; null when it closed. */
  setQuery(query: QueryView | null): void {
    this.updateSession({ query });
  }

  setSyncStatus(sync: SyncStatus): void {
    this.sync = sync;
    this.broadcast('sync', sync);
  }

  setDevices(devices: DeviceStatus[]): void {
    this.devices = devices;
    this.broadcast('devices', devices);
  }

  private updateSession(change: Partial<SessionView>): SessionView {
    this.session = { ...this.session, ...change };
    this.broadcast('session', this.session);
    return this.session;
  }

  private broadcast<K extends keyof RendererApi>(topic: K, payload: Parameters<RendererApi[K]>[0]): void {
    for (const emit of this.connections) (emit[topic] as (p: typeof payload) => void)(payload);
  }

  private onReject(rejection: RpcRejection, peer: string): void {
    // The payload is deliberately absent: only the code, method and failing paths are logged.
    this.log.warn({ peer, rpc: rejection }, 'rpc message rejected');
  }
}
