/**
 * The citizen's transaction as the renderer sees it, and the events the renderer may send back. Core builds
 * the view from the transaction machine and the catalog (core/transaction/session-view.ts); personal values
 * arrive here already masked, so the renderer never holds more than the screen shows.
 */
import * as v from 'valibot';
import { LocalizedTextSchema } from './locale.ts';

/** The steps of DESIGN.md §4 that have a screen; `attract` is the kiosk waiting for the next citizen. */
export const TRANSACTION_STEPS = [
  'attract',
  /** A session resumed after a restart, waiting for its applicant's card before anything personal shows. */
  'reidentify',
  'consent',
  /** Asking the exchange for the applicant's records and e-licences (a few seconds at most). */
  'gathering',
  'choose',
  'ineligible',
  'form',
  'materials',
  'review',
  'submitting',
  'submitFailed',
  'printing',
  'receiptOnScreen',
  'rating',
  'ending',
] as const;
export const TransactionStepSchema = v.picklist(TRANSACTION_STEPS);
export type TransactionStep = v.InferOutput<typeof TransactionStepSchema>;

const Text = LocalizedTextSchema;
const Key = v.pipe(v.string(), v.regex(/^[a-z][a-zA-Z0-9]*(\.[a-z][a-zA-Z0-9]*)*$/), v.maxLength(120));
const Code = v.pipe(v.string(), v.regex(/^[0-9A-Za-z-]{4,64}$/));

export const ApplicantViewSchema = v.object({
  via: v.picklist(['idcard', 'qr', 'helper']),
  /** Masked: 张*. */
  name: v.string(),
  /** Masked: 110105********002X. */
  idNumber: v.string(),
  /** The document read, named on screen: a resident card, a J or I card, or a QR e-ID. Absent for staff entry. */
  document: v.optional(v.picklist(['resident', 'hmtPermit', 'foreignPermanent', 'eid'])),
  /** Masked: S****************, from a 外国人永久居留身份证. */
  englishName: v.optional(v.string()),
  /** Masked: H*******1, the 通行证号码 on a 港澳台居民居住证. */
  passNumber: v.optional(v.string()),
});
export type ApplicantView = v.InferOutput<typeof ApplicantViewSchema>;

export const TimerViewSchema = v.object({
  /** Milliseconds left on this step when the view was made; null when the step cannot time out. */
  remainingMs: v.nullable(v.number()),
  warning: v.boolean(),
  extensionsLeft: v.pipe(v.number(), v.integer(), v.minValue(0)),
});

export const ItemViewSchema = v.object({
  code: Code,
  name: Text,
  department: Text,
  handlingType: v.picklist(['immediate', 'promised']),
  timeLimit: v.object({ value: v.number(), unit: v.picklist(['working-days', 'natural-days']) }),
  required: v.boolean(),
  note: v.optional(Text),
});

export const BundleViewSchema = v.object({
  code: Code,
  name: Text,
  theme: Text,
  lifeEvent: Text,
  description: v.optional(Text),
  leadDepartment: Text,
  items: v.array(ItemViewSchema),
});
export type BundleView = v.InferOutput<typeof BundleViewSchema>;

export const FieldValueSchema = v.union([v.pipe(v.string(), v.maxLength(2000)), v.number(), v.boolean()]);
export type FieldValue = v.InferOutput<typeof FieldValueSchema>;

const DateBoundViewSchema = v.object({ date: v.pipe(v.string(), v.isoDate()), says: Text });

export const FieldViewSchema = v.object({
  key: Key,
  type: v.picklist(['text', 'date', 'choice', 'phone', 'id-number', 'address', 'number', 'boolean', 'signature']),
  input: v.picklist(['keypad', 'choice-list', 'keyboard', 'date-picker', 'signature-pad', 'none']),
  label: Text,
  hint: v.optional(Text),
  required: v.boolean(),
  choices: v.optional(v.array(v.object({ value: v.string(), label: Text }))),
  validation: v.optional(
    v.object({
      minLength: v.optional(v.number()),
      maxLength: v.optional(v.number()),
      min: v.optional(v.number()),
      max: v.optional(v.number()),
      /** Digits a number may have after the point (0: a whole number, the keypad offers no point). */
      decimals: v.optional(v.number()),
      /** A regular expression the whole answer must match (e.g. a time as HH:MM); the hint says it in words. */
      pattern: v.optional(v.pipe(v.string(), v.maxLength(200))),
    }),
  ),
  /**
   * A date's allowed days now (catalog `earliest` / `latest`), each with the words that say it (今天, or the
   * field it follows, never that field's value): the steppers stop there and the screen says the range.
   */
  range: v.optional(v.object({ earliest: v.optional(DateBoundViewSchema), latest: v.optional(DateBoundViewSchema) })),
  /**
   * For a date: the hall's day (Beijing time) by core's clock, where the steppers start. The browser's own
   * clock may be in another zone (UTC on a misconfigured machine): before 08:00 it would still say yesterday.
   */
  today: v.optional(v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}$/))),
  /**
   * A value offered from the ID card (户籍地址 from the card's address): `label` names it in the choice
   * "与身份证地址相同 / 不同", `chosen` says the answer is that value.
   */
  suggestion: v.optional(v.object({ label: Text, chosen: v.boolean() })),
  /** The value to show: masked when the field is personal (a signature shows only that it was given). */
  display: v.nullable(v.string()),
  /** The raw value, only for fields that are not personal, so an editor can start from it. */
  value: v.optional(FieldValueSchema),
  /**
   * Where the value came from: the citizen may change anything but the ID card's, the departments' records
   * (unless the catalog allows a correction) and computed values.
   */
  origin: v.nullable(v.picklist(['idcard', 'shared', 'answer', 'computed'])),
  editable: v.boolean(),
  personal: v.boolean(),
  /**
   * For a certificate or contract number the exchange finds a record by: the record is being fetched, was
   * found (its values are on the form), not found for this person, or could not be fetched (offline).
   */
  lookup: v.optional(v.picklist(['pending', 'found', 'not-found', 'failed'])),
  /** The first problem with the current value ('required' ones too: the renderer shows those after a try to go on). */
  problem: v.optional(v.object({ code: v.string(), message: Text })),
});
export type FieldView = v.InferOutput<typeof FieldViewSchema>;

