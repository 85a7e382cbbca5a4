/**
 * Schema of the service catalog: the field dictionary, materials, items (事项) and bundles (一件事), as
 * data. Cross references (bundle → item, item → field, item → material, condition → field) are checked by
 * the catalog loader, which knows every file; this schema checks each file's shape.
 *
 * Conditions and computed fields are declared as structured data, never as code or expression strings, so
 * a catalog can be reviewed and validated like any other configuration.
 */
import * as v from 'valibot';
import { LocalizedTextSchema } from '../core/contract/locale.ts';

/** Canonical keys: dotted lower-camel segments, e.g. `applicant.name`, `child.birthDate`. */
export const KeySchema = v.pipe(v.string(), v.regex(/^[a-z][a-zA-Z0-9]*(\.[a-z][a-zA-Z0-9]*)*$/, 'a dotted key such as "applicant.name"'));

export const FIELD_TYPES = ['text', 'date', 'choice', 'phone', 'id-number', 'address', 'number', 'boolean', 'signature'] as const;

/** What a condition or eligibility rule may look at. */
export const FactSchema = v.union([
  v.picklist(['applicant.age', 'applicant.regionCode', 'applicant.documentType', 'applicant.gender']),
  v.pipe(v.string(), v.regex(/^answer\.[a-z][a-zA-Z0-9.]*$/, '"answer.<field key>" or an applicant fact')),
]);

const Scalar = v.union([v.string(), v.number(), v.boolean()]);

export type Condition =
  | { fact: string; op: 'eq' | 'ne' | 'gt' | 'gte' | 'lt' | 'lte'; value: string | number | boolean }
  | { fact: string; op: 'in' | 'notIn'; value: (string | number | boolean)[] }
  | { fact: string; op: 'present' | 'absent' }
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition };

export const ConditionSchema: v.GenericSchema<Condition> = v.union([
  v.strictObject({ fact: FactSchema, op: v.picklist(['eq', 'ne', 'gt', 'gte', 'lt', 'lte']), value: Scalar }),
  v.strictObject({ fact: FactSchema, op: v.picklist(['in', 'notIn']), value: v.array(Scalar) }),
  v.strictObject({ fact: FactSchema, op: v.picklist(['present', 'absent']) }),
  v.strictObject({ all: v.array(v.lazy(() => ConditionSchema)) }),
  v.strictObject({ any: v.array(v.lazy(() => ConditionSchema)) }),
  v.strictObject({ not: v.lazy(() => ConditionSchema) }),
]);

/**
 * A date bound (docs/configuration.md, "Date ranges"): a base — `today`, a date `yyyy-mm-dd`, or another date
 * field's key — and an optional offset of days, months or years: `today`, `today-18y`, `2000-01-01`,
 * `applicant.birthDate+16y`. `today` is the transaction day; a field with no answer yet sets no bound.
 */
export const DATE_BOUND = /^(today|\d{4}-\d{2}-\d{2}|[a-z][a-zA-Z0-9]*(?:\.[a-z][a-zA-Z0-9]*)*)(?:([+-])(\d{1,3})([dmy]))?$/;
const DateBoundSchema = v.pipe(v.string(), v.regex(DATE_BOUND, 'today, yyyy-mm-dd or a field key, with an optional offset such as -18y, +6m, +30d'));

/** What the ID-card reader gives (devices/idcard). */
export const IdCardAttributeSchema = v.picklist(['name', 'idNumber', 'gender', 'birthDate', 'nation', 'address', 'issuer', 'validTo', 'documentType', 'englishName', 'passNumber']);

/** Where a field's value comes from, in prefill order: ID card, then shared data, then the citizen. */
export const FieldSourceSchema = v.variant('kind', [
  v.strictObject({
    kind: v.literal('idcard'),
    /** englishName: the 外国人永久居留身份证's; passNumber: the 港澳台居民居住证's 通行证号码. */
    attribute: IdCardAttributeSchema,
  }),
  /** Held by a department; fetched through the back office's exchange once the applicant consents. */
  v.strictObject({
    kind: v.literal('shared'),
    dataset: KeySchema,
    /**
     * The dataset is found by this field's answer (a certificate or contract number typed on the form)
     * rather than by the applicant's ID number; every field of one dataset names the same key field.
     */
    lookupBy: v.optional(KeySchema),
    /**
     * The citizen may change the department's value (a bank account they want paid into instead). Otherwise
     * the record is authoritative: a wrong one is corrected at the department, not at the kiosk.
     */
    correctable: v.optional(v.boolean()),
  }),
  v.strictObject({ kind: v.literal('manual') }),
  /** Derived from other fields by a named, pure function. */
  v.strictObject({
    kind: v.literal('computed'),
    fn: v.picklist(['ageFromBirthDate', 'birthDateFromIdNumber', 'genderFromIdNumber', 'regionFromIdNumber', 'copy']),
    args: v.pipe(v.array(KeySchema), v.minLength(1)),
  }),
]);

