/**
 * AIM symbology identifiers (ISO/IEC 15424): `]` + code character + modifier character, sent in front
 * of the data when the scanner is programmed to transmit them. Only the codes listed here are
 * recognised, so data that merely starts with `]` is left alone.
 */

export type Symbology =
  | 'qr'
  | 'data-matrix'
  | 'pdf417'
  | 'aztec'
  | 'han-xin'
  | 'code128'
  | 'gs1-128'
  | 'code39'
  | 'code93'
  | 'codabar'
  | 'itf'
  | 'ean13'
  | 'ean8'
  | 'upca'
  | 'upce'
  | 'gs1-databar'
  | 'unknown';

export interface AimId {
  /** The code character, e.g. `Q`. */
  readonly code: string;
  /** The modifier character, e.g. `1` (QR Model 2). */
  readonly modifier: string;
  readonly symbology: Symbology;
}

export interface AimParse {
  readonly aim?: AimId;
  readonly data: string;
}

/** Code character → symbology; `X` is "other / vendor", known but not telling. */
const BY_CODE: ReadonlyMap<string, Symbology> = new Map<string, Symbology>([
  ['A', 'code39'],
  ['C', 'code128'],
  ['E', 'ean13'],
  ['F', 'codabar'],
  ['G', 'code93'],
  ['I', 'itf'],
  ['L', 'pdf417'],
  ['Q', 'qr'],
  ['d', 'data-matrix'],
  ['z', 'aztec'],
  ['e', 'gs1-databar'],
  ['h', 'han-xin'],
  ['X', 'unknown'],
]);

/** The identifier a scanner sends for each symbology by default (`]Q1` = QR Model 2, the usual one). */
const DEFAULT_ID: Readonly<Record<Symbology, string>> = {
  qr: 'Q1',
  'data-matrix': 'd1',
  pdf417: 'L0',
  aztec: 'z0',
  'han-xin': 'h0',
  code128: 'C0',
  'gs1-128': 'C1',
  code39: 'A0',
  code93: 'G0',
  codabar: 'F0',
  itf: 'I0',
  ean13: 'E0',
  ean8: 'E4',
  upca: 'E0',
  upce: 'E0',
  'gs1-databar': 'e0',
  unknown: 'X0',
};

const MODIFIER = /^[0-9A-Za-z]$/;

/**
 * The symbology an identifier stands for. `]E0` carries EAN-13, UPC-A and UPC-E alike, so the data
 * length decides (scanners that do not expand UPC send 12 or 8 digits); `]C1` is GS1-128.
 */
export function aimSymbology(code: string, modifier: string, data: string): Symbology {
  const symbology = BY_CODE.get(code);
  if (symbology === undefined || !MODIFIER.test(modifier)) return 'unknown';
  if (code === 'C' && modifier === '1') return 'gs1-128';
  if (code === 'E') {
    if (modifier === '4') return 'ean8';
    if (data.length === 12) return 'upca';
    if (data.length >= 6 && data.length <= 8) return 'upce';
  }
  return symbology;
}

/** Reads a 3-character identifier such as `]Q1`; undefined unless the code is one listed above. */
export function parseAimId(id: string): AimId | undefined {
  return parseAim(id).aim;
}

/** Strips a known AIM prefix from decoded scanner text; anything else is returned untouched. */
export function parseAim(text: string): AimParse {
  const code = text.charAt(1);
  const modifier = text.charAt(2);
  if (text.charAt(0) !== ']' || !BY_CODE.has(code) || !MODIFIER.test(modifier)) return { data: text };
  const data = text.slice(3);
  return { aim: { code, modifier, symbology: aimSymbology(code, modifier, data) }, data };
}

/**
 * The prefix a scanner would send for `symbology`, for the simulator. A modifier overrides the default
 * one; it must be a single letter or digit, as ISO/IEC 15424 allows.
 */
export function aimPrefix(symbology: Symbology, modifier?: string): string {
  const id = DEFAULT_ID[symbology];
  if (modifier === undefined) return `]${id}`;
  if (!MODIFIER.test(modifier)) throw new TypeError(`"modifier" must be one letter or digit, got ${JSON.stringify(modifier)}`);
  return `]${id.charAt(0)}${modifier}`;
}