export const MaterialViewSchema = v.object({
  key: Key,
  name: Text,
  description: v.optional(Text),
  action: v.picklist(['authorise', 'exempt', 'bring-original', 'self-declare', 'sign-commitment', 'capture', 'bring-paper']),
  reason: Text,
  /** The commitment (告知承诺) the citizen signs instead of the material. */
  promise: v.optional(Text),
  /** Names of the items that need it. */
  neededBy: v.array(Text),
  /** What the citizen still has to do here: authorise, sign or capture; null when nothing. */
  needs: v.nullable(v.picklist(['authorised', 'signed', 'captured'])),
  /** Optional materials (e.g. only when someone else applies) may be left out; the next step does not wait for them. */
  required: v.boolean(),
  done: v.boolean(),
  /**
   * For a material to capture: how many pages, whether it is the applicant's live portrait (the camera faces
   * them) or a document laid under the camera, and the pages taken so far, each with its thumbnail
   * (a `data:image/jpeg` URL; absent past what one view may carry). `atWindow`: the citizen brings it to the
   * window instead (no camera).
   */
  capture: v.optional(
    v.object({
      pages: v.pipe(v.number(), v.integer(), v.minValue(1)),
      subject: v.picklist(['document', 'portrait']),
      taken: v.array(v.object({ page: v.pipe(v.number(), v.integer(), v.minValue(0)), thumbnail: v.optional(v.pipe(v.string(), v.startsWith('data:image/jpeg;base64,'), v.maxLength(12_000))) })),
      atWindow: v.boolean(),
    }),
  ),
});
export type MaterialView = v.InferOutput<typeof MaterialViewSchema>;

export const DepartmentSummarySchema = v.object({
  item: ItemViewSchema,
  /** Labels and displayed (masked) values of the relevant fields this department receives. */
  fields: v.array(v.object({ key: Key, label: Text, display: v.nullable(v.string()) })),
});

/** A QR code as rows of modules ('1' dark, '0' light), drawn by the renderer without a library. */
export const QrViewSchema = v.object({ size: v.number(), rows: v.array(v.string()) });

/** A copy of a receipt the printer could not print: asked for and kept on the kiosk (offline), or with the back office. */
const ReceiptCopyStateSchema = v.nullable(v.picklist(['queued', 'done']));

/** On the receipt-on-screen step: the desk print and the text message, and the (masked) phone it would go to. */
export const ReceiptCopiesViewSchema = v.object({
  desk: ReceiptCopyStateSchema,
  sms: ReceiptCopyStateSchema,
  /** 138****5678; null when the form has no mobile number (no text message is offered). */
  smsTo: v.nullable(v.string()),
});
export type ReceiptCopiesView = v.InferOutput<typeof ReceiptCopiesViewSchema>;

/** 政策找人: a benefit or bundle the applicant may qualify for; its name only, never the facts that matched. */
export const PolicySuggestionSchema = v.object({
  key: Key,
  name: Text,
  /** What it is and where to apply, shown when the citizen asks. */
  about: Text,
  /** A bundle this kiosk offers for it, to start from the suggestion. */
  bundle: v.optional(Code),
});
export type PolicySuggestion = v.InferOutput<typeof PolicySuggestionSchema>;

