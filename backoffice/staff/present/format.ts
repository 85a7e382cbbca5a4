/** Times as the hall reads them: Beijing time, to the second, inside <time> with the exact instant. */
import { html, type Html } from './html.ts';

const HALL_TIME_ZONE = 'Asia/Shanghai';
const format = new Intl.DateTimeFormat('en-CA', {
  timeZone: HALL_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** `2026-12-02 13:05:09` in the hall's time zone. */
export function hallTime(at: number): string {
  const parts = format.formatToParts(new Date(at));
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}:${part('second')}`;
}

export function timeElement(at: number | null | undefined): Html {
  if (at === null || at === undefined) return html`—`;
  return html`<time datetime="${new Date(at).toISOString()}">${hallTime(at)}</time>`;
}

/** How long, roughly: 45 秒, 12 分钟, 3 小时 5 分钟, 2 天 4 小时. */
export function duration(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  if (seconds < 60) return `${seconds} 秒`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} 分钟`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 === 0 ? `${hours} 小时` : `${hours} 小时 ${minutes % 60} 分钟`;
  const days = Math.floor(hours / 24);
  return hours % 24 === 0 ? `${days} 天` : `${days} 天 ${hours % 24} 小时`;
}