export const ChoiceSchema = v.strictObject({ value: v.pipe(v.string(), v.nonEmpty()), label: LocalizedTextSchema });

export const FieldSchema = v.strictObject({
  key: KeySchema,
  type: v.picklist(FIELD_TYPES),
  label: LocalizedTextSchema,
  hint: v.optional(LocalizedTextSchema),
  /** How the citizen enters it on the kiosk. */
  input: v.picklist(['keypad', 'choice-list', 'keyboard', 'date-picker', 'signature-pad', 'none']),
  source: FieldSourceSchema,
  /** Personal data: masked when shown or logged, encrypted at rest. */
  personal: v.boolean(),
  choices: v.optional(v.pipe(v.array(ChoiceSchema), v.minLength(2))),
  validation: v.optional(
    v.strictObject({
      pattern: v.optional(v.string()),
      patternMessage: v.optional(LocalizedTextSchema),
      minLength: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
      maxLength: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))),
      min: v.optional(v.number()),
      max: v.optional(v.number()),
      /** Digits a number may have after the point: 0 for a count (no decimal key offered); unset, any. */
      decimals: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
      /** A date's first and last allowed day, each a date bound (`today`, `today-18y`, `applicant.birthDate`). */
      earliest: v.optional(DateBoundSchema),
      latest: v.optional(DateBoundSchema),
    }),
  ),
  /**
   * Offered as the answer when nothing else gives one: the ID card's attribute, prefilled with a choice to
   * give another instead (户籍地址 is the card's address unless the household has moved since). `label`
   * names it in that choice ("与身份证地址不同").
   */
  suggestFrom: v.optional(v.strictObject({ idcard: IdCardAttributeSchema, label: LocalizedTextSchema })),
  /** Asked only when this holds (e.g. the spouse's name only when married). */
  relevantWhen: v.optional(ConditionSchema),
});
export type Field = v.InferOutput<typeof FieldSchema>;

/** How the citizen may be spared a material (DESIGN.md §3), in the order the kiosk tries them. */
export const MaterialRouteSchema = v.variant('kind', [
  v.strictObject({ kind: v.literal('shared-data'), dataset: KeySchema }),
  v.strictObject({
    kind: v.literal('e-license'),
    licenseType: v.pipe(v.string(), v.nonEmpty()),
    trustLevel: v.picklist(['A', 'B', 'C', 'D']),
    /** The applicant's own identity document, which the kiosk has just read and checked (or the issuer resolved from a QR e-ID). */
    provenByIdentification: v.optional(v.boolean(), false),
  }),
  v.strictObject({
    kind: v.literal('commitment'),
    /** 告知承诺: the promise the applicant signs instead of providing the material. */
    promise: LocalizedTextSchema,
    /** Who may not use the commitment route (e.g. applicants with a record of broken promises). */
    excludedWhen: v.optional(ConditionSchema),
  }),
  v.strictObject({
    kind: v.literal('capture'),
    /** Pages taken by the kiosk's document camera (高拍仪), at most 20. */
    pages: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(20)), 1),
    /** `portrait`: the applicant's live photo, the camera facing them; else a document laid under it. */
    subject: v.optional(v.picklist(['document', 'portrait']), 'document'),
  }),
  v.strictObject({ kind: v.literal('paper'), original: v.boolean(), copies: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0)), 0) }),
]);

export const MaterialSchema = v.strictObject({
  key: KeySchema,
  name: LocalizedTextSchema,
  description: v.optional(LocalizedTextSchema),
  routes: v.pipe(v.array(MaterialRouteSchema), v.minLength(1)),
});
export type Material = v.InferOutput<typeof MaterialSchema>;

const Code = v.pipe(v.string(), v.regex(/^[0-9A-Za-z-]{4,64}$/, 'letters, digits and "-", 4 to 64'));

/**
 * Text that depends on the answers: the first variant whose `relevantWhen` holds applies; `answer` names a
 * field whose answer follows the text, masked if personal (the mailing address, the chosen hospital).
 */
const AnswerTextSchema = v.pipe(
  v.array(v.strictObject({ text: LocalizedTextSchema, answer: v.optional(KeySchema), relevantWhen: v.optional(ConditionSchema) })),
  v.minLength(1),
);

/**
 * What happens after the kiosk for one item, printed on the receipt and shown on screen: when and where the
 * citizen is expected next (an appointment, a window, nowhere), what to bring, and how the result arrives
 * (邮寄 or 窗口自取 as the citizen chose).
 */
export const NextStepSchema = v.strictObject({
  when: LocalizedTextSchema,
  where: AnswerTextSchema,
  bring: v.optional(LocalizedTextSchema),
  result: AnswerTextSchema,
});
export type NextStep = v.InferOutput<typeof NextStepSchema>;

