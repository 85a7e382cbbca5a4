/**
 * Computed fields (source `computed`): values derived from other fields by a named pure function. They are
 * never asked; they are worked out again whenever an input changes, and cleared when an input is gone, so a
 * stale value can never reach a department.
 *
 * Semantics, argument by argument:
 * - `ageFromBirthDate(birthDate)`: full years (周岁) on the transaction day; none for a date after it.
 * - `birthDateFromIdNumber(idNumber)`: the birth date embedded in an 18-character ID number, yyyy-mm-dd.
 * - `genderFromIdNumber(idNumber)`: '1' (odd sequence digit) or '2', the codes the ID card uses.
 * - `regionFromIdNumber(idNumber)`: the six-digit address code at the start of the number.
 * - `copy(a, b, …)`: the first argument that has a value (e.g. the delivery phone defaults to the
 *   applicant's phone).
 * A result is converted to the field's type: a number field gets a number, a text field gets text.
 */
import type { Field } from '../../kiosk-config/catalog-schema.ts';
import { ageOn } from './dates.ts';
import { idNumberBirthDate, idNumberGender, idNumberRegion } from './id-number.ts';
import { isMissing, type ComputedFn, type FieldValue, type FormValues, type MergedForm } from './types.ts';

export function computeValue(fn: ComputedFn, args: readonly (FieldValue | undefined)[], today: string): FieldValue | undefined {
  const first = args[0];
  if (fn === 'copy') return args.find((arg) => !isMissing(arg));
  if (typeof first !== 'string' || isMissing(first)) return undefined;
  const text = first.trim().toUpperCase();
  switch (fn) {
    case 'ageFromBirthDate':
      return ageOn(text, today);
    case 'birthDateFromIdNumber':
      return idNumberBirthDate(text);
    case 'genderFromIdNumber':
      return idNumberGender(text);
    case 'regionFromIdNumber':
      return idNumberRegion(text);
  }
}

/** `value` in the field's type, or undefined when it cannot be expressed in it. */
export function conform(field: Field, value: FieldValue | undefined): FieldValue | undefined {
  if (isMissing(value)) return undefined;
  if (field.type === 'number') {
    const number = typeof value === 'number' ? value : typeof value === 'string' ? Number(value.trim()) : Number.NaN;
    return Number.isFinite(number) ? number : undefined;
  }
  if (field.type === 'boolean') {
    if (typeof value === 'boolean') return value;
    return value === 'true' ? true : value === 'false' ? false : undefined;
  }
  return typeof value === 'string' ? value : String(value);
}

/** The values with every computed field of the form worked out again from the current inputs. */
export function computeFields(form: MergedForm, values: FormValues, today: string): FormValues {
  const out: Record<string, FieldValue> = { ...values };
  // One pass in form order suffices: mergeForm places every input before the fields derived from it.
  for (const { key, field } of form.fields) {
    if (field.source.kind !== 'computed') continue;
    const args = field.source.args.map((arg) => out[arg]);
    const value = conform(field, computeValue(field.source.fn, args, today));
    if (value === undefined) delete out[key];
    else out[key] = value;
  }
  return out;
}
