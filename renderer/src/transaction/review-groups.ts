/**
 * The review's answers, each once, grouped by the departments that receive them: the one form is sent in
 * parts, and a citizen checks a value once rather than once per department (a birth's five items repeated
 * the child's name five times).
 */
import type { LocalizedText } from '../../../core/contract/locale.ts';
import type { FieldView, TransactionView } from '../../../core/contract/transaction-view.ts';

export interface ReviewGroup {
  /** The departments that receive these fields, in the order of the bundle's items. */
  readonly departments: readonly LocalizedText[];
  /** Every department of the bundle receives them. */
  readonly everyone: boolean;
  readonly fields: readonly FieldView[];
}

export function reviewGroups(view: Pick<TransactionView, 'fields' | 'departments'>): ReviewGroup[] {
  const all = new Map<string, LocalizedText>();
  for (const { item } of view.departments) all.set(item.department['zh-CN'], item.department);
  const groups = new Map<string, { departments: LocalizedText[]; fields: FieldView[] }>();
  for (const field of view.fields) {
    const receivers = new Map<string, LocalizedText>();
    for (const { item, fields } of view.departments) if (fields.some((f) => f.key === field.key)) receivers.set(item.department['zh-CN'], item.department);
    if (receivers.size === 0) continue;
    const key = [...receivers.keys()].join('\n');
    const group = groups.get(key) ?? { departments: [...receivers.values()], fields: [] };
    group.fields.push(field);
    groups.set(key, group);
  }
  // What everyone receives first: it is most of what the citizen typed.
  return [...groups.values()]
    .map((g) => ({ ...g, everyone: g.departments.length === all.size }))
    .sort((a, b) => Number(b.everyone) - Number(a.everyone));
}
