/**
 * Meaning of the status bytes an ESC/POS printer sends (research §A.6, §A.7): DLE EOT replies, ASB blocks
 * and GS r 1 replies decode to the same flag names, so a caller can merge what it learns from any of them
 * and map the result to a CUSS-style status code for the UI.
 */
import type { StatusCode } from '../../contract/device.ts';
import type { RealtimeStatusKind } from './commands.ts';

export interface PrinterFlags {
  /** Drawer kick connector pin 3 is high. */
  readonly drawerPin3High: boolean;
  readonly offline: boolean;
  /** A recoverable error happened and the printer waits for DLE ENQ (newer Epson). */
  readonly waitingOnlineRecovery: boolean;
  readonly feedButtonPressed: boolean;
  readonly coverOpen: boolean;
  /** Paper is being fed by the FEED button. */
  readonly paperFeeding: boolean;
  /** Printing stopped because the paper ran out. */
  readonly paperEndStop: boolean;
  readonly errorOccurred: boolean;
  /** Model-specific: mechanical error (Epson), anti-jam module (SNBC), black mark (Citizen). */
  readonly mechanicalError: boolean;
  readonly autocutterError: boolean;
  readonly unrecoverableError: boolean;
  /** Head over-temperature and similar; clears itself. */
  readonly autoRecoverableError: boolean;
  readonly paperNearEnd: boolean;
  readonly paperEnd: boolean;
}

export type PrinterStatusFlags = Pick<PrinterFlags, 'drawerPin3High' | 'offline' | 'waitingOnlineRecovery' | 'feedButtonPressed'>;
export type OfflineCauseFlags = Pick<PrinterFlags, 'coverOpen' | 'paperFeeding' | 'paperEndStop' | 'errorOccurred'>;
export type ErrorCauseFlags = Pick<PrinterFlags, 'mechanicalError' | 'autocutterError' | 'unrecoverableError' | 'autoRecoverableError'>;
export type PaperSensorFlags = Pick<PrinterFlags, 'paperNearEnd' | 'paperEnd'>;

export interface RealtimeStatusMap {
  1: PrinterStatusFlags;
  2: OfflineCauseFlags;
  3: ErrorCauseFlags;
  4: PaperSensorFlags;
}

/** The CUSS codes a printer's own status can produce. */
export type PrinterStatusCode = Extract<StatusCode, 'OK' | 'MEDIA_LOW' | 'MEDIA_EMPTY' | 'COVER_OPEN' | 'MEDIA_JAMMED' | 'HARDWARE_ERROR'>;

const bit = (byte: number, n: number): boolean => (byte & (1 << n)) !== 0;

/** Every DLE EOT reply has bit0 = 0, bit1 = 1, bit4 = 1, bit7 = 0 (idle reply 0x12). */
export function isRealtimeReply(byte: number): boolean {
  return (byte & 0x93) === 0x12;
}

/** Decodes the reply to `DLE EOT n`; the caller knows which n it asked. */
export function decodeRealtimeStatus<N extends RealtimeStatusKind>(n: N, byte: number): RealtimeStatusMap[N];
export function decodeRealtimeStatus(n: RealtimeStatusKind, byte: number): RealtimeStatusMap[RealtimeStatusKind] {
  switch (n) {
    case 1:
      return { drawerPin3High: bit(byte, 2), offline: bit(byte, 3), waitingOnlineRecovery: bit(byte, 5), feedButtonPressed: bit(byte, 6) };
    case 2:
      return { coverOpen: bit(byte, 2), paperFeeding: bit(byte, 3), paperEndStop: bit(byte, 5), errorOccurred: bit(byte, 6) };
    case 3:
      return { mechanicalError: bit(byte, 2), autocutterError: bit(byte, 3), unrecoverableError: bit(byte, 5), autoRecoverableError: bit(byte, 6) };
    case 4:
      return { paperNearEnd: (byte & 0x0c) !== 0, paperEnd: (byte & 0x60) !== 0 };
  }
}

/** The four DLE EOT replies together give every flag. */
export function combineRealtimeStatus(b1: number, b2: number, b3: number, b4: number): PrinterFlags {
  return { ...decodeRealtimeStatus(1, b1), ...decodeRealtimeStatus(2, b2), ...decodeRealtimeStatus(3, b3), ...decodeRealtimeStatus(4, b4) };
}

/** Decodes a 4-byte Automatic Status Back block. ASB has no "error occurred" or "stopped by paper end" bit;
 * they are derived from the error and paper bits. */
export function decodeAsb(bytes: Uint8Array): PrinterFlags {
  const [b1 = 0, b2 = 0, b3 = 0] = bytes;
  const paperEnd = (b3 & 0x0c) !== 0;
  const errors = {
    mechanicalError: bit(b2, 2),
    autocutterError: bit(b2, 3),
    unrecoverableError: bit(b2, 5),
    autoRecoverableError: bit(b2, 6),
  };
  return {
    drawerPin3High: bit(b1, 2),
    offline: bit(b1, 3),
    coverOpen: bit(b1, 5),
    paperFeeding: bit(b1, 6),
    waitingOnlineRecovery: bit(b2, 0),
    feedButtonPressed: bit(b2, 1),
    ...errors,
    errorOccurred: Object.values(errors).some(Boolean),
    paperNearEnd: (b3 & 0x03) !== 0,
    paperEnd,
    paperEndStop: paperEnd,
  };
}

/** Decodes the reply to `GS r 1` (paper sensors). */
export function decodePaperStatus(byte: number): PaperSensorFlags {
  return { paperNearEnd: (byte & 0x03) !== 0, paperEnd: (byte & 0x0c) !== 0 };
}

/** The most pressing condition first: a jam or a broken cutter needs a technician before anything else. */
export function printerStatusCode(flags: Partial<PrinterFlags>): PrinterStatusCode {
  if (flags.unrecoverableError || flags.autocutterError || flags.autoRecoverableError) return 'HARDWARE_ERROR';
  if (flags.mechanicalError) return 'MEDIA_JAMMED';
  if (flags.coverOpen) return 'COVER_OPEN';
  if (flags.paperEnd || flags.paperEndStop) return 'MEDIA_EMPTY';
  if (flags.paperNearEnd) return 'MEDIA_LOW';
  if (flags.errorOccurred) return 'HARDWARE_ERROR';
  return 'OK';
}
