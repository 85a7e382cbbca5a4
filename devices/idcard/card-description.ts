/**
 * JSON descriptions of ID cards for the simulator, tests and demos (`npm run sim -- card insert FILE.json`,
 * samples in sim/cards/). Text fields are checked against the card's field widths so every valid
 * description encodes; the content itself (check digit, dates) may be wrong on purpose, to exercise
 * validation.
 */
import * as v from 'valibot';
import { isIsoDate } from './card-date.ts';
import { LONG_TERM, withLabels, type CardType, type IdCardText } from './id-card-text.ts';
import { fieldWidths } from './id-text.ts';
import { PHOTO_LENGTH } from './sam-commands.ts';

/** A card on the simulated reader: what a base-info read returns, and the appended address. */
export interface SimulatedCard {
  readonly text: IdCardText;
  /** The WLT photo block; 1024 zero bytes unless described. */
  readonly photo: Uint8Array;
  /** Present when the card holds fingerprints (512 or 1024 bytes); a 30 10 read then returns it. */
  readonly fingerprint?: Uint8Array;
  /** 最新追加住址, when the card has one. */
  readonly appendedAddress?: string;
}

export type CardDescriptionResult = { readonly ok: true; readonly card: SimulatedCard } | { readonly ok: false; readonly problems: readonly string[] };

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

function text(width: number | undefined) {
  const max = width ?? 0;
  return v.pipe(
    v.string(),
    v.maxLength(max, `at most ${max} characters`),
    v.check((s: string) => !/[ \0]$/.test(s), 'must not end with a space (the card pads with spaces)'),
  );
}

const isoDate = v.pipe(v.string(), v.check(isIsoDate, 'expected a date yyyy-mm-dd'));
const validTo = v.pipe(v.string(), v.check((s: string) => s === LONG_TERM || isIsoDate(s), `expected a date yyyy-mm-dd or "${LONG_TERM}"`));
const gender = v.pipe(v.string(), v.regex(/^\d$/, 'expected one digit: 1 male, 2 female'));

function base64Bytes(sizes: readonly number[]) {
  return v.pipe(
    v.string(),
    v.regex(BASE64, 'expected base64'),
    v.transform((s: string): Uint8Array => Uint8Array.from(Buffer.from(s, 'base64'))),
    v.check((bytes: Uint8Array) => sizes.includes(bytes.length), `must decode to ${sizes.join(' or ')} bytes`),
  );
}

const media = {
  photoBase64: v.optional(base64Bytes([PHOTO_LENGTH])),
  fingerprintBase64: v.optional(base64Bytes([512, 1024])),
  appendedAddress: v.optional(text(35)),
};

function textFields(type: CardType) {
  const widths = fieldWidths(type);
  return (key: string) => text(widths[key]);
}

const resident = textFields('resident');
const hmt = textFields('hmt-permit');
const f2017 = textFields('foreign-2017');
const f2023 = textFields('foreign-2023');

export const CardDescriptionSchema = v.variant('type', [
  v.strictObject({
    type: v.literal('resident'),
    name: resident('name'),
    gender,
    nation: v.pipe(v.string(), v.regex(/^\d{2}$/, 'expected two digits, e.g. "01"')),
    birthDate: isoDate,
    address: resident('address'),
    idNumber: resident('idNumber'),
    issuer: resident('issuer'),
    validFrom: isoDate,
    validTo,
    ...media,
  }),
  v.strictObject({
    type: v.literal('hmt-permit'),
    name: hmt('name'),
    gender,
    birthDate: isoDate,
    address: hmt('address'),
    idNumber: hmt('idNumber'),
    issuer: hmt('issuer'),
    validFrom: isoDate,
    validTo,
    passNumber: hmt('passNumber'),
    issueCount: hmt('issueCount'),
    ...media,
  }),
  v.strictObject({
    type: v.literal('foreign-2017'),
    englishName: f2017('englishName'),
    chineseName: f2017('chineseName'),
    gender,
    idNumber: f2017('idNumber'),
    nationality: f2017('nationality'),
    birthDate: isoDate,
    validFrom: isoDate,
    validTo,
    cardVersion: f2017('cardVersion'),
    authorityCode: f2017('authorityCode'),
    ...media,
  }),
  v.strictObject({
    type: v.literal('foreign-2023'),
    chineseName: f2023('chineseName'),
    englishName: f2023('englishName'),
    gender,
    renewalCount: f2023('renewalCount'),
    birthDate: isoDate,
    idNumber: f2023('idNumber'),
    validFrom: isoDate,
    validTo,
    nationality: f2023('nationality'),
    previousNumberLink: f2023('previousNumberLink'),
    ...media,
  }),
]);

export type CardDescription = v.InferInput<typeof CardDescriptionSchema>;

export function parseCardDescription(json: unknown): CardDescriptionResult {
  const result = v.safeParse(CardDescriptionSchema, json);
  if (!result.success) return { ok: false, problems: result.issues.map(formatIssue) };
  const { photoBase64, fingerprintBase64, appendedAddress, ...fields } = result.output;
  const card: SimulatedCard = {
    text: withLabels(fields),
    photo: photoBase64 ?? new Uint8Array(PHOTO_LENGTH),
    ...(fingerprintBase64 === undefined ? {} : { fingerprint: fingerprintBase64 }),
    ...(appendedAddress === undefined ? {} : { appendedAddress }),
  };
  return { ok: true, card };
}

function formatIssue(issue: v.BaseIssue<unknown>): string {
  const path = (issue.path ?? []).map((item) => String(item.key)).join('.') || '(card)';
  if (issue.type === 'strict_object' && issue.expected === 'never') return `${path}: unknown key`;
  if (issue.kind === 'schema' && issue.received === 'undefined') return `${path}: required`;
  if (issue.kind === 'schema') return `${path}: expected ${issue.expected}, received ${issue.received}`;
  return `${path}: ${issue.message}`;
}
