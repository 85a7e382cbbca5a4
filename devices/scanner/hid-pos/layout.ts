/**
 * HID POS input reports (usage page 0x8C, usage 0x02) differ by vendor in where the length, AIM
 * identifier, data, symbology code and continuation sit, so a layout is data and one decoder reads them
 * all. Offsets count the report ID as byte 0, as node-hid delivers reports (WebHID offsets are one lower).
 */
import { parseAimId, type Symbology } from '../aim.ts';

export type Continuation =
  /** A byte that is non-zero while more reports of the same code follow. */
  | { readonly kind: 'flag'; readonly offset: number }
  /** No flag: a full report may be followed by more, so only silence ends the code for certain. */
  | { readonly kind: 'full-report' };

export interface HidPosLayout {
  /** For logs and configuration, e.g. `honeywell`. */
  readonly name: string;
  /** Bytes per input report, report ID included. */
  readonly reportLength: number;
  /** Report ID of scanned-data input reports, in byte 0. */
  readonly reportId: number;
  /** Byte holding the number of data bytes in this report. */
  readonly lengthOffset: number;
  /** First of the three bytes holding the AIM identifier, or null when reports carry none. */
  readonly aimOffset: number | null;
  readonly dataOffset: number;
  /** Data bytes one report can carry. */
  readonly dataCapacity: number;
  /** Byte holding the vendor's symbology code ID (0 = none), or null. */
  readonly codeIdOffset: number | null;
  /** Vendor code ID → symbology; IDs not listed read as unknown. */
  readonly codeIds: ReadonlyMap<number, Symbology>;
  readonly continuation: Continuation;
  /** Whether one trailing CR, the scanner's programmed suffix, is removed from the joined code. */
  readonly stripTrailingCr: boolean;
}

export type HidReportDecode =
  | {
      readonly ok: true;
      /** This report's share of the code's bytes. */
      readonly chunk: Uint8Array;
      /** Whether the code continues in the next report (for `full-report` layouts: may continue). */
      readonly more: boolean;
      /** The AIM identifier from the report header, e.g. `]Q1`. */
      readonly aimId?: string;
      /** The vendor code ID byte, when non-zero. */
      readonly codeId?: number;
      /** The symbology the AIM identifier or, failing that, the code ID names. */
      readonly symbologyHint?: Symbology;
    }
  | { readonly ok: false; readonly problem: string };

function hex(byte: number): string {
  return `0x${byte.toString(16).padStart(2, '0')}`;
}

/** Three printable bytes starting with `]`, or undefined when the scanner sent none (zeros). */
function readAimId(report: Uint8Array, offset: number): string | undefined {
  const bytes = report.subarray(offset, offset + 3);
  if (bytes[0] !== 0x5d || !bytes.every((b) => b >= 0x21 && b <= 0x7e)) return undefined;
  return String.fromCharCode(...bytes);
}

/** Reads one input report; a report that does not fit the layout is a problem, never an exception. */
export function decodeHidPosReport(layout: HidPosLayout, report: Uint8Array): HidReportDecode {
  if (report.length !== layout.reportLength) {
    return { ok: false, problem: `${layout.name}: report of ${report.length} bytes, expected ${layout.reportLength}` };
  }
  const id = report[0] as number;
  if (id !== layout.reportId) {
    return { ok: false, problem: `${layout.name}: report ID ${hex(id)}, expected ${hex(layout.reportId)}` };
  }
  const length = report[layout.lengthOffset] as number;
  if (length > layout.dataCapacity) {
    return { ok: false, problem: `${layout.name}: length byte ${length} exceeds the ${layout.dataCapacity} data bytes of a report` };
  }
  const chunk = report.slice(layout.dataOffset, layout.dataOffset + length);
  const more =
    layout.continuation.kind === 'flag' ? report[layout.continuation.offset] !== 0 : length === layout.dataCapacity;
  const aimId = layout.aimOffset === null ? undefined : readAimId(report, layout.aimOffset);
  const codeId = layout.codeIdOffset === null ? 0 : (report[layout.codeIdOffset] as number);
  const fromAim = aimId === undefined ? undefined : parseAimId(aimId)?.symbology;
  const symbologyHint = fromAim !== undefined && fromAim !== 'unknown' ? fromAim : layout.codeIds.get(codeId);
  return {
    ok: true,
    chunk,
    more,
    ...(aimId === undefined ? {} : { aimId }),
    ...(codeId === 0 ? {} : { codeId }),
    ...(symbologyHint === undefined ? {} : { symbologyHint }),
  };
}
