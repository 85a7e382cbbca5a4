/** The data of a transaction: its context, its events and what its side-effect actors receive. */
import type { ApplicantFacts, FieldValue, FormValues, IdCardAttribute, TrustLevel } from '../bundle/index.ts';

/**
 * Bumped when a persisted snapshot of an older version could not be resumed (2: the exchange; 3: captures are
 * images, so an older snapshot's "captured" has none behind it).
 */
export const MACHINE_VERSION = 3;

export interface Timeouts {
  /** Idle time allowed on a step before the session ends. */
  readonly stepMs: number;
  /** How long before the end the warning shows (WCAG 2.2.1: at least 20 s to respond). */
  readonly warningMs: number;
  /** Extensions a citizen may ask for (WCAG 2.2.1: at least 10). */
  readonly maxExtensions: number;
  /**
   * Idle time on the receipt shown on screen (the printer failed): the only copy of the receipt number, kept
   * longer so the citizen can note it or ask for a copy (absent in snapshots saved before it existed: stepMs).
   */
  readonly receiptMs?: number;
}

export const DEFAULT_TIMEOUTS: Timeouts = { stepMs: 120_000, warningMs: 30_000, maxExtensions: 10, receiptMs: 600_000 };

/** Where a copy of a receipt the printer could not print goes: the hall's desk printer, or a text message. */
export type ReceiptCopyVia = 'desk' | 'sms';

/**
 * A session resumed longer than this after the citizen's last activity asks for the same card again before
 * it shows anything: whoever stands at the kiosk after a restart may be someone else (DESIGN.md §7).
 */
export const DEFAULT_REIDENTIFY_AFTER_MS = 120_000;

/**
 * The states a session can be resumed in that show or do something personal, as paths from the root: a
 * session waiting for its card goes back to the one it was in (`session.eligibility` is passed through at once).
 */
export const RESUMABLE_STATES = [
  'session.consent',
  'session.gathering',
  'session.choose',
  'session.ineligible',
  'session.form.editing',
  'session.form.lookingUp',
  'session.materials',
  'session.review',
  'submitting',
  'submitFailed',
  'printing',
  'receiptOnScreen',
  'rating',
] as const;
export type ResumableState = (typeof RESUMABLE_STATES)[number];

/** A resumed session waiting for its applicant's card: where it goes back to, and whether a stranger's card was shown. */
export interface Reidentification {
  readonly resumeTo: ResumableState;
  readonly otherCard: boolean;
}

export interface Applicant {
  readonly via: 'idcard' | 'qr' | 'helper';
  /** Values from the document, by ID-card attribute. Personal: encrypted at rest, wiped at the end. */
  readonly card: Readonly<Partial<Record<IdCardAttribute, string>>>;
  readonly facts: ApplicantFacts;
  /** Staff member who entered the applicant (assisted mode), for the audit log. */
  readonly helperId?: string;
}

/**
 * How a material the plan asks for was settled. `captured` is core's to set, once every page of it is stored
 * (never the citizen's word); `at-window`: the kiosk could not take it (no camera, or it failed) and the
 * citizen brings it to the window.
 */
export type MaterialDecision = 'authorised' | 'signed' | 'captured' | 'at-window';

/** A page of a material the document camera took, stored sealed with the session (store/session-captures.ts). */
export interface CapturedPage {
  readonly page: number;
  readonly sha256: string;
  readonly size: number;
}

export interface Rating {
  readonly level: 1 | 2 | 3 | 4 | 5;
  readonly reasons: readonly string[];
  readonly comment?: string;
}

/** An e-licence from the national library, as the exchange returned it. */
export interface HeldLicence {
  readonly licenseType: string;
  readonly number: string;
  /** The person it is about: it spares a material only for that person. */
  readonly holderIdNumber: string;
  readonly trustLevel: TrustLevel;
  readonly validTo?: string;
}

/** A dataset record: values by canonical field key, as text. */
export type DatasetRecord = Readonly<Record<string, string>>;

/** What the exchange returned for a person (or nothing yet), as the side-effect actor reports it. */
export interface ExchangeAnswer {
  readonly datasets: Readonly<Record<string, DatasetRecord>>;
  readonly eLicences: readonly HeldLicence[];
}

/** How the last lookup of a dataset by a field's value went, and for which value. */
export interface LookupState {
  readonly value: string;
  readonly result: 'found' | 'not-found' | 'failed';
}

/**
 * What government already holds about the applicant (DESIGN.md §6, "Inbound"). Personal: sealed with the
 * snapshot, wiped with the session. `offline` when the exchange did not answer within its time budget: the
 * session goes on, the citizen types what the records would have given, and shared checks are deferred.
 */
export interface ExchangeData extends ExchangeAnswer {
  readonly status: 'online' | 'offline';
  /** Datasets found by a field's value (a certificate number), by dataset key. */
  readonly lookups: Readonly<Record<string, LookupState>>;
}

export interface ExchangeInput {
  readonly sessionId: string;
  readonly idNumber: string;
  readonly bundleCode: string | null;
}

export interface LookupRequest {
  readonly dataset: string;
  readonly keyField: string;
  readonly value: string;
}

export interface LookupInput {
  readonly sessionId: string;
  readonly idNumber: string;
  readonly lookups: readonly LookupRequest[];
}

