import { useEffect, useState } from 'preact/hooks';
import type { Locale } from '../../../core/contract/locale.ts';

export interface ClockProps {
  readonly language: Locale;
}

/** Date and time, updated each half minute; citizens check it against their appointment. */
export function Clock({ language }: ClockProps) {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 30_000);
    return () => clearInterval(timer);
  }, []);
  const date = new Intl.DateTimeFormat(language, { dateStyle: 'full' }).format(now);
  const time = new Intl.DateTimeFormat(language, { hour: '2-digit', minute: '2-digit', hour12: false }).format(now);
  return (
    <p class="clock">
      <time dateTime={now.toISOString()}>
        <span class="clock-time">{time}</span>
        <span class="clock-date">{date}</span>
      </time>
    </p>
  );
}
