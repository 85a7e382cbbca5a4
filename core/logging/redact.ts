/**
 * Masks personal data before anything is written to a log. Two nets: values under known personal keys are
 * masked whatever they look like, and every string is scanned for ID numbers and mobile numbers, because
 * personal data also turns up inside error messages and free text.
 */

/** 18-character resident ID numbers (GB 11643) and the older 15-digit form. */
const ID_NUMBER = /(?<![0-9A-Za-z])(?:\d{17}[0-9Xx]|\d{15})(?![0-9A-Za-z])/g;
const MOBILE = /(?<!\d)(1[3-9]\d)(\d{4})(\d{4})(?!\d)/g;

/** `110105********002X` as DESIGN.md §7 prescribes: region kept, birth date and sequence hidden. */
export function maskIdNumber(id: string): string {
  if (id.length <= 10) return '*'.repeat(id.length);
  return `${id.slice(0, 6)}${'*'.repeat(id.length - 10)}${id.slice(-4)}`;
}

/** Keeps the first character: `张三` → `张*`, `Jean Dupont` → `J**********`. */
export function maskName(name: string): string {
  const chars = Array.from(name);
  return chars.length === 0 ? '' : chars[0] + '*'.repeat(chars.length - 1);
}

export function maskText(text: string): string {
  return text
    .replace(ID_NUMBER, (match: string) => maskIdNumber(match))
    .replace(MOBILE, (_m, head: string, _mid: string, tail: string) => `${head}****${tail}`);
}

type Masker = (value: string) => string;
const REDACTED = '[REDACTED]';

/** Keys whose values are personal whatever they contain, compared case-insensitively without separators. */
const PERSONAL_KEYS: ReadonlyMap<string, Masker> = new Map<string, Masker>([
  ['idnumber', maskIdNumber],
  ['idno', maskIdNumber],
  ['idcard', maskIdNumber],
  ['certno', maskIdNumber],
  ['name', maskName],
  ['fullname', maskName],
  ['applicantname', maskName],
  ['englishname', maskName],
  ['chinesename', maskName],
  ['address', () => REDACTED],
  ['phone', () => REDACTED],
  ['mobile', () => REDACTED],
  ['birthdate', () => REDACTED],
  ['photo', () => REDACTED],
  ['signature', () => REDACTED],
]);

function maskerFor(key: string): Masker | undefined {
  return PERSONAL_KEYS.get(key.toLowerCase().replace(/[-_]/g, ''));
}

/** Returns a masked deep copy; cycles and depth are bounded so a strange object cannot hang the logger. */
export function redact(value: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  if (typeof value === 'string') return maskText(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth > 8 || seen.has(value)) return '[…]';
  seen.add(value);
  if (value instanceof Error) {
    return redact({ type: value.name, message: value.message, stack: value.stack, code: (value as { code?: unknown }).code }, depth + 1, seen);
  }
  if (Array.isArray(value)) return value.map((item) => redact(item, depth + 1, seen));
  if (ArrayBuffer.isView(value)) return `[${value.byteLength} bytes]`;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const masker = maskerFor(key);
    out[key] = masker && item != null ? masker(typeof item === 'string' ? item : JSON.stringify(item)) : redact(item, depth + 1, seen);
  }
  return out;
}