export const TransactionViewSchema = v.object({
  step: TransactionStepSchema,
  timer: TimerViewSchema,
  applicant: v.nullable(ApplicantViewSchema),
  /** The bundles the kiosk offers (self-service only), in display order; present on the choose step. */
  bundles: v.optional(v.array(BundleViewSchema)),
  /** 政策找人 on the choose step: what the catalog's rules suggest for this applicant. */
  suggestions: v.optional(v.array(PolicySuggestionSchema)),
  bundle: v.nullable(BundleViewSchema),
  optionalItems: v.array(Code),
  /** Eligibility messages: blocking ones on the ineligible step, warnings on the form. */
  eligibility: v.array(v.object({ level: v.picklist(['block', 'warn']), message: Text })),
  /** The merged form's relevant fields in order (一表申请). */
  fields: v.array(FieldViewSchema),
  /** Fields still to answer before the form can go on. */
  questionsLeft: v.pipe(v.number(), v.integer(), v.minValue(0)),
  materials: v.array(MaterialViewSchema),
  /** What each department receives, for the review step. */
  departments: v.array(DepartmentSummarySchema),
  submission: v.nullable(
    v.object({
      receiptNumber: v.string(),
      qr: QrViewSchema,
      /**
       * Whether the departments have it: accepted here and waiting to be uploaded (已受理，待上传部门), or
       * delivered with one case number (办件编号) per item.
       */
      delivery: v.picklist(['pending', 'delivered']),
      caseNumbers: v.array(v.object({ item: Text, caseNumber: v.string() })),
      /** Per chosen item, what happens next (the catalog's next step in the variant the answers chose). */
      nextSteps: v.array(v.object({ itemCode: Code, item: Text, when: Text, where: Text, bring: v.optional(Text), result: Text })),
    }),
  ),
  /**
   * On the submitFailed step, why nothing was saved: the kiosk's disk is full (staff are called; retrying
   * works once they free space) or another failure. Null on every other step.
   */
  submitFailure: v.nullable(v.picklist(['storageFull', 'failed'])),
  receipt: v.nullable(v.picklist(['printed', 'fallback'])),
  /** Present once the receipt is shown on screen: what the citizen asked for instead of the paper. */
  receiptCopies: v.optional(ReceiptCopiesViewSchema),
  rating: v.object({
    indicators: v.array(v.object({ key: Key, label: Text })),
    lowLevelReasons: v.array(v.object({ key: Key, label: Text })),
  }),
  endReason: v.nullable(v.picklist(['done', 'cancelled', 'timeout', 'declined'])),
  /**
   * Whether the exchange answered after consent: offline, the citizen types what the records would have given
   * and the departments check shared records after submission. Null before consent.
   */
  exchange: v.nullable(v.picklist(['online', 'offline'])),
  /** Event types the current step accepts; the renderer disables every other action. */
  allowed: v.array(v.string()),
  /** Why the last identification attempt failed (e.g. an expired card, a QR code offline), until the next one. */
  notice: v.nullable(Text),
  /**
   * On the reidentify step: whether the last card shown belongs to someone else (the session is not theirs).
   * Everything personal is empty on that step: the applicant, the bundle, the answers, the receipt.
   */
  reidentify: v.optional(v.object({ otherCard: v.boolean() })),
});
export type TransactionView = v.InferOutput<typeof TransactionViewSchema>;

const NoPayload = <T extends string>(type: T) => v.strictObject({ type: v.literal(type) });

/** Events the renderer may send; core stamps the time and adds what only core may decide (idempotency key). */
export const CitizenEventSchema = v.variant('type', [
  v.strictObject({ type: v.literal('user.consent'), accepted: v.boolean() }),
  v.strictObject({ type: v.literal('user.chooseBundle'), code: Code, optionalItems: v.pipe(v.array(Code), v.maxLength(50)) }),
  v.strictObject({ type: v.literal('user.setValue'), key: Key, value: v.nullable(FieldValueSchema) }),
  /** A capture is settled by its images (captureMaterial), or by `at-window` when the camera cannot take it. */
  v.strictObject({ type: v.literal('user.decideMaterial'), key: Key, decision: v.picklist(['authorised', 'signed', 'at-window']) }),
  v.strictObject({
    type: v.literal('user.rate'),
    level: v.picklist([1, 2, 3, 4, 5]),
    reasons: v.pipe(v.array(Key), v.maxLength(20)),
    comment: v.optional(v.pipe(v.string(), v.maxLength(500))),
  }),
  /** The printer failed after the submission: print the receipt at the hall's desk, or text its number. */
  v.strictObject({ type: v.literal('user.receiptCopy'), via: v.picklist(['desk', 'sms']) }),
  NoPayload('user.submit'),
  NoPayload('user.next'),
  NoPayload('user.back'),
  NoPayload('user.retry'),
  NoPayload('user.cancel'),
  NoPayload('user.extend'),
  /** The citizen is busy on the screen (typing, drawing, choosing) without having sent an answer yet. */
  NoPayload('user.active'),
  /** 办件查询 from the attract screen: open it (then a card or a receipt's QR code), and close it. */
  NoPayload('query.start'),
  NoPayload('query.close'),
]);
export type CitizenEvent = v.InferOutput<typeof CitizenEventSchema>;
