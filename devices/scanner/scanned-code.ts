/**
 * What the scanner decoders hand to the adapter: one code per scan, or a problem the adapter counts and
 * logs. Neither carries scanned text into problems, because codes can hold personal data.
 */
import { aimSymbology, parseAim, parseAimId, type AimId, type Symbology } from './aim.ts';
import { decodePayload, type PayloadEncoding } from './payload.ts';

export interface ScannedCode {
  /** The decoded data, without AIM identifier or framing. */
  readonly text: string;
  readonly symbology: Symbology;
  /** The AIM identifier as sent, e.g. `]Q1`, when the scanner sent one. */
  readonly aim?: string;
  readonly encoding: PayloadEncoding;
  /** The bytes `text` was decoded from: the data as received, without suffix or report headers. */
  readonly raw: Uint8Array;
}

export type ScanProblemKind =
  /** A code grew past `maxLength`; it was dropped up to its end. */
  | 'overflow'
  /** A HID report that does not fit the layout (wrong length, ID or length byte). */
  | 'malformed-report'
  /** A multi-report code whose final report never came; dropped rather than delivered truncated. */
  | 'incomplete';

export interface ScanProblem {
  readonly kind: ScanProblemKind;
  /** For technicians: sizes and byte positions, never scanned content. */
  readonly message: string;
}

export type ProblemListener = (problem: ScanProblem) => void;

/** QR holds at most 7089 digits or 2953 bytes; 8 KiB leaves room for any symbology a kiosk meets. */
export const DEFAULT_MAX_LENGTH = 8192;

/** Option checks shared by the framers: a bad option is a programming error, so it throws. */
export function checkTiming(name: string, value: number): void {
  if (!Number.isFinite(value) || value <= 0) throw new TypeError(`"${name}" must be a positive number of milliseconds`);
}

export function checkMaxLength(value: number): void {
  if (!Number.isInteger(value) || value < 1) throw new TypeError('"maxLength" must be a positive integer');
}

/** Where the symbology came from when the data itself carries no AIM identifier. */
export interface CodeHints {
  /** A 3-character AIM identifier sent beside the data (HID POS header), not inside it. */
  readonly aimId?: string;
  /** A symbology from a vendor code ID, used when the AIM identifier does not tell. */
  readonly symbology?: Symbology;
  /** Whether the data may start with an AIM identifier to strip (serial, and HID layouts without one). */
  readonly aimInData: boolean;
}

export function toScannedCode(raw: Uint8Array, hints: CodeHints): ScannedCode {
  const { text, encoding } = decodePayload(raw);
  let data = text;
  let aimId = hints.aimId;
  let aim: AimId | undefined;
  if (aimId !== undefined) {
    aim = parseAimId(aimId);
  } else if (hints.aimInData) {
    const parsed = parseAim(text);
    if (parsed.aim) {
      ({ aim, data } = parsed);
      aimId = text.slice(0, 3);
    }
  }
  const fromAim = aim ? aimSymbology(aim.code, aim.modifier, data) : 'unknown';
  const symbology = fromAim !== 'unknown' ? fromAim : (hints.symbology ?? 'unknown');
  const code: ScannedCode = { text: data, symbology, encoding, raw };
  return aimId === undefined ? code : { ...code, aim: aimId };
}
