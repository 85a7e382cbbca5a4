/**
 * The back-office API v1 as data (docs/backoffice-api.md): every request and response body, validated by
 * both ends with the same schemas. The back office refuses what does not match (400 with the failing
 * paths); the kiosk treats an answer that does not match like no answer at all.
 */
import * as v from 'valibot';

export const API_VERSION = 1;
export const API_PREFIX = '/api/v1';

export const IdempotencyKeySchema = v.pipe(v.string(), v.uuid());
/** SL-<kiosk id>-<yyyymmdd>-<6 digits>, as core/store/receipt-numbers.ts allocates them. */
export const ReceiptNumberSchema = v.pipe(v.string(), v.regex(/^SL-[A-Za-z0-9][A-Za-z0-9._-]{0,63}-\d{8}-\d{6}$/, 'a receipt number SL-<kiosk>-<yyyymmdd>-<nnnnnn>'));
/** 办件编号 as the reference back office issues them: BJ, the day, 8 digits. */
export const CaseNumberSchema = v.pipe(v.string(), v.regex(/^BJ\d{16}$/, 'a case number BJ<yyyymmdd><8 digits>'));
export const Sha256Schema = v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/, 'lower-case hex SHA-256'));
const IdNumberSchema = v.pipe(v.string(), v.regex(/^[0-9A-Z]{15,18}$/, 'an identity document number'));
const Code = v.pipe(v.string(), v.regex(/^[0-9A-Za-z-]{4,64}$/));
const Key = v.pipe(v.string(), v.regex(/^[a-z][a-zA-Z0-9]*(\.[a-z][a-zA-Z0-9]*)*$/), v.maxLength(128));
const Text = (max: number) => v.pipe(v.string(), v.maxLength(max));
const Millis = v.pipe(v.number(), v.integer(), v.minValue(0));
const Scalar = v.union([v.pipe(v.string(), v.maxLength(4096)), v.number(), v.boolean()]);

/** Where a case stands (办件状态): received on delivery; the department moves it on. */
export const CASE_STATUSES = ['received', 'accepted', 'processing', 'completed', 'returned'] as const;
export const CaseStatusSchema = v.picklist(CASE_STATUSES);
export type CaseStatus = v.InferOutput<typeof CaseStatusSchema>;

export const ErrorBodySchema = v.looseObject({ error: v.string(), message: v.optional(v.string()) });
export type ErrorBody = v.InferOutput<typeof ErrorBodySchema>;

// ---- attachments -----------------------------------------------------------------------------------

export const ATTACHMENT_TYPES = ['application/x-kiosk-signature', 'image/jpeg', 'image/png'] as const;
/** Largest single attachment, and largest chunk of one upload request. */
export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;
export const MAX_CHUNK_BYTES = 256 * 1024;

export const AttachmentRefSchema = v.strictObject({
  sha256: Sha256Schema,
  size: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(MAX_ATTACHMENT_BYTES)),
  contentType: v.picklist(ATTACHMENT_TYPES),
  /** What it is: a handwritten signature of a form field, or a captured document for a material. */
  role: v.picklist(['signature', 'capture']),
  fieldKey: v.optional(Key),
  materialKey: v.optional(Key),
});
export type AttachmentRef = v.InferOutput<typeof AttachmentRefSchema>;

/** GET /attachments/{sha256}: how much of an upload the back office holds. */
export const AttachmentStatusSchema = v.strictObject({
  sha256: Sha256Schema,
  size: v.pipe(v.number(), v.integer(), v.minValue(1)),
  received: v.pipe(v.number(), v.integer(), v.minValue(0)),
  complete: v.boolean(),
});
export type AttachmentStatus = v.InferOutput<typeof AttachmentStatusSchema>;

// ---- submissions -----------------------------------------------------------------------------------

/**
 * The submission record (core/transaction/submission-record.ts). A signature field's value is the
 * reference `sha256:<hex>` of an attachment listed in the request.
 */
