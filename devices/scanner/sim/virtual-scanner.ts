/**
 * The bytes a real scanner would send for a code, for the simulated scanner and for tests: a serial
 * stream with optional AIM prefix and suffix, or the 64-byte HID POS reports of a layout. Pure.
 */
import { aimPrefix, type Symbology } from '../aim.ts';
import type { HidPosLayout } from '../hid-pos/layout.ts';
import { encodePayload, type PayloadEncoding } from '../payload.ts';

export interface SerialScanOptions {
  /** Bytes after the code, as the scanner is programmed (null for none). */
  readonly suffix: Uint8Array | null;
  /** Send this symbology's AIM identifier before the data; null or absent for none. */
  readonly aim?: Symbology | null;
  /** Defaults to UTF-8. */
  readonly encoding?: PayloadEncoding;
}

export function encodeSerialScan(text: string, options: SerialScanOptions): Uint8Array {
  const prefix = options.aim ? aimPrefix(options.aim) : '';
  return concat([
    encodePayload(prefix, 'utf-8'),
    encodePayload(text, options.encoding ?? 'utf-8'),
    options.suffix ?? new Uint8Array(0),
  ]);
}

export interface HidPosScanOptions {
  /** Named in the report header (AIM identifier and vendor code ID) or, for layouts without a header field, by an AIM prefix in the data. */
  readonly symbology?: Symbology;
  /** Defaults to UTF-8. */
  readonly encoding?: PayloadEncoding;
  /** Append the CR suffix real scanners send. Defaults to the layout's `stripTrailingCr`. */
  readonly suffixCr?: boolean;
}

export function encodeHidPosScan(text: string, layout: HidPosLayout, options: HidPosScanOptions = {}): Uint8Array[] {
  const { symbology } = options;
  const aim = symbology === undefined ? undefined : encodePayload(aimPrefix(symbology), 'utf-8');
  const data = concat([
    layout.aimOffset === null && aim !== undefined ? aim : new Uint8Array(0),
    encodePayload(text, options.encoding ?? 'utf-8'),
    (options.suffixCr ?? layout.stripTrailingCr) ? Uint8Array.of(0x0d) : new Uint8Array(0),
  ]);
  const codeId = symbology === undefined ? undefined : codeIdFor(layout, symbology);
  const reports: Uint8Array[] = [];
  for (let at = 0; at < data.length || reports.length === 0; at += layout.dataCapacity) {
    const chunk = data.subarray(at, at + layout.dataCapacity);
    const last = at + layout.dataCapacity >= data.length;
    const report = new Uint8Array(layout.reportLength);
    report[0] = layout.reportId;
    report[layout.lengthOffset] = chunk.length;
    report.set(chunk, layout.dataOffset);
    if (layout.aimOffset !== null && aim !== undefined) report.set(aim, layout.aimOffset);
    if (layout.codeIdOffset !== null && codeId !== undefined) report[layout.codeIdOffset] = codeId;
    if (layout.continuation.kind === 'flag') report[layout.continuation.offset] = last ? 0 : 1;
    reports.push(report);
  }
  return reports;
}

function codeIdFor(layout: HidPosLayout, symbology: Symbology): number | undefined {
  for (const [id, named] of layout.codeIds) if (named === symbology) return id;
  return undefined;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, part) => n + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