export const ItemSchema = v.strictObject({
  /** 基本编码 */
  basicCode: Code,
  /** 实施编码: the item's identity in this catalog. */
  implementationCode: Code,
  /** 业务办理项编码 */
  handlingCode: Code,
  name: LocalizedTextSchema,
  department: LocalizedTextSchema,
  /** 即办件 (done on the spot) or 承诺件 (done within the promised time). */
  handlingType: v.picklist(['immediate', 'promised']),
  timeLimit: v.strictObject({ value: v.pipe(v.number(), v.integer(), v.minValue(0)), unit: v.picklist(['working-days', 'natural-days']) }),
  /** 是否支持自助终端办理: only such items appear on the kiosk. */
  selfService: v.boolean(),
  fields: v.array(v.strictObject({ key: KeySchema, required: v.optional(v.boolean(), true) })),
  materials: v.array(
    v.strictObject({
      key: KeySchema,
      required: v.optional(v.boolean(), true),
      /**
       * Needed only when this holds over the card and the answers (e.g. the mother's letter of authority
       * only when the father applies): the kiosk decides instead of showing the material "if it applies".
       */
      neededWhen: v.optional(ConditionSchema),
    }),
  ),
  /**
   * Materials this item's result is (e.g. 出生医学证明 from its first issue): later items of the same bundle get
   * them from the department directly (内部流转), so the citizen never provides them.
   */
  produces: v.optional(v.array(KeySchema), []),
  /** The next step the receipt gives the citizen (every self-service item of the sample catalog has one). */
  nextStep: v.optional(NextStepSchema),
});
export type Item = v.InferOutput<typeof ItemSchema>;

export const BundleSchema = v.strictObject({
  code: Code,
  theme: LocalizedTextSchema,
  lifeEvent: LocalizedTextSchema,
  name: LocalizedTextSchema,
  description: v.optional(LocalizedTextSchema),
  leadDepartment: LocalizedTextSchema,
  order: v.pipe(v.number(), v.integer()),
  items: v.pipe(
    v.array(v.strictObject({ item: Code, required: v.boolean(), note: v.optional(LocalizedTextSchema) })),
    v.minLength(1),
  ),
  /** Checked before the form: `block` stops the bundle with the message; `warn` shows it and goes on. */
  eligibility: v.optional(
    v.array(v.strictObject({ unless: ConditionSchema, level: v.picklist(['block', 'warn']), message: LocalizedTextSchema })),
    [],
  ),
});
export type Bundle = v.InferOutput<typeof BundleSchema>;

/** 好差评: the national five levels; reasons and a comment are required for the two lowest. */
export const RatingSchema = v.strictObject({
  indicators: v.pipe(v.array(v.strictObject({ key: KeySchema, label: LocalizedTextSchema })), v.minLength(1)),
  lowLevelReasons: v.pipe(v.array(v.strictObject({ key: KeySchema, label: LocalizedTextSchema })), v.minLength(1)),
});

/**
 * 政策找人: a benefit or bundle the applicant may qualify for, suggested after identification when `when`
 * holds over the card (`applicant.*`) and the departments' records (`answer.<field key>`, as the shared data
 * would fill the form). Only the name shows, never the facts behind it, so the name must not reveal them.
 */
export const PolicySchema = v.strictObject({
  key: KeySchema,
  name: LocalizedTextSchema,
  /** What it is, who gives it and where to apply: shown only when the citizen asks to learn more. */
  about: LocalizedTextSchema,
  when: ConditionSchema,
  /** A bundle this kiosk offers for it: the suggestion can start it. */
  bundle: v.optional(Code),
});
export type Policy = v.InferOutput<typeof PolicySchema>;

export const CatalogFilesSchema = {
  'fields.yaml': v.strictObject({ fields: v.array(FieldSchema) }),
  'materials.yaml': v.strictObject({ materials: v.array(MaterialSchema) }),
  'items.yaml': v.strictObject({ items: v.array(ItemSchema) }),
  'bundles.yaml': v.strictObject({ bundles: v.array(BundleSchema) }),
  'rating.yaml': RatingSchema,
  /** Optional: a catalog without it suggests nothing. */
  'policies.yaml': v.strictObject({ policies: v.array(PolicySchema) }),
} as const;

export interface Catalog {
  readonly version: string;
  readonly fields: ReadonlyMap<string, Field>;
  readonly materials: ReadonlyMap<string, Material>;
  readonly items: ReadonlyMap<string, Item>;
  readonly bundles: readonly Bundle[];
  readonly rating: v.InferOutput<typeof RatingSchema>;
  /** 政策找人 rules; absent or empty, nothing is suggested. */
  readonly policies?: readonly Policy[];
}