export const SubmissionRecordSchema = v.strictObject({
  format: v.literal(1),
  sessionId: IdempotencyKeySchema,
  bundleCode: Code,
  optionalItems: v.array(Code),
  applicant: v.strictObject({
    via: v.picklist(['idcard', 'qr', 'helper']),
    helperId: v.optional(Text(64)),
    idNumber: IdNumberSchema,
    name: v.pipe(v.string(), v.nonEmpty(), v.maxLength(64)),
    documentType: v.optional(Text(32)),
    englishName: v.optional(Text(64)),
    passNumber: v.optional(Text(16)),
  }),
  items: v.pipe(
    v.array(
      v.strictObject({
        itemCode: Code,
        values: v.record(Key, Scalar),
        /** The next step the citizen's receipt gave (absent from kiosks before it existed, and for items without one). */
        nextStep: v.optional(v.strictObject({ when: Text(500), where: Text(500), bring: v.optional(Text(500)), result: Text(500) })),
      }),
    ),
    v.minLength(1),
    v.maxLength(64),
  ),
  materials: v.array(
    v.strictObject({
      key: Key,
      action: v.picklist(['authorise', 'exempt', 'bring-original', 'self-declare', 'sign-commitment', 'capture', 'bring-paper']),
      deferredCheck: v.boolean(),
      /** `captured`: its pages are attachments (role capture); `at-window`: the kiosk could not take it, the citizen brings it. */
      decision: v.optional(v.picklist(['authorised', 'signed', 'captured', 'at-window'])),
      promise: v.optional(Text(2000)),
      /** The e-licence that exempted it (number and holder checked by the exchange). */
      licenceNumber: v.optional(Text(64)),
    }),
  ),
  consents: v.strictObject({ dataSharing: v.boolean() }),
  /** Whether the exchange answered during the session (else shared checks are deferred). */
  exchange: v.optional(v.picklist(['online', 'offline'])),
  submittedAt: Millis,
});
export type SubmissionRecordWire = v.InferOutput<typeof SubmissionRecordSchema>;

/** PUT /submissions/{idempotencyKey} */
/** Attachments up to this size (a signature) may travel inside their submission instead of before it. */
export const MAX_INLINE_ATTACHMENT_BYTES = 64 * 1024;

export const SubmissionRequestSchema = v.strictObject({
  receiptNumber: ReceiptNumberSchema,
  catalogVersion: v.pipe(v.string(), v.regex(/^[0-9a-f]{12}$/)),
  record: SubmissionRecordSchema,
  attachments: v.pipe(v.array(AttachmentRefSchema), v.maxLength(64)),
  /**
   * The bytes (base64) of listed attachments small enough to come with the submission, stored with it in
   * one transaction: one request instead of two. Not part of the body the idempotency key covers, so a
   * retry may send them or not.
   */
  inline: v.optional(
    v.pipe(
      v.array(v.strictObject({ sha256: Sha256Schema, content: v.pipe(v.string(), v.maxLength(Math.ceil(MAX_INLINE_ATTACHMENT_BYTES / 3) * 4), v.base64()) })),
      v.maxLength(64),
    ),
  ),
});
export type SubmissionRequest = v.InferOutput<typeof SubmissionRequestSchema>;

/** The answer to a submission, the same every time the same key and body are sent. */
export const SubmissionAckSchema = v.strictObject({
  idempotencyKey: IdempotencyKeySchema,
  receiptNumber: ReceiptNumberSchema,
  /** One official case number (办件编号) per item, by implementation code. */
  caseNumbers: v.record(Code, CaseNumberSchema),
  receivedAt: Millis,
});
export type SubmissionAck = v.InferOutput<typeof SubmissionAckSchema>;

// ---- ratings (好差评) and heartbeats -------------------------------------------------------------------

