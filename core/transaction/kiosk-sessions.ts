/**
 * The citizen sessions of a running kiosk: the session runner fed by the devices (a card on the reader, a
 * scanned QR e-ID) and by the renderer's validated events, printing the receipt on the kiosk's printer, and
 * publishing the session view once each state is durable. Identification that fails (an expired card, an
 * e-ID while offline) leaves the kiosk on the attract screen with a notice saying why.
 */
import { randomUUID } from 'node:crypto';
import type { Catalog } from '../../kiosk-config/catalog-schema.ts';
import type { IdCardRead } from '../../devices/idcard/id-card-reader.ts';
import { layoutReceipt } from '../../devices/printer/layout/receipt.ts';
import type { Locale, LocalizedText } from '../contract/locale.ts';
import type { CaptureInput } from '../contract/capture.ts';
import type { CitizenEvent, FieldValue, TransactionView } from '../contract/transaction-view.ts';
import { capturePage } from './captured-page.ts';
import { applicantFactsFromCard, type IdCardAttribute } from '../bundle/index.ts';
import { cardAttributes } from './card-attributes.ts';
import { today } from './transaction-context.ts';
import type { Logger } from '../logging/logger.ts';
import type { Store } from '../store/database.ts';
import type { ProgressQuery } from '../query/progress-query.ts';
import type { EidResolution } from '../sync/eid-client.ts';
import { receiptData, type ReceiptWording } from './receipt.ts';
import { receiptCopiesView, receiptCopyMessage } from './receipt-copies.ts';
import { SessionRunner, type TransactionSnapshot, type UnstampedEvent } from './session-runner.ts';
import { ownAnswer, stepOf, transactionView } from './session-view.ts';
import { EID_NOTICES, READ_FAILED_NOTICE, cardNotice } from './notices.ts';
import type { Applicant, ExchangeSource, PrintInput, Timeouts } from './transaction-types.ts';

/** A notice stays on the attract screen this long, or until the next identification. */
const NOTICE_MS = 20_000;
/** A receipt the printer has not confirmed by then is shown on screen instead. */
const PRINT_TIMEOUT_MS = 30_000;

export interface KioskSessionsOptions {
  /** The catalog new sessions start with; setCatalog() brings a newer one in at the attract screen. */
  readonly catalog: Catalog;
  /** An earlier catalog by version (the updater keeps the last ones), to resume a session made with it. */
  readonly catalogFor?: (version: string) => Catalog | undefined;
  readonly store: Store;
  readonly kioskId: string;
  readonly hallName: string;
  readonly receiptWording: ReceiptWording;
  readonly log: Logger;
  readonly maxResumeAgeMs: number;
  /** A session resumed longer than this after the citizen's last activity asks for their card first (default 2 min). */
  readonly reidentifyAfterMs?: number;
  readonly timeouts?: Timeouts;
  /** Prints receipt bytes as a job; the job id makes a retry after a restore print nothing twice. */
  readonly print: (jobId: string, bytes: Uint8Array) => Promise<unknown>;
  readonly resolveEid: (code: string) => Promise<EidResolution>;
  /** The citizen's language now (a text message is sent in it); Simplified Chinese by default. */
  readonly language?: () => Locale;
  /** The back office's exchange (shared data and e-licences); absent, every session goes on as offline. */
  readonly exchange?: ExchangeSource;
  readonly exchangeBudgetMs?: number;
  /** Called with the new view once the state behind it is on disk; `ended` when a session just finished. */
  readonly onView: (view: TransactionView | null, ended: boolean) => void;
  /** 办件查询 on the attract screen; absent, the kiosk offers none. */
  readonly query?: ProgressQuery;
  /** Asks the reader to read the card on it again (办件查询 opened with the card still lying there). */
  readonly readCardAgain?: () => void;
  /** The outcome of every write to the store (null: it succeeded), for the kiosk's storage alarm. */
  readonly onStored?: (error: Error | null) => void;
  readonly now?: () => number;
  readonly tickMs?: number;
}

