/**
 * What the renderer may know about the kiosk: the views core publishes. Personal data never appears here
 * unmasked.
 */
import * as v from 'valibot';
import { LocaleSchema, LocalizedTextSchema } from './locale.ts';
import { QueryViewSchema } from './query-view.ts';
import { TransactionStepSchema, TransactionViewSchema } from './transaction-view.ts';
import { VoiceSettingsSchema } from './voice.ts';

/** Why the kiosk (or a service) is out of service, as in CUSS. */
export const OutOfServiceReasonSchema = v.picklist(['hardware', 'consumables', 'backend', 'config', 'maintenance']);
export type OutOfServiceReason = v.InferOutput<typeof OutOfServiceReasonSchema>;

export const KioskStatusSchema = v.variant('state', [
  v.object({ state: v.literal('initializing') }),
  v.object({ state: v.literal('available') }),
  v.object({
    state: v.literal('unavailable'),
    reason: OutOfServiceReasonSchema,
    /** Technician-facing details (e.g. config problems); never personal data. */
    details: v.array(v.string()),
  }),
]);
export type KioskStatus = v.InferOutput<typeof KioskStatusSchema>;

export const HallInfoSchema = v.object({
  kioskId: v.string(),
  hallName: LocalizedTextSchema,
  languages: v.object({ default: LocaleSchema, available: v.array(LocaleSchema) }),
  /** Voice guidance (kiosk.yaml `voice`); absent: off. */
  voice: v.optional(VoiceSettingsSchema),
});
export type HallInfo = v.InferOutput<typeof HallInfoSchema>;

export const KioskViewSchema = v.object({
  status: KioskStatusSchema,
  /** null when the configuration could not be loaded. */
  hall: v.nullable(HallInfoSchema),
});
export type KioskView = v.InferOutput<typeof KioskViewSchema>;

/**
 * How long the attract screen says goodbye to the citizen who just finished ("谢谢" and that their data is
 * gone), in their language and elder mode: the kiosk's defaults return only after it.
 */
export const FAREWELL_MS = 8_000;

export const SessionViewSchema = v.object({
  step: TransactionStepSchema,
  language: LocaleSchema,
  elderMode: v.boolean(),
  /** null while the kiosk waits for the next citizen. */
  transaction: v.nullable(TransactionViewSchema),
  /** 办件查询 on the attract screen: a citizen looking up their cases; null otherwise. */
  query: v.nullable(QueryViewSchema),
});
export type SessionView = v.InferOutput<typeof SessionViewSchema>;

/** CUSS-style device status for the UI. */
export const DeviceStatusSchema = v.object({
  id: v.string(),
  kind: v.picklist(['idCardReader', 'printer', 'scanner']),
  status: v.picklist(['READY', 'BUSY', 'UNAVAILABLE']),
  code: v.string(),
});
export type DeviceStatus = v.InferOutput<typeof DeviceStatusSchema>;
export const DevicesViewSchema = v.array(DeviceStatusSchema);

const Count = v.pipe(v.number(), v.integer(), v.minValue(0));

/** What the sync worker is doing: sending, idle (nothing to send), waiting after failures, offline, or refused. */
export const SyncWorkerStateSchema = v.picklist(['idle', 'sending', 'waiting', 'offline', 'auth-refused', 'stopped']);
export type SyncWorkerState = v.InferOutput<typeof SyncWorkerStateSchema>;

/**
 * Delivery to the back office, for the attract screen ("accepted locally, will be sent") and the
 * technician. The fields after `queued` are absent until the sync worker has reported once.
 */
export const SyncStatusSchema = v.object({
  /** Whether the back office answers its health check. */
  backOffice: v.picklist(['unknown', 'online', 'offline']),
  /** Epoch milliseconds of the last successful contact, null if never. */
  lastContactAt: v.nullable(v.number()),
  /** Submissions accepted locally and not yet delivered (parked ones included). */
  queued: Count,
  worker: v.optional(SyncWorkerStateSchema),
  /** Of `queued`, those the back office refused for good: a technician decides. */
  parked: v.optional(Count),
  /** Creation time of the oldest undelivered submission, null when none. */
  oldestUndeliveredAt: v.optional(v.nullable(v.number())),
  /** Ratings (and later help calls) not yet delivered, parked ones included. */
  messagesQueued: v.optional(Count),
  /** The last failure's code (`unreachable`, `http-503`, `unknown-kiosk`, …), null after a success; never personal data. */
  lastError: v.optional(v.nullable(v.pipe(v.string(), v.maxLength(200)))),
  lastDeliveredAt: v.optional(v.nullable(v.number())),
});
export type SyncStatus = v.InferOutput<typeof SyncStatusSchema>;

export const KioskSnapshotSchema = v.object({
  kiosk: KioskViewSchema,
  session: SessionViewSchema,
  devices: DevicesViewSchema,
  sync: SyncStatusSchema,
});
export type KioskSnapshot = v.InferOutput<typeof KioskSnapshotSchema>;
