/**
 * What the transaction machine's guards and actions ask of the form: the session's bundle and merged form,
 * whose values the citizen may not change (the card's, the departments'), and the values after a prefill or
 * an answer. Pure: the catalog is closed over, the clock comes from the context or the event.
 */
import type { Bundle, Catalog } from '../../kiosk-config/catalog-schema.ts';
import { isMissing, mergeForm, prefill, setValue, sharedValue, suggestedValue, type MergedField, type MergedForm } from '../bundle/index.ts';
import { applyLookups, dropStaleLookups, lookupsDue } from './exchange.ts';
import { today } from './transaction-context.ts';
import type { LookupInput, LookupOutput, TransactionContext } from './transaction-types.ts';

export function formRules(catalog: Catalog) {
  const bundleOf = (context: TransactionContext): Bundle | undefined => catalog.bundles.find((b) => b.code === context.bundleCode);
  const formOf = (context: TransactionContext) => {
    const bundle = bundleOf(context);
    return bundle ? mergeForm(catalog, bundle, context.optionalItems) : undefined;
  };
  /** True when the field's value is the one read from the applicant's ID card, which the citizen cannot change. */
  const fromCard = (context: TransactionContext, key: string): boolean => {
    const source = formOf(context)?.fields.find((f) => f.key === key)?.field.source;
    return source?.kind === 'idcard' && !!context.applicant?.card[source.attribute] && !isMissing(context.values[key]);
  };
  /** True when the field shows the department's record, which the citizen cannot change unless the catalog allows. */
  const fromRecords = (context: TransactionContext, mf: MergedField): boolean => {
    const { source } = mf.field;
    if (source.kind !== 'shared' || source.correctable) return false;
    const given = sharedValue(mf, context.exchange?.datasets);
    return given !== undefined && context.values[mf.key] === given;
  };
  /** The form's values filled from the ID card, then the exchange's records, then earlier answers. */
  const prefilled = (context: TransactionContext, form: MergedForm, values = context.values) =>
    prefill(form, { idCard: context.applicant?.card ?? {}, shared: context.exchange?.datasets ?? {}, earlier: values }, today(context.now));
  /**
   * The values and exchange after an answer: a changed certificate number forgets the record it found, and a
   * cleared answer to a field the card suggests goes back to the card's value ("与身份证地址相同").
   */
  const afterAnswer = (context: TransactionContext, key: string, value: Parameters<typeof setValue>[3], at: number) => {
    const form = formOf(context);
    if (!form) return undefined;
    const mf = form.fields.find((f) => f.key === key);
    const answer = isMissing(value) && mf ? suggestedValue(mf, context.applicant?.card) : value;
    const values = setValue(form, context.values, key, answer, today(at));
    return { form, ...dropStaleLookups(form, values, context.exchange, today(at)) };
  };
  /** What the lookup actor is asked: the lookups the answers call for now. */
  const lookupInput = (context: TransactionContext): LookupInput => {
    const form = formOf(context);
    return { sessionId: context.sessionId, idNumber: context.applicant?.card.idNumber ?? '', lookups: form ? lookupsDue(form, context.values, context.exchange) : [] };
  };
  /** Records what the lookups found (or that they failed) and fills the form from the records found. */
  const withLookups = (context: TransactionContext, output: LookupOutput | 'failed'): Partial<TransactionContext> => {
    const form = formOf(context);
    if (!form || !context.exchange) return {};
    const exchange = applyLookups(context.exchange, lookupsDue(form, context.values, context.exchange), output);
    return { exchange, values: prefilled({ ...context, exchange }, form) };
  };
  return { bundleOf, formOf, fromCard, fromRecords, prefilled, afterAnswer, lookupInput, withLookups };
}
