/**
 * A date field's range from the catalog (`validation.earliest` / `latest`, syntax in catalog-schema.ts's
 * DATE_BOUND): each bound resolved against the transaction day and the form's answers, with the words that
 * say it. The words name a field rather than its value: a bound from the applicant's birth date is personal.
 */
import { DATE_BOUND, type Field } from '../../kiosk-config/catalog-schema.ts';
import { addToDate, isIsoDate } from './dates.ts';
import { formField } from './merged-form.ts';
import type { Bilingual, FormValues, MergedForm } from './types.ts';

export interface DateBound {
  /** `today`, a fixed date, or the key of the date field it follows. */
  readonly base: { readonly kind: 'today' } | { readonly kind: 'date'; readonly date: string } | { readonly kind: 'field'; readonly key: string };
  readonly offset?: { readonly amount: number; readonly unit: 'd' | 'm' | 'y' };
}

/** A bound as it applies now: the day, and how the screen and the problem message say it. */
export interface ResolvedBound {
  readonly date: string;
  readonly says: Bilingual;
}

export interface DateRange {
  readonly earliest?: ResolvedBound;
  readonly latest?: ResolvedBound;
}

export function parseDateBound(text: string): DateBound | undefined {
  const match = DATE_BOUND.exec(text);
  if (!match) return undefined;
  const [, base, sign, amount, unit] = match as unknown as [string, string, string | undefined, string | undefined, 'd' | 'm' | 'y' | undefined];
  const offset = sign && amount && unit ? { offset: { amount: Number(sign + amount), unit } } : {};
  if (base === 'today') return { base: { kind: 'today' }, ...offset };
  if (/^\d/.test(base)) return isIsoDate(base) ? { base: { kind: 'date', date: base }, ...offset } : undefined;
  return { base: { kind: 'field', key: base }, ...offset };
}

/** The field's range now; a bound on a field that is not on the form or not answered yet is left out. */
export function dateRange(field: Field, form: MergedForm, values: FormValues, today: string): DateRange {
  const { earliest, latest } = field.validation ?? {};
  const resolve = (text: string | undefined) => (text === undefined ? undefined : resolveBound(parseDateBound(text), form, values, today));
  const [from, to] = [resolve(earliest), resolve(latest)];
  return { ...(from ? { earliest: from } : {}), ...(to ? { latest: to } : {}) };
}

function resolveBound(bound: DateBound | undefined, form: MergedForm, values: FormValues, today: string): ResolvedBound | undefined {
  if (!bound) return undefined;
  const moved = (date: string) => (bound.offset ? addToDate(date, bound.offset.amount, bound.offset.unit) : date);
  switch (bound.base.kind) {
    case 'today':
      // A day counted from today is a plain date: "today" only while it is today.
      return { date: moved(today), says: bound.offset ? plain(moved(today)) : { 'zh-CN': '今天', en: 'today' } };
    case 'date':
      return { date: moved(bound.base.date), says: plain(moved(bound.base.date)) };
    case 'field': {
      const other = formField(form, bound.base.key);
      const value = values[bound.base.key];
      if (!other || typeof value !== 'string' || !isIsoDate(value)) return undefined;
      return { date: moved(value), says: fieldWords(other.field.label, bound.offset) };
    }
  }
}

function plain(date: string): Bilingual {
  return { 'zh-CN': date, en: date };
}

const UNIT = { d: ['天', 'day'], m: ['个月', 'month'], y: ['年', 'year'] } as const;

function fieldWords(label: Field['label'], offset: DateBound['offset']): Bilingual {
  const [zh, en] = [label['zh-CN'], label.en ?? label['zh-CN']];
  if (!offset) return { 'zh-CN': zh, en };
  const n = Math.abs(offset.amount);
  const [zhUnit, enUnit] = UNIT[offset.unit];
  const after = offset.amount >= 0;
  return { 'zh-CN': `${zh}${after ? '后' : '前'}${n}${zhUnit}`, en: `${n} ${enUnit}${n === 1 ? '' : 's'} ${after ? 'after' : 'before'} ${en}` };
}

/** Which side of the range an ISO date falls out on, if any. */
export function outOfRange(date: string, range: DateRange): 'too-early' | 'too-late' | undefined {
  if (range.earliest && date < range.earliest.date) return 'too-early';
  if (range.latest && date > range.latest.date) return 'too-late';
  return undefined;
}