/** Per dataset: its record, or null when no record has that value for this person. */
export type LookupOutput = Readonly<Record<string, DatasetRecord | null>>;

/**
 * The back office's exchange as the session runner calls it. Each call is abandoned when its signal aborts
 * (the time budget, or the session stopping); a failure means "offline" to the session.
 */
export interface ExchangeSource {
  person(input: ExchangeInput, signal: AbortSignal): Promise<ExchangeAnswer>;
  /** The record of `request.dataset` whose `keyField` is `value` and which concerns the applicant, or null. */
  lookup(input: { readonly sessionId: string; readonly idNumber: string; readonly request: LookupRequest }, signal: AbortSignal): Promise<DatasetRecord | null>;
}

/** How long a citizen waits at most for the exchange before the session goes on without it (DESIGN.md §6). */
export const DEFAULT_EXCHANGE_BUDGET_MS = 3_000;

export interface Submission {
  readonly idempotencyKey: string;
  readonly receiptNumber: string;
}

export type SubmitFailure = 'storageFull' | 'failed';

export interface TransactionContext {
  readonly sessionId: string;
  readonly catalogVersion: string;
  readonly timeouts: Timeouts;
  /**
   * When the citizen last acted (the last event that restarted the idle clock): a resume longer after this
   * than the short window asks for the card again.
   */
  readonly now: number;
  /** Absolute idle deadline; null where the session cannot time out (committing, printing, idle). */
  readonly deadline: number | null;
  /** The clock restarts at the next tick (the step was entered by an event without a time). */
  readonly clockPending: boolean;
  readonly warning: boolean;
  readonly extensions: number;
  readonly applicant: Applicant | null;
  readonly consented: boolean;
  /** Null until the exchange was asked (after consent). */
  readonly exchange: ExchangeData | null;
  readonly bundleCode: string | null;
  readonly optionalItems: readonly string[];
  readonly values: FormValues;
  readonly decisions: Readonly<Record<string, MaterialDecision>>;
  /** The pages captured so far, by material key, in page order; the images themselves are in the store. */
  readonly captures: Readonly<Record<string, readonly CapturedPage[]>>;
  /** Set when the citizen submits; reused by every retry and after a restore. */
  readonly idempotencyKey: string | null;
  readonly submission: Submission | null;
  /** Why the last commit failed: the disk is full (a helper must free space) or anything else. */
  readonly submitFailure: SubmitFailure | null;
  readonly receipt: 'printed' | 'fallback' | null;
  /** The step shows the only copy of the receipt number: its idle time is `timeouts.receiptMs`. */
  readonly longStep?: boolean;
  readonly rating: Rating | null;
  readonly endReason: 'done' | 'cancelled' | 'timeout' | 'declined' | null;
  /** Set while a resumed session waits for its applicant's card (absent in snapshots saved before it existed). */
  readonly reidentify?: Reidentification | null;
}

type Stamped<T> = T & { readonly at: number };

export type TransactionEvent =
  | Stamped<{ type: 'device.cardRead'; applicant: Applicant }>
  | Stamped<{ type: 'device.qrIdentified'; applicant: Applicant }>
  | Stamped<{ type: 'helper.identify'; applicant: Applicant }>
  | Stamped<{ type: 'user.consent'; accepted: boolean }>
  | Stamped<{ type: 'user.chooseBundle'; code: string; optionalItems: readonly string[] }>
  | Stamped<{ type: 'user.setValue'; key: string; value: FieldValue | undefined }>
  | Stamped<{ type: 'user.decideMaterial'; key: string; decision: Exclude<MaterialDecision, 'captured'> }>
  /** Core stored a page the citizen captured for a material (a retake replaces the page). */
  | Stamped<{ type: 'user.captured'; key: string; page: CapturedPage }>
  | Stamped<{ type: 'user.submit'; idempotencyKey: string }>
  | Stamped<{ type: 'user.rate'; rating: Rating }>
  | Stamped<{ type: 'user.receiptCopy'; via: ReceiptCopyVia }>
  | Stamped<{ type: 'user.next' }>
  | Stamped<{ type: 'user.back' }>
  | Stamped<{ type: 'user.retry' }>
  | Stamped<{ type: 'user.cancel' }>
  | Stamped<{ type: 'user.extend' }>
  | Stamped<{ type: 'user.active' }>
  | Stamped<{ type: 'timer.tick' }>
  /**
   * Core resumed this session after a restart: the citizen gets a full step's time again, and past the short
   * window (since their last activity) the session first asks for their card.
   */
  | Stamped<{ type: 'system.resumed'; reidentifyAfterMs: number }>;

export interface TransactionInput {
  readonly sessionId: string;
  readonly catalogVersion: string;
  readonly now: number;
  readonly timeouts?: Timeouts;
}

export interface CommitInput {
  readonly context: TransactionContext;
  readonly idempotencyKey: string;
}

/** What ending a session needs: which snapshot to wipe, and the rating to queue for the back office. */
export interface WipeInput {
  readonly sessionId: string;
  readonly rating: Rating | null;
  readonly submission: Submission | null;
}

export interface PrintInput {
  readonly jobId: string;
  readonly context: TransactionContext;
}
