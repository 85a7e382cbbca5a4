/**
 * Masks personal data before anything is written to a log. Two nets: values under known personal keys are
 * masked whatever they look like, and every string is scanned for ID numbers and mobile numbers, because
 * personal data also turns up inside error messages and free text.
 */

/**
 * 18-character resident ID numbers (GB 11643), also glued to letters or written with spaces or dashes between
 * the digits, and the older 15-digit form.
 */
const ID_NUMBER = /(?<!\d)(?:\d(?:[ -]?\d){16}[ -]?[0-9Xx]|\d{15})(?!\d)/g;
/** Mainland mobile numbers, with or without +86 and with spaces or dashes in the usual places. */
const MOBILE = /(?<!\d)((?:\+?86[ -]?)?1[3-9]\d)[ -]?(\d{4})[ -]?(\d{4})(?!\d)/g;

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

/** A document number other than an ID number (a 通行证号码): first and last kept, `H*******1`. */
export function maskCode(code: string): string {
  const chars = Array.from(code);
  return chars.length <= 2 ? '*'.repeat(chars.length) : `${chars[0]}${'*'.repeat(chars.length - 2)}${chars.at(-1)}`;
}

export function maskText(text: string): string {
  return text
    .replace(ID_NUMBER, (match: string) => maskIdNumber(match.replace(/[ -]/g, '')))
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
  ['passnumber', maskCode],
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

/** Key endings that are personal too: `householdAddress`, `contactPhone`, `spouseIdNumber`. */
const PERSONAL_ENDINGS = ['idnumber', 'address', 'phone', 'mobile', 'birthdate', 'signature'] as const;

/** A form key's last part counts: `newborn.name`, `delivery.address`, `applicant.idNumber`. */
function maskerFor(key: string): Masker | undefined {
  const last = (key.split('.').pop() ?? key).toLowerCase().replace(/[-_]/g, '');
  const ending = PERSONAL_ENDINGS.find((e) => last.endsWith(e));
  return PERSONAL_KEYS.get(last) ?? (ending ? PERSONAL_KEYS.get(ending) : undefined);
}

/** A serialised error (pino's `err`): its `name` is the error's class, not a person's. */
function isSerialisedError(value: object): boolean {
  return typeof (value as { stack?: unknown }).stack === 'string' && typeof (value as { message?: unknown }).message === 'string';
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
  const error = isSerialisedError(value);
  for (const [key, item] of Object.entries(value)) {
    const masker = error && key === 'name' ? undefined : maskerFor(key);
    out[key] = masker && item != null ? masker(typeof item === 'string' ? item : JSON.stringify(item)) : redact(item, depth + 1, seen);
  }
  return out;
}