export class KioskSessions {
  private runner: SessionRunner;
  private readonly now: () => number;
  private notice: { text: LocalizedText; until: number } | null = null;
  private resolving = false;
  /** The catalog sessions are made with now; a newer one waits in `nextCatalog` for the attract screen. */
  private catalog: Catalog;
  private nextCatalog: Catalog | null = null;

  constructor(private readonly options: KioskSessionsOptions) {
    this.now = options.now ?? Date.now;
    // An interrupted session resumes with the catalog it was made with, when the kiosk still has it.
    const interrupted = options.store.sessions.latest()?.snapshot as { context?: { catalogVersion?: unknown } } | undefined;
    const version = interrupted?.context?.catalogVersion;
    const older = typeof version === 'string' && version !== options.catalog.version ? options.catalogFor?.(version) : undefined;
    this.catalog = older ?? options.catalog;
    if (older) this.nextCatalog = options.catalog;
    this.runner = this.startRunner(this.catalog);
    const resumed = stepOf(this.runner.snapshot.value);
    if (resumed !== 'attract') options.log.warn({ step: resumed, catalog: this.catalog.version }, 'resumed an interrupted session');
  }

  /** The catalog the current (or next) session uses. */
  get currentCatalog(): Catalog {
    return this.catalog;
  }

  /**
   * A newer catalog (validated, from the back office): used from the next session on. A session under way
   * keeps the catalog it started with, so nothing it shows or submits changes under the citizen.
   */
  setCatalog(catalog: Catalog): void {
    if (catalog.version === this.catalog.version) {
      this.nextCatalog = null;
      return;
    }
    this.nextCatalog = catalog;
    if (this.runner.snapshot.value === 'idle') this.switchCatalog();
  }

  private switchCatalog(): void {
    const next = this.nextCatalog;
    if (!next) return;
    this.nextCatalog = null;
    const previous = this.runner;
    this.catalog = next;
    this.runner = this.startRunner(next);
    void previous.stop();
    this.options.log.info({ catalog: next.version }, 'service catalog switched');
  }

  private startRunner(catalog: Catalog): SessionRunner {
    const { options } = this;
    return SessionRunner.start({
      catalog,
      store: options.store,
      kioskId: options.kioskId,
      maxResumeAgeMs: options.maxResumeAgeMs,
      ...(options.reidentifyAfterMs !== undefined ? { reidentifyAfterMs: options.reidentifyAfterMs } : {}),
      ...(options.exchange ? { exchange: options.exchange } : {}),
      ...(options.exchangeBudgetMs ? { exchangeBudgetMs: options.exchangeBudgetMs } : {}),
      ...(options.timeouts ? { timeouts: options.timeouts } : {}),
      ...(options.now ? { now: options.now } : {}),
      ...(options.tickMs ? { tickMs: options.tickMs } : {}),
      printReceipt: (input) => this.printReceipt(input),
      onChange: (snapshot) => this.publish(snapshot),
      onError: (error) => options.log.error({ err: error }, 'session runner failed'),
      ...(options.onStored ? { onStored: options.onStored } : {}),
    });
  }

  /** The current view, or null while the kiosk waits for a citizen. */
  view(): TransactionView | null {
    return this.viewOf(this.runner.snapshot);
  }

  /** The runner reports its first snapshot while it starts, before `this.runner` is set: use the one given. */
  private viewOf(snapshot: TransactionSnapshot): TransactionView | null {
    if (stepOf(snapshot.value) === 'attract') return this.notice && this.notice.until > this.now() ? this.idleView(snapshot) : null;
    const { submission } = snapshot.context;
    const delivered = submission ? this.options.store.outbox.get(submission.idempotencyKey)?.caseNumbers : undefined;
    const receiptCopies = receiptCopiesView(this.options.store.messages, snapshot.context);
    const thumbnails = Object.keys(snapshot.context.captures).length > 0 ? this.options.store.captures.thumbnails(snapshot.context.sessionId) : undefined;
    return transactionView(this.catalog, snapshot, { now: this.now(), ...(delivered ? { delivered } : {}), ...(receiptCopies ? { receiptCopies } : {}), ...(thumbnails ? { thumbnails } : {}) });
  }

