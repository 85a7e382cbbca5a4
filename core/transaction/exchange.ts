/**
 * The transaction's view of the back office's exchange (数据共享交换): what the records and e-licences
 * returned for the applicant mean for the form and the materials. Pure functions over the context's data;
 * the fetching is the `fetchExchange` and `lookupDataset` actors' job.
 */
import type { MergedForm } from '../bundle/index.ts';
import { setValue, sharedValue, type FormValues, type TrustLevel } from '../bundle/index.ts';
import type { DatasetRecord, ExchangeAnswer, ExchangeData, HeldLicence, LookupOutput, LookupRequest } from './transaction-types.ts';

/** The exchange did not answer within its time budget (or could not be asked): the session goes on without it. */
export const OFFLINE_EXCHANGE: ExchangeData = { status: 'offline', datasets: {}, eLicences: [], lookups: {} };

export function onlineExchange(answer: ExchangeAnswer): ExchangeData {
  return { status: 'online', datasets: answer.datasets, eLicences: answer.eLicences, lookups: {} };
}

/**
 * The applicant's own e-licences that are still valid, the best-trusted one per licence type. A licence of
 * the right type held by anyone else (a spouse, a landlord) never counts.
 */
export function licencesHeldBy(exchange: ExchangeData | null, idNumber: string | undefined, today: string): Map<string, HeldLicence> {
  const held = new Map<string, HeldLicence>();
  const holder = idNumber?.trim().toUpperCase();
  if (!exchange || !holder) return held;
  for (const licence of exchange.eLicences) {
    if (licence.holderIdNumber.toUpperCase() !== holder || (licence.validTo !== undefined && licence.validTo < today)) continue;
    const best = held.get(licence.licenseType);
    if (!best || licence.trustLevel < best.trustLevel) held.set(licence.licenseType, licence);
  }
  return held;
}

export function trustLevels(licences: ReadonlyMap<string, HeldLicence>): Map<string, TrustLevel> {
  return new Map([...licences].map(([type, licence]) => [type, licence.trustLevel]));
}

/** The form's datasets that are found by a field's value, with that key field. */
export function lookupKeys(form: MergedForm): Map<string, string> {
  const keys = new Map<string, string>();
  for (const { field } of form.fields) {
    if (field.source.kind === 'shared' && field.source.lookupBy) keys.set(field.source.dataset, field.source.lookupBy);
  }
  return keys;
}

function keyValue(values: FormValues, keyField: string): string | undefined {
  const value = values[keyField];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** Lookups the answers call for: a key field answered with a value not looked up yet (online only). */
export function lookupsDue(form: MergedForm, values: FormValues, exchange: ExchangeData | null): LookupRequest[] {
  if (exchange?.status !== 'online') return [];
  const due: LookupRequest[] = [];
  for (const [dataset, keyField] of lookupKeys(form)) {
    const value = keyValue(values, keyField);
    if (value !== undefined && exchange.lookups[dataset]?.value !== value) due.push({ dataset, keyField, value });
  }
  return due;
}

/**
 * Forgets the records whose key answer changed or went, together with the answers they gave, so a value of
 * another certificate can never stay on the form. Answers the citizen changed are theirs and stay.
 */
export function dropStaleLookups(form: MergedForm, values: FormValues, exchange: ExchangeData | null, today: string): { exchange: ExchangeData | null; values: FormValues } {
  if (!exchange) return { exchange, values };
  let datasets = exchange.datasets;
  let lookups = exchange.lookups;
  let next = values;
  for (const [dataset, keyField] of lookupKeys(form)) {
    const state = lookups[dataset];
    if (!state || state.value === keyValue(values, keyField)) continue;
    const record = datasets[dataset];
    if (record) next = withoutValuesFrom(form, next, dataset, record, today);
    datasets = without(datasets, dataset);
    lookups = without(lookups, dataset);
  }
  return next === values && datasets === exchange.datasets ? { exchange, values } : { exchange: { ...exchange, datasets, lookups }, values: next };
}

function without<T>(record: Readonly<Record<string, T>>, key: string): Record<string, T> {
  const copy = { ...record };
  delete copy[key];
  return copy;
}

function withoutValuesFrom(form: MergedForm, values: FormValues, dataset: string, record: DatasetRecord, today: string): FormValues {
  let next = values;
  for (const mf of form.fields) {
    if (mf.field.source.kind !== 'shared' || mf.field.source.dataset !== dataset) continue;
    const given = sharedValue(mf, { [dataset]: record });
    if (given !== undefined && next[mf.key] === given) next = setValue(form, next, mf.key, undefined, today);
  }
  return next;
}

/** Records what the lookups found; `failed` when the exchange did not answer in time. */
export function applyLookups(exchange: ExchangeData, requests: readonly LookupRequest[], output: LookupOutput | 'failed'): ExchangeData {
  const datasets: Record<string, DatasetRecord> = { ...exchange.datasets };
  const lookups = { ...exchange.lookups };
  for (const { dataset, value } of requests) {
    const record = output === 'failed' ? undefined : output[dataset];
    if (record) datasets[dataset] = record;
    else delete datasets[dataset];
    lookups[dataset] = { value, result: output === 'failed' ? 'failed' : record ? 'found' : 'not-found' };
  }
  return { ...exchange, datasets, lookups };
}
