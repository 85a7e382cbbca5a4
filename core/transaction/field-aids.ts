/**
 * What a question's view carries beside its value: a date's range, resolved for today and the answers, and
 * a value offered from the ID card (户籍地址 from the card's address) with whether the answer is it.
 */
import type { FieldView } from '../contract/transaction-view.ts';
import { dateRange, suggestedValue, type FieldValue, type FormValues, type MergedField, type MergedForm, type PrefillSources } from '../bundle/index.ts';

export function rangeView(form: MergedForm, mf: MergedField, values: FormValues, today: string): Pick<FieldView, 'range' | 'today'> {
  if (mf.field.type !== 'date') return {};
  const range = dateRange(mf.field, form, values, today);
  return range.earliest || range.latest ? { range, today } : { today };
}

/** Only when the card has the value: otherwise the question is asked as usual. */
export function cardOfferView(mf: MergedField, card: PrefillSources['idCard'], value: FieldValue | undefined): Pick<FieldView, 'suggestion'> {
  const suggested = suggestedValue(mf, card);
  if (!mf.field.suggestFrom || suggested === undefined) return {};
  return { suggestion: { label: mf.field.suggestFrom.label, chosen: value === suggested } };
}
