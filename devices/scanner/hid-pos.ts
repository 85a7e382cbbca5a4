/**
 * HID POS scanners: per-vendor report layouts, the report decoder, and an assembler that joins the
 * reports of one code (a report carries at most 56 data bytes, so a QR of 57 bytes or more takes
 * several). Pure: the adapter feeds reports with a timestamp and calls `flush` from a timer at `deadline`.
 */
import {
  DEFAULT_MAX_LENGTH,
  checkMaxLength,
  checkTiming,
  toScannedCode,
  type ProblemListener,
  type ScannedCode,
  type ScanProblemKind,
} from './scanned-code.ts';
import { HONEYWELL_LAYOUT, HONEYWELL_VENDOR_ID } from './hid-pos/honeywell.ts';
import { decodeHidPosReport, type HidPosLayout, type HidReportDecode } from './hid-pos/layout.ts';
import { NEWLAND_LAYOUT, NEWLAND_VENDOR_ID } from './hid-pos/newland.ts';

export { HONEYWELL_LAYOUT, HONEYWELL_VENDOR_ID } from './hid-pos/honeywell.ts';
export { NEWLAND_LAYOUT, NEWLAND_VENDOR_ID } from './hid-pos/newland.ts';
export { decodeHidPosReport, type Continuation, type HidPosLayout, type HidReportDecode } from './hid-pos/layout.ts';

export type HidPosLayoutName = 'honeywell' | 'newland';

/** By the name the configuration uses (`devices.scanner.layout`). */
export const HID_POS_LAYOUTS: Readonly<Record<HidPosLayoutName, HidPosLayout>> = {
  honeywell: HONEYWELL_LAYOUT,
  newland: NEWLAND_LAYOUT,
};

/** The layout for a scanner's USB vendor ID, or undefined when none is known (capture one, see README). */
export function layoutForVendor(vendorId: number): HidPosLayout | undefined {
  if (vendorId === HONEYWELL_VENDOR_ID) return HONEYWELL_LAYOUT;
  if (vendorId === NEWLAND_VENDOR_ID) return NEWLAND_LAYOUT;
  return undefined;
}

export interface HidScanAssemblerOptions {
  /**
   * Silence after a report that ends a code still waiting for reports. Reports of one code come a few
   * milliseconds apart; 100 ms is safe. For `full-report` layouts this is how codes filling whole reports end.
   */
  readonly timeoutMs: number;
  /** Longest code in bytes; longer ones are dropped and reported. Defaults to 8192. */
  readonly maxLength?: number;
  /** Receives each problem (malformed report, incomplete or over-long code). Defaults to ignoring them. */
  readonly onProblem?: ProblemListener;
}

type FirstReport = Extract<HidReportDecode, { ok: true }>;

export class HidScanAssembler {
  private readonly timeoutMs: number;
  private readonly maxLength: number;
  private readonly onProblem: ProblemListener;
  private chunks: Uint8Array[] = [];
  private size = 0;
  /** The first report of the pending code: its header names the symbology. */
  private first: FirstReport | undefined;
  private lastReportAt = 0;
  /** Set while the remaining reports of an over-long code are skipped. */
  private dropping = false;

  constructor(
    readonly layout: HidPosLayout,
    options: HidScanAssemblerOptions,
  ) {
    checkTiming('timeoutMs', options.timeoutMs);
    checkMaxLength(options.maxLength ?? DEFAULT_MAX_LENGTH);
    this.timeoutMs = options.timeoutMs;
    this.maxLength = options.maxLength ?? DEFAULT_MAX_LENGTH;
    this.onProblem = options.onProblem ?? (() => undefined);
  }

  /** When `flush` will end the pending code, or undefined when nothing is pending. */
  get deadline(): number | undefined {
    return this.first !== undefined || this.dropping ? this.lastReportAt + this.timeoutMs : undefined;
  }

  /** Returns the codes this report completes; a silence before it first ends the pending code. */
  push(report: Uint8Array, nowMs: number): ScannedCode[] {
    const out: ScannedCode[] = [];
    this.endIfSilent(nowMs, out);
    const decoded = decodeHidPosReport(this.layout, report);
    if (!decoded.ok) {
      // A lost report would silently corrupt a multi-report code, so the partial code goes too.
      const pending = this.first !== undefined;
      this.onProblem({ kind: 'malformed-report', message: pending ? `${decoded.problem}; partial code dropped` : decoded.problem });
      this.clear();
      return out;
    }
    this.lastReportAt = nowMs;
    if (this.dropping) {
      if (!decoded.more) this.clear();
      return out;
    }
    // An empty final report ends a pending code; alone it is no scan.
    if (this.first === undefined && decoded.chunk.length === 0 && !decoded.more) return out;
    this.first ??= decoded;
    this.chunks.push(decoded.chunk);
    this.size += decoded.chunk.length;
    const cr = this.layout.stripTrailingCr ? 1 : 0;
    if (this.size > this.maxLength + cr) {
      this.problem('overflow', `code longer than ${this.maxLength} bytes dropped`);
      this.clear();
      this.dropping = decoded.more;
    } else if (!decoded.more) {
      this.complete(out);
    }
    return out;
  }

  /** Ends the pending code once `timeoutMs` has passed since its last report. */
  flush(nowMs: number): ScannedCode[] {
    const out: ScannedCode[] = [];
    this.endIfSilent(nowMs, out);
    return out;
  }

  /** Forgets any partial code, e.g. when the device closes. */
  reset(): void {
    this.clear();
  }

  private endIfSilent(nowMs: number, out: ScannedCode[]): void {
    if (this.deadline === undefined || nowMs < this.deadline) return;
    if (this.first !== undefined && this.layout.continuation.kind === 'flag') {
      // The scanner said more would come; a truncated code must not pass for a whole one.
      this.problem('incomplete', `final report missing after ${this.size} bytes; partial code dropped`);
      this.clear();
    } else if (this.first !== undefined) {
      this.complete(out);
    } else {
      this.clear();
    }
  }

  private complete(out: ScannedCode[]): void {
    const first = this.first;
    let bytes = joinChunks(this.chunks, this.size);
    this.clear();
    if (first === undefined) return;
    if (this.layout.stripTrailingCr && bytes[bytes.length - 1] === 0x0d) bytes = bytes.subarray(0, -1);
    if (bytes.length > this.maxLength) {
      this.problem('overflow', `code longer than ${this.maxLength} bytes dropped`);
      return;
    }
    if (bytes.length === 0) return;
    out.push(
      toScannedCode(bytes, {
        ...(first.aimId === undefined ? {} : { aimId: first.aimId }),
        ...(first.symbologyHint === undefined ? {} : { symbology: first.symbologyHint }),
        aimInData: this.layout.aimOffset === null,
      }),
    );
  }

  private clear(): void {
    this.chunks = [];
    this.size = 0;
    this.first = undefined;
    this.dropping = false;
  }

  private problem(kind: ScanProblemKind, message: string): void {
    this.onProblem({ kind, message: `${this.layout.name}: ${message}` });
  }
}

function joinChunks(chunks: readonly Uint8Array[], size: number): Uint8Array {
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.length;
  }
  return bytes;
}
