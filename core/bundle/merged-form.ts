/**
 * 一表申请: the chosen items' fields merged into one form, each canonical key once, and what follows from it:
 * which fields are relevant, which still need the citizen, and each department's projection of the answers.
 */
import type { Bundle, Catalog } from '../../kiosk-config/catalog-schema.ts';
import type { LocalizedText } from '../contract/locale.ts';
import { chosenItems } from './bundle-items.ts';
import { evaluate, withAnswers } from './conditions.ts';
import { isMissing, type Facts, type FieldValue, type FormValues, type MergedField, type MergedForm } from './types.ts';

interface Entry {
  readonly key: string;
  readonly field: MergedField['field'];
  readonly neededBy: string[];
  required: boolean;
}

/**
 * Order: first appearance, items in bundle order, fields in item order. A computed field's inputs are pulled
 * in (as supporting fields when no item lists them) just before it, so its value can be worked out.
 */
export function mergeForm(catalog: Catalog, bundle: Bundle, chosenOptionalItems: readonly string[]): MergedForm {
  const items = chosenItems(catalog, bundle, chosenOptionalItems);
  const entries = new Map<string, Entry>();

  const include = (key: string, itemCode: string | undefined, required: boolean, path: readonly string[]): void => {
    if (path.includes(key)) throw new RangeError(`computed fields form a cycle: ${[...path, key].join(' → ')}`);
    const field = catalog.fields.get(key);
    if (!field) throw new RangeError(`unknown field "${key}" (${path.length ? `input of "${path.at(-1)}"` : `item "${itemCode}"`})`);
    // Inputs first, and again on every visit so that a later `required` reaches them too.
    if (field.source.kind === 'computed') for (const arg of field.source.args) include(arg, undefined, required, [...path, key]);
    let entry = entries.get(key);
    if (!entry) {
      entry = { key, field, neededBy: [], required: false };
      entries.set(key, entry);
    }
    if (itemCode !== undefined && !entry.neededBy.includes(itemCode)) entry.neededBy.push(itemCode);
    entry.required ||= required;
  };

  for (const item of items) for (const ref of item.fields) include(ref.key, item.implementationCode, ref.required, []);
  const fields = [...entries.values()].map(
    (e): MergedField => ({ key: e.key, field: e.field, neededBy: e.neededBy, required: e.required, supporting: e.neededBy.length === 0 }),
  );
  return { bundleCode: bundle.code, items, fields };
}

export function formField(form: MergedForm, key: string): MergedField | undefined {
  return form.fields.find((f) => f.key === key);
}

/**
 * Fields whose `relevantWhen` holds for the current answers. A supporting field is relevant only while a
 * relevant computed field is derived from it: nobody should be asked for an input whose result is not used.
 */
export function relevantFields(form: MergedForm, values: FormValues, facts: Facts): MergedField[] {
  const current = withAnswers(facts, values);
  const relevant = new Set<string>();
  // Reverse order: every field derived from a supporting field comes after it.
  for (const f of [...form.fields].reverse()) {
    if (f.field.relevantWhen && !evaluate(f.field.relevantWhen, current)) continue;
    if (f.supporting && !form.fields.some((d) => relevant.has(d.key) && d.field.source.kind === 'computed' && d.field.source.args.includes(f.key))) {
      continue;
    }
    relevant.add(f.key);
  }
  return form.fields.filter((f) => relevant.has(f.key));
}

/**
 * Relevant fields that still need the citizen: no value yet (a manual field, or a prefill that found
 * nothing). Computed fields and fields with no kiosk input (`input: none`) are never asked.
 */
export function questionsToAsk(form: MergedForm, values: FormValues, facts: Facts): MergedField[] {
  return relevantFields(form, values, facts).filter(
    (f) => f.field.source.kind !== 'computed' && f.field.input !== 'none' && isMissing(values[f.key]),
  );
}

export interface DepartmentField {
  readonly key: string;
  readonly label: LocalizedText;
  /** As the item itself declares it. */
  readonly required: boolean;
  readonly relevant: boolean;
  /** Only for relevant fields: an answer to a question that no longer applies is not sent. */
  readonly value?: FieldValue;
}

export interface DepartmentForm {
  readonly itemCode: string;
  readonly itemName: LocalizedText;
  readonly department: LocalizedText;
  /** Every field of the item, in the item's own order. */
  readonly fields: readonly DepartmentField[];
}

/** One department's form: the merged answers projected onto the fields of one item. */
export function departmentForm(form: MergedForm, values: FormValues, itemCode: string, facts: Facts): DepartmentForm {
  const item = form.items.find((i) => i.implementationCode === itemCode);
  if (!item) throw new RangeError(`item "${itemCode}" is not part of this form`);
  const relevant = new Set(relevantFields(form, values, facts).map((f) => f.key));
  const seen = new Set<string>();
  const fields: DepartmentField[] = [];
  for (const ref of item.fields) {
    if (seen.has(ref.key)) continue;
    seen.add(ref.key);
    const merged = formField(form, ref.key);
    if (!merged) continue; // unreachable: mergeForm includes every field of every chosen item
    const value = values[ref.key];
    const isRelevant = relevant.has(ref.key);
    const required = item.fields.some((r) => r.key === ref.key && r.required);
    fields.push({
      key: ref.key,
      label: merged.field.label,
      required,
      relevant: isRelevant,
      ...(isRelevant && !isMissing(value) ? { value } : {}),
    });
  }
  return { itemCode, itemName: item.name, department: item.department, fields };
}