/** PUT /ratings/{ratingKey}: one rating per submission and channel; the key is the kiosk's. */
export const RatingRequestSchema = v.strictObject({
  submissionKey: IdempotencyKeySchema,
  receiptNumber: ReceiptNumberSchema,
  channel: v.literal('kiosk'),
  level: v.picklist([1, 2, 3, 4, 5]),
  reasons: v.pipe(v.array(Key), v.maxLength(16)),
  comment: v.optional(Text(500)),
  ratedAt: Millis,
});
export type RatingRequest = v.InferOutput<typeof RatingRequestSchema>;

/** The answer to a rating, the same every time the same key and body are sent. */
export const RatingAckSchema = v.strictObject({
  submissionKey: IdempotencyKeySchema,
  channel: v.literal('kiosk'),
  receivedAt: Millis,
});
export type RatingAck = v.InferOutput<typeof RatingAckSchema>;

// ---- copies of a receipt the kiosk could not print ----------------------------------------------------

/**
 * PUT /desk-prints/{submissionKey}: the kiosk's printer failed after the submission; the receipt waits at the
 * hall's desk printer. The lines are the receipt as the kiosk would have printed it (personal data masked).
 */
export const DeskPrintRequestSchema = v.strictObject({
  submissionKey: IdempotencyKeySchema,
  receiptNumber: ReceiptNumberSchema,
  lines: v.pipe(v.array(Text(200)), v.minLength(1), v.maxLength(300)),
  requestedAt: Millis,
});
export type DeskPrintRequest = v.InferOutput<typeof DeskPrintRequestSchema>;

export const DeskPrintAckSchema = v.strictObject({ submissionKey: IdempotencyKeySchema, receivedAt: Millis });
export type DeskPrintAck = v.InferOutput<typeof DeskPrintAckSchema>;

/** A mainland mobile number, as the catalog's mobile rule accepts it. */
export const MobileNumberSchema = v.pipe(v.string(), v.regex(/^1[3-9]\d{9}$/, 'an 11-digit mobile number'));

/**
 * PUT /receipt-sms/{submissionKey}: the receipt number by text message to the phone on the form, sent once
 * through the back office's SMS gateway. The back office keeps the number masked only.
 */
export const ReceiptSmsRequestSchema = v.strictObject({
  submissionKey: IdempotencyKeySchema,
  receiptNumber: ReceiptNumberSchema,
  phone: MobileNumberSchema,
  language: v.picklist(['zh-CN', 'en']),
  hallName: Text(100),
  requestedAt: Millis,
});
export type ReceiptSmsRequest = v.InferOutput<typeof ReceiptSmsRequestSchema>;

/** The message went to the gateway: to whom (masked) and when. */
export const ReceiptSmsAckSchema = v.strictObject({ submissionKey: IdempotencyKeySchema, to: Text(20), sentAt: Millis });
export type ReceiptSmsAck = v.InferOutput<typeof ReceiptSmsAckSchema>;

const QueueStateSchema = v.strictObject({
  pending: v.pipe(v.number(), v.integer(), v.minValue(0)),
  parked: v.pipe(v.number(), v.integer(), v.minValue(0)),
  /** Creation time of the oldest row not yet delivered (pending or parked), null when none. */
  oldestUndeliveredAt: v.nullable(Millis),
});

const Count = v.pipe(v.number(), v.integer(), v.minValue(0));

/** POST /heartbeats */
/** Something at the kiosk that needs a person now: the kiosk's own help call, raised until it is fixed. */
export const KioskAlertSchema = v.variant('code', [
  v.strictObject({
    /** storage-full: the disk is full, nothing new can be saved; storage-failing: the disk reports errors. */
    code: v.picklist(['storage-full', 'storage-failing']),
    since: Millis,
    /** What failed, for the technician (a table or file and a code, never personal data). */
    detail: Text(200),
  }),
  v.strictObject({
    /**
     * Stored rows the kiosk's key does not open (the key was lost or replaced): set aside and kept sealed.
     * The undelivered submissions and messages among them are lost unless the original key is restored.
     */
    code: v.literal('undecryptable-rows'),
    /** When the oldest of them was set aside. */
    since: Millis,
    /** Counts and the first receipt numbers of the lost submissions (never personal data). */
    detail: Text(200),
    counts: v.strictObject({ sessions: Count, submissions: Count, messages: Count }),
  }),
]);
export type KioskAlert = v.InferOutput<typeof KioskAlertSchema>;

