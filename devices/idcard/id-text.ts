/**
 * The 256-byte text block of a base-info read (reference §3.2–3.4): fixed-width UTF-16LE fields padded
 * with spaces, laid out by document type. The type is the character at offset 248 (high byte 0 checked
 * too, as the Decard sample does); anything else there is a resident ID.
 */
import { compactToIsoDate, isIsoDate, isoToCompactDate } from './card-date.ts';
import { LONG_TERM, withLabels, type CardType, type IdCardFields, type IdCardText } from './id-card-text.ts';
import { decodeUcs2Field, spaceFilled, writeUcs2Field } from './ucs2.ts';

export const ID_TEXT_LENGTH = 256;
export const TYPE_OFFSET = 248;
/** 长期 as the validity end of long-term cards (single source: NODE-IDCR). */
export const LONG_TERM_TEXT = '长期';

type FieldKind = 'text' | 'date' | 'valid-to';
type Range = readonly [offset: number, bytes: number];

interface FieldSpec<K extends string> {
  readonly key: K;
  /** Byte ranges in the text block; the 2023 English name is stored in two parts. */
  readonly ranges: readonly Range[];
  readonly kind: FieldKind;
}

type FieldsOf<T extends CardType> = Extract<IdCardFields, { type: T }>;
type Layout<T extends CardType> = readonly FieldSpec<Exclude<keyof FieldsOf<T> & string, 'type'>>[];

function field<K extends string>(key: K, offset: number, bytes: number, kind: FieldKind = 'text'): FieldSpec<K> {
  return { key, ranges: [[offset, bytes]], kind };
}

const VALIDITY = [field('validFrom', 188, 16, 'date'), field('validTo', 204, 16, 'valid-to')] as const;

/** §3.4 tables A–D; reserved ranges are left as padding. */
const LAYOUTS: { readonly [T in CardType]: Layout<T> } = {
  resident: [
    field('name', 0, 30),
    field('gender', 30, 2),
    field('nation', 32, 4),
    field('birthDate', 36, 16, 'date'),
    field('address', 52, 70),
    field('idNumber', 122, 36),
    field('issuer', 158, 30),
    ...VALIDITY,
  ],
  'hmt-permit': [
    field('name', 0, 30),
    field('gender', 30, 2),
    field('birthDate', 36, 16, 'date'),
    field('address', 52, 70),
    field('idNumber', 122, 36),
    field('issuer', 158, 30),
    ...VALIDITY,
    field('passNumber', 220, 18),
    field('issueCount', 238, 4),
  ],
  'foreign-2017': [
    field('englishName', 0, 120),
    field('gender', 120, 2),
    field('idNumber', 122, 30),
    field('nationality', 152, 6),
    field('chineseName', 158, 30),
    ...VALIDITY,
    field('birthDate', 220, 16, 'date'),
    field('cardVersion', 236, 4),
    field('authorityCode', 240, 8),
  ],
  'foreign-2023': [
    field('chineseName', 0, 30),
    field('gender', 30, 2),
    field('renewalCount', 32, 4),
    field('birthDate', 36, 16, 'date'),
    { key: 'englishName', ranges: [[52, 70], [220, 22]], kind: 'text' },
    field('idNumber', 122, 36),
    ...VALIDITY,
    field('nationality', 242, 6),
    field('previousNumberLink', 250, 6),
  ],
};

const TYPE_MARKS: Readonly<Record<CardType, number | undefined>> = {
  resident: undefined,
  'hmt-permit': 0x4a,
  'foreign-2017': 0x49,
  'foreign-2023': 0x59,
};

/** Field widths in UTF-16 code units, for validating card descriptions before encoding. */
export function fieldWidths(type: CardType): Readonly<Record<string, number>> {
  return Object.fromEntries(LAYOUTS[type].map((spec) => [spec.key, totalBytes(spec.ranges) / 2]));
}

export type ParsedIdText =
  | { readonly ok: true; readonly card: IdCardText }
  | { readonly ok: false; readonly type?: CardType; readonly problems: readonly string[] };

export function detectCardType(text: Uint8Array): CardType {
  if (text[TYPE_OFFSET + 1] !== 0x00) return 'resident';
  for (const [type, mark] of Object.entries(TYPE_MARKS)) if (mark !== undefined && text[TYPE_OFFSET] === mark) return type as CardType;
  return 'resident';
}

export function parseIdText(text: Uint8Array): ParsedIdText {
  if (text.length !== ID_TEXT_LENGTH) return { ok: false, problems: [`text block is ${text.length} bytes, expected ${ID_TEXT_LENGTH}`] };
  const type = detectCardType(text);
  const problems: string[] = [];
  const fields: Record<string, string> = { type };
  for (const spec of LAYOUTS[type] as Layout<CardType>) {
    const joined = joinRanges(text, spec.ranges);
    fields[spec.key] = fromCard(spec, decodeUcs2Field(joined, 0, joined.length), problems);
  }
  if (problems.length > 0) return { ok: false, type, problems };
  // Every key of the type's layout was filled above, so the record has exactly the type's fields.
  return { ok: true, card: withLabels(fields as unknown as IdCardFields) };
}

/** The 256-byte block for a card, as the simulator sends it; labels are ignored, overlong fields throw. */
export function encodeIdText(card: IdCardFields): Uint8Array {
  const out = spaceFilled(ID_TEXT_LENGTH);
  const values = card as unknown as Readonly<Record<string, string>>;
  for (const spec of LAYOUTS[card.type] as Layout<CardType>) {
    const block = new Uint8Array(totalBytes(spec.ranges));
    writeUcs2Field(block, 0, block.length, toCard(spec, values[spec.key] ?? ''));
    let at = 0;
    for (const [offset, bytes] of spec.ranges) {
      out.set(block.subarray(at, at + bytes), offset);
      at += bytes;
    }
  }
  const mark = TYPE_MARKS[card.type];
  if (mark !== undefined) out.set([mark, 0x00], TYPE_OFFSET);
  return out;
}

function fromCard(spec: FieldSpec<string>, raw: string, problems: string[]): string {
  if (spec.kind === 'text') return raw;
  if (spec.kind === 'valid-to' && raw === LONG_TERM_TEXT) return LONG_TERM;
  const iso = compactToIsoDate(raw);
  if (iso !== undefined) return iso;
  problems.push(`${spec.key}: "${raw}" is not a date (YYYYMMDD${spec.kind === 'valid-to' ? ` or ${LONG_TERM_TEXT}` : ''})`);
  return raw;
}

function toCard(spec: FieldSpec<string>, value: string): string {
  if (spec.kind === 'text') return value;
  if (spec.kind === 'valid-to' && value === LONG_TERM) return LONG_TERM_TEXT;
  if (!isIsoDate(value)) throw new RangeError(`${spec.key}: "${value}" is not an ISO date`);
  return isoToCompactDate(value);
}

function totalBytes(ranges: readonly Range[]): number {
  return ranges.reduce((n, [, bytes]) => n + bytes, 0);
}

function joinRanges(text: Uint8Array, ranges: readonly Range[]): Uint8Array {
  const out = new Uint8Array(totalBytes(ranges));
  let at = 0;
  for (const [offset, bytes] of ranges) {
    out.set(text.subarray(offset, offset + bytes), at);
    at += bytes;
  }
  return out;
}
