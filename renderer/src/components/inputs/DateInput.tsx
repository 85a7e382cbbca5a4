import { MIN_YEAR, parseIsoDate, stepDate, toIsoDate, today, type DatePart } from '../../transaction/date-parts.ts';
import type { InputProps } from './input-props.ts';

const PARTS: readonly DatePart[] = ['year', 'month', 'day'];
/** Dates ahead are allowed (appointments), but not far. */
const YEARS_AHEAD = 10;

/**
 * Year, month and day as three big steppers instead of the browser's tiny calendar: each button is a large
 * target, reachable by keypad, and the chosen date is read back in full.
 */
export function DateInput({ ui: { t, language }, value, onChange, labelledBy }: InputProps) {
  const now = today();
  const parts = (typeof value === 'string' ? parseIsoDate(value) : null) ?? now;
  const step = (part: DatePart, delta: 1 | -1) => onChange(toIsoDate(stepDate(parts, part, delta, now.year + YEARS_AHEAD)));
  const full = new Intl.DateTimeFormat(language, { dateStyle: 'full' }).format(new Date(parts.year, parts.month - 1, parts.day));
  return (
    <div class="date-input" role="group" aria-labelledby={labelledBy}>
      <div class="steppers">
        {PARTS.map((part) => {
          const name = t(`date.${part}`);
          return (
            <div key={part} class="stepper" role="group" aria-label={name}>
              <span class="stepper-label" aria-hidden="true">
                {name}
              </span>
              <button type="button" class="key" aria-label={t('date.more', { part: name })} onClick={() => step(part, 1)}>
                +
              </button>
              <span class="stepper-value">{part === 'year' ? String(parts.year).padStart(4, '0') : parts[part]}</span>
              <button
                type="button"
                class="key"
                aria-label={t('date.less', { part: name })}
                disabled={part === 'year' && parts.year <= MIN_YEAR}
                onClick={() => step(part, -1)}
              >
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
