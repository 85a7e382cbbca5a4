/**
 * Prefills the merged form so the citizen types as little as possible. Each field takes the first value
 * found, in this order:
 * 1. the ID card, for fields whose source is an ID-card attribute (the card is authoritative);
 * 2. shared data, for fields whose source is a dataset the back office returned (present only after the
 *    applicant consented to the exchange; a dataset that is absent is simply skipped) — the department's
 *    record is authoritative too, except for a `correctable` field the citizen already changed;
 * 3. earlier answers (from earlier in the session, or a resumed one), for any field;
 * 4. the card's attribute a field is `suggestFrom` (户籍地址 from the card's address): offered, not authoritative,
 *    so the citizen may say it differs and type another.
 * Then every computed field is worked out from the result. Source values arrive as text and are converted
 * to the field's type; text that does not fit the type counts as missing, so the citizen is asked instead.
 */
import { computeFields, conform } from './computed.ts';
import { formField } from './merged-form.ts';
import { isMissing, type FieldValue, type FormValues, type IdCardAttribute, type MergedForm } from './types.ts';

export interface PrefillSources {
  /** Attributes read from the applicant's ID card; dates yyyy-mm-dd, gender '1' or '2'. */
  readonly idCard?: Readonly<Partial<Record<IdCardAttribute, string>>>;
  /** Records by dataset key, each keyed by canonical field key, as the back office returned them. */
  readonly shared?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  readonly earlier?: FormValues;
}

export type ValueOrigin = 'idcard' | 'shared' | 'earlier' | 'suggested' | 'computed';

export interface Prefilled {
  readonly values: FormValues;
  /** Where each prefilled value came from, for the "from your ID card" hints on the review screen. */
  readonly origins: Readonly<Record<string, ValueOrigin>>;
}

/** `today` (yyyy-mm-dd) is the transaction day, for ages; the engine never reads a clock. */
export function prefillWithOrigins(form: MergedForm, sources: PrefillSources, today: string): Prefilled {
  const values: Record<string, FieldValue> = {};
  const origins: Record<string, ValueOrigin> = {};
  for (const { key, field } of form.fields) {
    const { source } = field;
    if (source.kind === 'computed') continue;
    const shared: [ValueOrigin, FieldValue | undefined] = ['shared', source.kind === 'shared' ? ownValue(sources.shared?.[source.dataset], key) : undefined];
    const earlier: [ValueOrigin, FieldValue | undefined] = ['earlier', sources.earlier && Object.hasOwn(sources.earlier, key) ? sources.earlier[key] : undefined];
    const candidates: [ValueOrigin, FieldValue | undefined][] = [
      ['idcard', source.kind === 'idcard' ? sources.idCard?.[source.attribute] : undefined],
      ...(source.kind === 'shared' && source.correctable ? [earlier, shared] : [shared, earlier]),
      ['suggested', field.suggestFrom ? sources.idCard?.[field.suggestFrom.idcard] : undefined],
    ];
    for (const [origin, raw] of candidates) {
      const value = conform(field, typeof raw === 'string' ? normalise(field.type, raw) : raw);
      if (value === undefined) continue;
      values[key] = value;
      origins[key] = origin;
      break;
    }
  }
  const computed = computeFields(form, values, today);
  for (const { key, field } of form.fields) {
    if (field.source.kind === 'computed' && !isMissing(computed[key])) origins[key] = 'computed';
  }
  return { values: computed, origins };
}

export function prefill(form: MergedForm, sources: PrefillSources, today: string): FormValues {
  return prefillWithOrigins(form, sources, today).values;
}

/**
 * The values after the citizen answers `key` (undefined clears it), with computed fields worked out again.
 * Computed fields cannot be answered; asking to is a programming error.
 */
export function setValue(form: MergedForm, values: FormValues, key: string, value: FieldValue | undefined, today: string): FormValues {
  const merged = formField(form, key);
  if (!merged) throw new RangeError(`field "${key}" is not part of this form`);
  if (merged.field.source.kind === 'computed') throw new RangeError(`field "${key}" is computed and cannot be answered`);
  const next: Record<string, FieldValue> = { ...values };
  if (isMissing(value)) delete next[key];
  else next[key] = typeof value === 'string' ? normalise(merged.field.type, value) : value;
  return computeFields(form, next, today);
}

/**
 * The department's value for a shared field, in the field's type (undefined when the field is not shared
 * or the record lacks it): what the kiosk compares an answer with to say where it came from.
 */
export function sharedValue(mf: MergedForm['fields'][number], records: PrefillSources['shared']): FieldValue | undefined {
  const { source } = mf.field;
  if (source.kind !== 'shared') return undefined;
  const raw = ownValue(records?.[source.dataset], mf.key);
  return raw === undefined ? undefined : conform(mf.field, normalise(mf.field.type, raw));
}

/** The card's value a field is `suggestFrom`, in the field's type: what "与身份证地址相同" stands for. */
export function suggestedValue(mf: MergedForm['fields'][number], card: PrefillSources['idCard']): FieldValue | undefined {
  const from = mf.field.suggestFrom;
  const raw = from ? card?.[from.idcard] : undefined;
  return raw === undefined ? undefined : conform(mf.field, normalise(mf.field.type, raw));
}

function ownValue(record: Readonly<Record<string, string>> | undefined, key: string): string | undefined {
  return record && Object.hasOwn(record, key) ? record[key] : undefined;
}

/** Trims text; ID numbers are upper-cased because a trailing x and X are the same check character. */
function normalise(type: string, text: string): string {
  const trimmed = text.trim();
  return type === 'id-number' ? trimmed.toUpperCase() : trimmed;
}
