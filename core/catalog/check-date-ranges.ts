/**
 * A date field's `earliest` / `latest` (fields.yaml): only on dates, each bound a real date, `today`, or
 * another date field, and a range that is not empty whatever the day. A bound on another field is checked
 * when the form is filled; here only that the field exists and is a date.
 */
import type { Field } from '../../kiosk-config/catalog-schema.ts';
import { parseDateBound, type DateBound } from '../bundle/date-range.ts';
import { addToDate } from '../bundle/dates.ts';
import type { ConfigProblem } from '../config/load-config.ts';
import type { Lookup } from './catalog-refs.ts';

const FILE = 'fields.yaml';
/** Any day: two bounds from `today` compare the same on every day, near enough for an empty-range check. */
const SOME_DAY = '2000-03-01';

export function checkDateRange(at: string, field: Field, fields: Lookup<Field>, out: ConfigProblem[]): void {
  const bounds = (['earliest', 'latest'] as const).flatMap((side) => {
    const text = field.validation?.[side];
    return text === undefined ? [] : [{ side, text, path: `${at}.validation.${side}` }];
  });
  if (bounds.length > 0 && field.type !== 'date') {
    out.push({ file: FILE, path: `${at}.validation`, message: `only a date field has earliest / latest (type is "${field.type}")` });
    return;
  }
  const parsed: Partial<Record<'earliest' | 'latest', DateBound>> = {};
  for (const { side, text, path } of bounds) {
    const bound = parseDateBound(text);
    if (!bound) out.push({ file: FILE, path, message: `"${text}" is not a real date` });
    else if (usableBound(field, bound, fields, path, out)) parsed[side] = bound;
  }
  const [from, to] = [fixedDay(parsed.earliest), fixedDay(parsed.latest)];
  if (from !== undefined && to !== undefined && from > to && sameBase(parsed.earliest, parsed.latest)) {
    out.push({ file: FILE, path: `${at}.validation`, message: `earliest "${field.validation!.earliest}" is after latest "${field.validation!.latest}": no date fits` });
  }
}

/** True when the bound is usable; otherwise reports why. */
function usableBound(field: Field, bound: DateBound, fields: Lookup<Field>, path: string, out: ConfigProblem[]): boolean {
  if (bound.base.kind !== 'field') return true;
  const { key } = bound.base;
  const other = fields.get(key);
  if (key === field.key) out.push({ file: FILE, path, message: `a date cannot be bounded by itself` });
  else if (!other) {
    if (fields.isUnknown(key)) out.push({ file: FILE, path, message: `unknown field "${key}"` });
  } else if (other.type !== 'date') out.push({ file: FILE, path, message: `"${key}" is not a date field (type is "${other.type}")` });
  else return true;
  return false;
}

/** The day a bound stands for when it does not depend on an answer (a `today` one on a sample day). */
function fixedDay(bound: DateBound | undefined): string | undefined {
  if (!bound || bound.base.kind === 'field') return undefined;
  const base = bound.base.kind === 'date' ? bound.base.date : SOME_DAY;
  return bound.offset ? addToDate(base, bound.offset.amount, bound.offset.unit) : base;
}

/** Both from `today`, or both fixed: comparable on any day. */
function sameBase(a: DateBound | undefined, b: DateBound | undefined): boolean {
  return a?.base.kind === b?.base.kind;
}
