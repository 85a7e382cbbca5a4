/**
 * The shared vocabulary of the catalog checks: lists as parsed (with what failed), lookups that know the
 * difference between "unknown" and "cannot tell", duplicate reports, and the facts a condition reads.
 */
import type { Condition, Field } from '../../kiosk-config/catalog-schema.ts';
import type { ConfigProblem } from '../config/load-config.ts';

export interface Listed<T> {
  /** Position in the file's list, for the problem path. */
  readonly index: number;
  readonly value: T;
}

export interface CatalogList<T> {
  /** The entries that passed their schema. */
  readonly entries: readonly Listed<T>[];
  /** False when the file could not be read as a list at all. */
  readonly known: boolean;
  /** Ids of entries that failed their schema. */
  readonly broken: ReadonlySet<string>;
}

export interface Lookup<T> {
  /** The first valid entry with this id. */
  readonly get: (id: string) => T | undefined;
  /** True only when the id is certainly missing: the list was read and no entry, valid or broken, has it. */
  readonly isUnknown: (id: string) => boolean;
}

export type ConditionLeaf = Extract<Condition, { fact: string }>;

export function lookup<T>(list: CatalogList<T>, idOf: (value: T) => string): Lookup<T> {
  const byId = new Map<string, T>();
  for (const { value } of list.entries) if (!byId.has(idOf(value))) byId.set(idOf(value), value);
  return {
    get: (id) => byId.get(id),
    isUnknown: (id) => list.known && !byId.has(id) && !list.broken.has(id),
  };
}

/** Reports every repeat of an id, naming where it first appeared. */
export function reportDuplicates(
  file: string,
  refs: readonly { readonly id: string; readonly path: string }[],
  noun: string,
  out: ConfigProblem[],
): void {
  const first = new Map<string, string>();
  for (const { id, path } of refs) {
    const earlier = first.get(id);
    if (earlier === undefined) first.set(id, path);
    else out.push({ file, path, message: `duplicate ${noun} "${id}", first at ${earlier}` });
  }
}

/** Every `answer.<key>` fact must name a known field, and a compared value must fit that field. */
export function checkConditionFields(file: string, path: string, condition: Condition, fields: Lookup<Field>, out: ConfigProblem[]): void {
  for (const { leaf, path: at } of conditionLeaves(condition, path)) {
    const key = answerKey(leaf.fact);
    if (key === undefined) continue;
    const field = fields.get(key);
    if (!field) {
      if (fields.isUnknown(key)) out.push({ file, path: `${at}.fact`, message: `unknown field "${key}"` });
      continue;
    }
    if (!('value' in leaf)) continue;
    const values = Array.isArray(leaf.value)
      ? leaf.value.map((value, i) => ({ value, path: `${at}.value.${i}` }))
      : [{ value: leaf.value, path: `${at}.value` }];
    const ordering = leaf.op === 'gt' || leaf.op === 'gte' || leaf.op === 'lt' || leaf.op === 'lte';
    for (const { value, path: valuePath } of values) {
      // The evaluator compares types strictly (a number only equals its own text), so a typo in a choice
      // value or a quoted "true" would make the condition silently never hold.
      if (field.type === 'choice' && field.choices && !ordering && !field.choices.some((c) => c.value === String(value))) {
        const allowed = field.choices.map((c) => c.value).join(', ');
        out.push({ file, path: valuePath, message: `${JSON.stringify(value)} is not a choice of "${key}" (${allowed})` });
      }
      if (field.type === 'boolean' && typeof value !== 'boolean') {
        out.push({ file, path: valuePath, message: `"${key}" is a boolean field: compare it with true or false` });
      }
    }
  }
}

export function answerKey(fact: string): string | undefined {
  return fact.startsWith('answer.') ? fact.slice('answer.'.length) : undefined;
}

/** The field keys a condition reads through `answer.<key>` facts. */
export function answerKeys(condition: Condition | undefined): string[] {
  if (!condition) return [];
  return conditionLeaves(condition, '').flatMap(({ leaf }) => answerKey(leaf.fact) ?? []);
}

/** The comparisons inside a condition, each with its dotted path. */
export function conditionLeaves(condition: Condition, path: string): { leaf: ConditionLeaf; path: string }[] {
  if ('all' in condition) return condition.all.flatMap((c, i) => conditionLeaves(c, `${path}.all.${i}`));
  if ('any' in condition) return condition.any.flatMap((c, i) => conditionLeaves(c, `${path}.any.${i}`));
  if ('not' in condition) return conditionLeaves(condition.not, `${path}.not`);
  return [{ leaf: condition, path }];
}
