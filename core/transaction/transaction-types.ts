/** The data of a transaction: its context, its events and what its side-effect actors receive. */
import type { ApplicantFacts, FieldValue, FormValues, IdCardAttribute } from '../bundle/index.ts';

export const MACHINE_VERSION = 1;

export interface Timeouts {
  /** Idle time allowed on a step before the session ends. */
  readonly stepMs: number;
  /** How long before the end the warning shows (WCAG 2.2.1: at least 20 s to respond). */
  readonly warningMs: number;
  /** Extensions a citizen may ask for (WCAG 2.2.1: at least 10). */
  readonly maxExtensions: number;
}

export const DEFAULT_TIMEOUTS: Timeouts = { stepMs: 120_000, warningMs: 30_000, maxExtensions: 10 };

export interface Applicant {
  readonly via: 'idcard' | 'qr' | 'helper';
  /** Values from the document, by ID-card attribute. Personal: encrypted at rest, wiped at the end. */
  readonly card: Readonly<Partial<Record<IdCardAttribute, string>>>;
  readonly facts: ApplicantFacts;
  /** Staff member who entered the applicant (assisted mode), for the audit log. */
  readonly helperId?: string;
}

export type MaterialDecision = 'authorised' | 'signed' | 'captured';

export interface Rating {
  readonly level: 1 | 2 | 3 | 4 | 5;
  readonly reasons: readonly string[];
  readonly comment?: string;
}

export interface Submission {
  readonly idempotencyKey: string;
  readonly receiptNumber: string;
}

export interface TransactionContext {
  readonly sessionId: string;
  readonly catalogVersion: string;
  readonly timeouts: Timeouts;
  readonly now: number;
  /** Absolute idle deadline; null where the session cannot time out (committing, printing, idle). */
  readonly deadline: number | null;
  /** The clock restarts at the next tick (the step was entered by an event without a time). */
  readonly clockPending: boolean;
  readonly warning: boolean;
  readonly extensions: number;
  readonly applicant: Applicant | null;
  readonly consented: boolean;
  readonly bundleCode: string | null;
  readonly optionalItems: readonly string[];
  readonly values: FormValues;
  readonly decisions: Readonly<Record<string, MaterialDecision>>;
  /** Set when the citizen submits; reused by every retry and after a restore. */
  readonly idempotencyKey: string | null;
  readonly submission: Submission | null;
  readonly receipt: 'printed' | 'fallback' | null;
  readonly rating: Rating | null;
  readonly endReason: 'done' | 'cancelled' | 'timeout' | 'declined' | null;
}

type Stamped<T> = T & { readonly at: number };

export type TransactionEvent =
  | Stamped<{ type: 'device.cardRead'; applicant: Applicant }>
  | Stamped<{ type: 'device.qrIdentified'; applicant: Applicant }>
  | Stamped<{ type: 'helper.identify'; applicant: Applicant }>
  | Stamped<{ type: 'user.consent'; accepted: boolean }>
  | Stamped<{ type: 'user.chooseBundle'; code: string; optionalItems: readonly string[] }>
  | Stamped<{ type: 'user.setValue'; key: string; value: FieldValue | undefined }>
  | Stamped<{ type: 'user.decideMaterial'; key: string; decision: MaterialDecision }>
  | Stamped<{ type: 'user.submit'; idempotencyKey: string }>
  | Stamped<{ type: 'user.rate'; rating: Rating }>
  | Stamped<{ type: 'user.next' }>
  | Stamped<{ type: 'user.back' }>
  | Stamped<{ type: 'user.retry' }>
  | Stamped<{ type: 'user.cancel' }>
  | Stamped<{ type: 'user.extend' }>
  | Stamped<{ type: 'user.active' }>
  | Stamped<{ type: 'timer.tick' }>
  /** Core resumed this session after a restart: the citizen gets a full step's time again. */
  | Stamped<{ type: 'system.resumed' }>;

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

export interface PrintInput {
  readonly jobId: string;
  readonly context: TransactionContext;
}