  /** The sync worker delivered (or failed) something: the citizen still at the kiosk sees their case numbers. */
  deliveryChanged(): void {
    if (this.runner.snapshot.context.submission && !this.idle()) this.options.onView(this.view(), false);
  }

  /** One of the applicant's own answers in full, when the current step may show it (session-view.ts). */
  ownAnswer(key: string): FieldValue | null {
    return ownAnswer(this.catalog, this.runner.snapshot, key);
  }

  /** A citizen's action from the renderer; false when the current step does not take it. */
  handle(event: CitizenEvent): boolean {
    if (event.type === 'query.start' || event.type === 'query.close') return this.handleQuery(event.type);
    const unstamped = this.toMachineEvent(event);
    const stamped = { ...unstamped, at: this.now() };
    if (!this.runner.snapshot.can(stamped as never)) return false;
    if (unstamped.type === 'user.receiptCopy' && !this.queueReceiptCopy(unstamped.via)) return false;
    this.runner.send(unstamped);
    return true;
  }

  /**
   * Queues a copy of the receipt the printer could not print, before the machine hears of it: durable first,
   * once per submission (asked again, or after a restart, it adds nothing). False when it cannot be stored.
   */
  private queueReceiptCopy(via: 'desk' | 'sms'): boolean {
    const { options } = this;
    const message = receiptCopyMessage(this.runner.snapshot.context, via, {
      catalog: this.catalog,
      hallName: options.hallName,
      wording: options.receiptWording,
      language: options.language?.() ?? 'zh-CN',
      now: this.now(),
    });
    if (!message) return false;
    try {
      if (options.store.messages.enqueue(message)) options.log.info({ kind: message.kind }, 'receipt copy queued for the back office');
      options.onStored?.(null);
      return true;
    } catch (error) {
      options.onStored?.(error as Error);
      options.log.error({ err: error, kind: message.kind }, 'receipt copy not queued');
      return false;
    }
  }

  /** A page the document camera captured (captured-page.ts); false when the materials step does not take it. */
  capture(input: CaptureInput): Promise<boolean> {
    return capturePage({ runner: this.runner, store: this.options.store, log: this.options.log, now: this.now, onStored: this.options.onStored }, input);
  }

  cardRead(read: IdCardRead): void {
    const { query } = this.options;
    // While the citizen looks up their cases, the card says whose (an expired card still says who it is).
    if (query?.active && this.idle()) {
      void query.byCard(read.card.idNumber);
      return;
    }
    // A resumed session waiting for its card: any card that reads says whether it is the applicant's (an
    // expired one too: the number is the person). The machine compares; nothing of the card is kept or shown.
    if (this.awaitingCard()) {
      this.reidentify({ type: 'device.cardRead', applicant: this.applicantOf('idcard', cardAttributes(read)) });
      return;
    }
    if (!this.idle()) {
      this.options.log.info({ step: stepOf(this.runner.snapshot.value) }, 'card read during a session: ignored');
      return;
    }
    if (!read.valid) {
      this.setNotice(cardNotice(read.problems));
      return;
    }
    this.identify({ type: 'device.cardRead', applicant: this.applicantOf('idcard', cardAttributes(read)) });
  }

  /**
   * The reader could not read a card it found (an error answer, or the card lifted mid-read): on the attract
   * screen the citizen is told to put it down again, instead of a screen that never changes.
   */
  cardReadFailed(): void {
    if (this.idle() && !this.options.query?.active) this.setNotice(READ_FAILED_NOTICE);
  }

  /** A code from the scanner (or the keyboard-wedge fallback): a QR e-ID starts a session when idle. */
  async scanned(text: string): Promise<void> {
    if (!this.idle() && !this.awaitingCard()) return;
    // A receipt's QR code shows that case's progress, from the attract screen or the query screen.
    if (this.idle() && (this.options.query?.byCode(text) || this.options.query?.active)) return;
    if (this.resolving || !text.startsWith('EID1:')) return;
    this.resolving = true;
    try {
      const result = await this.options.resolveEid(text);
      if (!result.ok) {
        this.options.log.info({ reason: result.reason }, 'QR e-ID not resolved');
        this.setNotice(EID_NOTICES[result.reason]);
        return;
      }
      const event = { type: 'device.qrIdentified', applicant: this.applicantOf('qr', { ...result.identity }) } as const;
      if (this.awaitingCard()) this.reidentify(event);
      else if (this.idle()) this.identify(event);
    } finally {
      this.resolving = false;
    }
  }