export const HeartbeatRequestSchema = v.strictObject({
  at: Millis,
  software: Text(64),
  catalog: v.strictObject({
    version: v.string(),
    /** A downloaded catalog the kiosk refused, with its problems (file: path: message). */
    refused: v.nullable(v.strictObject({ version: v.string(), problems: v.pipe(v.array(Text(500)), v.maxLength(50)) })),
  }),
  devices: v.pipe(
    v.array(v.strictObject({ id: Text(64), kind: Text(32), status: v.picklist(['READY', 'BUSY', 'UNAVAILABLE']), code: Text(64) })),
    v.maxLength(32),
  ),
  queue: v.strictObject({ submissions: QueueStateSchema, messages: QueueStateSchema }),
  /** Help calls the kiosk raises by itself; absent from kiosks older than the field. */
  alerts: v.optional(v.pipe(v.array(KioskAlertSchema), v.maxLength(8))),
});
export type HeartbeatRequest = v.InferOutput<typeof HeartbeatRequestSchema>;

export const HeartbeatAckSchema = v.strictObject({
  /** The catalog version the back office publishes now; the kiosk fetches it when it differs. */
  catalogVersion: v.nullable(v.string()),
  serverTime: Millis,
});
export type HeartbeatAck = v.InferOutput<typeof HeartbeatAckSchema>;

// ---- catalog ---------------------------------------------------------------------------------------

/** GET /catalog (ETag = "<version>"): the five catalog files as text, and policies.yaml when there is one. */
export const CatalogResponseSchema = v.strictObject({
  version: v.pipe(v.string(), v.regex(/^[0-9a-f]{12}$/)),
  files: v.strictObject({
    'fields.yaml': v.string(),
    'materials.yaml': v.string(),
    'items.yaml': v.string(),
    'bundles.yaml': v.string(),
    'rating.yaml': v.string(),
    /** Optional: 政策找人's rules, sent when the catalog has them. */
    'policies.yaml': v.optional(v.string()),
  }),
});
export type CatalogResponse = v.InferOutput<typeof CatalogResponseSchema>;

// ---- case status (办件查询) ---------------------------------------------------------------------------

/** POST /cases/query: by the receipt number or a case number (what the receipt's QR holds), or by the person. */
export const CaseQuerySchema = v.union([
  v.strictObject({ receiptNumber: ReceiptNumberSchema }),
  v.strictObject({ caseNumber: CaseNumberSchema }),
  v.strictObject({ idNumber: IdNumberSchema }),
]);
export type CaseQuery = v.InferOutput<typeof CaseQuerySchema>;

export const CaseSummarySchema = v.strictObject({
  receiptNumber: ReceiptNumberSchema,
  bundleCode: Code,
  submittedAt: Millis,
  receivedAt: Millis,
  items: v.array(
    v.strictObject({
      itemCode: Code,
      caseNumber: CaseNumberSchema,
      status: CaseStatusSchema,
      updatedAt: Millis,
      /** Why it was returned (退回), or the department's note. */
      note: v.optional(Text(500)),
    }),
  ),
});
export type CaseSummary = v.InferOutput<typeof CaseSummarySchema>;

export const CaseQueryResponseSchema = v.strictObject({ cases: v.pipe(v.array(CaseSummarySchema), v.maxLength(50)) });
export type CaseQueryResponse = v.InferOutput<typeof CaseQueryResponseSchema>;

// ---- the exchange: shared data and e-licences in ---------------------------------------------------

