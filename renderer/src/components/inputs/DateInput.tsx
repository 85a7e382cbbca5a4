import { clampDate, dateLimits, parseIsoDate, stepDate, toIsoDate, today, type DatePart } from '../../transaction/date-parts.ts';
import type { InputProps } from './input-props.ts';

const PARTS: readonly DatePart[] = ['year', 'month', 'day'];

/**
 * Year, month and day as three big steppers instead of the browser's tiny calendar: each button is a large
 * target, reachable by keypad, and the chosen date is read back in full. The steppers carry like a calendar
 * and stop at the field's range (not after today for a birth), which the screen says.
 */
export function DateInput({ ui: { t, text, language }, field, value, onChange, labelledBy }: InputProps) {
  // The hall's day from core; the browser's clock only where core gave none.
  const now = (field.today ? parseIsoDate(field.today) : null) ?? today();
  const limits = dateLimits(field.range, now);
  const parts = (typeof value === 'string' ? parseIsoDate(value) : null) ?? clampDate(now, limits);
  const full = new Intl.DateTimeFormat(language, { dateStyle: 'full' }).format(new Date(parts.year, parts.month - 1, parts.day));
  const { earliest, latest } = field.range ?? {};
  return (
    <div class="date-input" role="group" aria-labelledby={labelledBy} aria-describedby={field.range ? 'date-range' : undefined}>
      {field.range && (
        <p class="date-range" id="date-range">
          {[earliest && t('date.earliest', { bound: text(earliest.says) }), latest && t('date.latest', { bound: text(latest.says) })].filter(Boolean).join(t('date.rangeJoin'))}
        </p>
      )}
      <div class="steppers">
        {PARTS.map((part) => {
          const name = t(`date.${part}`);
          const [up, down] = [stepDate(parts, part, 1, limits), stepDate(parts, part, -1, limits)];
          return (
            <div key={part} class="stepper" role="group" aria-label={name} data-part={part}>
              <span class="stepper-label" aria-hidden="true">
                {name}
              </span>
              <button type="button" class="key" aria-label={t('date.more', { part: name })} disabled={!up} onClick={() => up && onChange(toIsoDate(up))}>
                +
              </button>
              <span class="stepper-value">{part === 'year' ? String(parts.year).padStart(4, '0') : parts[part]}</span>
              <button type="button" class="key" aria-label={t('date.less', { part: name })} disabled={!down} onClick={() => down && onChange(toIsoDate(down))}>
                −
              </button>
            </div>
          );
        })}
      </div>
      <p class="date-chosen" aria-live="polite">
        {t('date.chosen', { date: full })}
      </p>
    </div>
  );
}