  flush(): Promise<void> {
    return this.runner.flush();
  }

  stop(): Promise<void> {
    return this.runner.stop();
  }

  private handleQuery(type: 'query.start' | 'query.close'): boolean {
    const { query } = this.options;
    if (!query || !this.idle()) return false;
    if (type === 'query.start') {
      query.start();
      this.options.readCardAgain?.();
    } else {
      query.close();
    }
    return true;
  }

  private identify(event: UnstampedEvent & { applicant: Applicant }): void {
    // A catalog that arrived while the last session ran comes in before the next one starts.
    this.switchCatalog();
    this.options.query?.close();
    this.notice = null;
    this.runner.send(event);
  }

  private applicantOf(via: 'idcard' | 'qr', card: Partial<Record<IdCardAttribute, string>>): Applicant {
    return { via, card, facts: applicantFactsFromCard(card, today(this.now())) };
  }

  /** Shows a card (or e-ID) to a resumed session waiting for its applicant's. */
  private reidentify(event: UnstampedEvent & { applicant: Applicant }): void {
    this.runner.send(event);
    // Whether it matched, never whose it was.
    if (this.awaitingCard()) this.options.log.info('a card of someone else was shown to a resumed session: refused');
    else this.options.log.info({ step: stepOf(this.runner.snapshot.value) }, 'resumed session identified by its card again');
  }

  private awaitingCard(): boolean {
    return stepOf(this.runner.snapshot.value) === 'reidentify';
  }

  private idle(): boolean {
    return stepOf(this.runner.snapshot.value) === 'attract';
  }

  private setNotice(text: LocalizedText): void {
    this.notice = { text, until: this.now() + NOTICE_MS };
    this.options.onView(this.view(), false);
    const timer = setTimeout(() => {
      if (this.notice && this.notice.until <= this.now()) {
        this.notice = null;
        if (this.idle()) this.options.onView(null, false);
      }
    }, NOTICE_MS);
    timer.unref();
  }

  private idleView(snapshot: TransactionSnapshot): TransactionView {
    return transactionView(this.catalog, snapshot, { now: this.now(), notice: this.notice?.text ?? null });
  }

  private toMachineEvent(event: CitizenEvent): UnstampedEvent {
    switch (event.type) {
      case 'user.setValue':
        return { type: 'user.setValue', key: event.key, value: event.value ?? undefined };
      case 'user.submit':
        // Core decides the key: the machine keeps the first one, so a repeated submit cannot make a second.
        return { type: 'user.submit', idempotencyKey: randomUUID() };
      case 'user.rate':
        return { type: 'user.rate', rating: { level: event.level, reasons: event.reasons, ...(event.comment ? { comment: event.comment } : {}) } };
      case 'query.start':
      case 'query.close':
        throw new RangeError(`${event.type} is not a transaction event`);
      default:
        return event;
    }
  }

  private publish(snapshot: TransactionSnapshot): void {
    const ended = snapshot.status === 'done';
    this.options.onView(ended ? null : this.viewOf(snapshot), ended);
  }

  private async printReceipt(input: PrintInput): Promise<void> {
    const data = receiptData(this.catalog, input.context, this.options.hallName, this.options.receiptWording, new Date(this.now()));
    const bytes = layoutReceipt(data).encode();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`receipt not confirmed by the printer within ${PRINT_TIMEOUT_MS} ms`)), PRINT_TIMEOUT_MS);
    });
    try {
      await Promise.race([this.options.print(input.jobId, bytes), timeout]);
      this.options.log.info({ jobId: input.jobId }, 'receipt printed');
    } catch (error) {
      this.options.log.warn({ jobId: input.jobId, err: error }, 'receipt not printed: shown on screen');
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }
}