/** Why the kiosk asks: the session the applicant consented in. Logged by the back office (PIPL). */
const PurposeSchema = v.strictObject({ sessionId: IdempotencyKeySchema, bundleCode: v.optional(Code) });

/** POST /exchange/person: the datasets and e-licences the exchange holds for one person. */
export const ExchangePersonRequestSchema = v.strictObject({
  idNumber: IdNumberSchema,
  purpose: PurposeSchema,
  /** Only these datasets; all the person has when absent. */
  datasets: v.optional(v.pipe(v.array(Key), v.maxLength(64))),
});
export type ExchangePersonRequest = v.InferOutput<typeof ExchangePersonRequestSchema>;

/** A dataset's record: values by canonical field key, as text (the kiosk converts them to field types). */
export const DatasetRecordSchema = v.record(Key, v.pipe(v.string(), v.maxLength(1000)));
export type DatasetRecord = v.InferOutput<typeof DatasetRecordSchema>;

export const ELicenceSchema = v.strictObject({
  licenseType: v.pipe(v.string(), v.nonEmpty(), v.maxLength(64)),
  number: v.pipe(v.string(), v.nonEmpty(), v.maxLength(64)),
  /** The person the licence is about; it exempts a material only for that person. */
  holderIdNumber: IdNumberSchema,
  trustLevel: v.picklist(['A', 'B', 'C', 'D']),
  issuer: Text(100),
  validTo: v.optional(v.pipe(v.string(), v.isoDate())),
});
export type ELicence = v.InferOutput<typeof ELicenceSchema>;

export const ExchangePersonResponseSchema = v.strictObject({
  datasets: v.record(Key, DatasetRecordSchema),
  eLicences: v.pipe(v.array(ELicenceSchema), v.maxLength(64)),
});
export type ExchangePersonResponse = v.InferOutput<typeof ExchangePersonResponseSchema>;

/** POST /exchange/lookup: a dataset's record keyed by a field's value (a contract or certificate number). */
export const ExchangeLookupRequestSchema = v.strictObject({
  dataset: Key,
  keyField: Key,
  value: v.pipe(v.string(), v.nonEmpty(), v.maxLength(128)),
  /** The applicant the lookup is for: the record must concern them (404 otherwise). */
  idNumber: IdNumberSchema,
  purpose: PurposeSchema,
});
export type ExchangeLookupRequest = v.InferOutput<typeof ExchangeLookupRequestSchema>;

export const ExchangeLookupResponseSchema = v.strictObject({ record: DatasetRecordSchema });
export type ExchangeLookupResponse = v.InferOutput<typeof ExchangeLookupResponseSchema>;

// ---- identity ---------------------------------------------------------------------------------------

export const EidRequestSchema = v.strictObject({ code: v.pipe(v.string(), v.maxLength(128)) });
export const EidIdentitySchema = v.strictObject({
  name: v.pipe(v.string(), v.nonEmpty(), v.maxLength(64)),
  idNumber: IdNumberSchema,
  gender: v.picklist(['1', '2']),
  birthDate: v.pipe(v.string(), v.isoDate()),
  documentType: v.literal('resident'),
  address: v.optional(Text(200)),
});
export type EidIdentity = v.InferOutput<typeof EidIdentitySchema>;
export const EidResponseSchema = v.strictObject({ identity: EidIdentitySchema });

/** Every path of the API, relative to API_PREFIX. */
export const API_PATHS = {
  health: '/health',
  submission: (key: string) => `/submissions/${key}`,
  attachment: (sha256: string) => `/attachments/${sha256}`,
  rating: (key: string) => `/ratings/${key}`,
  deskPrint: (key: string) => `/desk-prints/${key}`,
  receiptSms: (key: string) => `/receipt-sms/${key}`,
  heartbeats: '/heartbeats',
  catalog: '/catalog',
  casesQuery: '/cases/query',
  exchangePerson: '/exchange/person',
  exchangeLookup: '/exchange/lookup',
  eid: '/identity/eid',
} as const;
