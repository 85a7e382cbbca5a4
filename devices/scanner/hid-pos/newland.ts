/**
 * Newland (FM430 = 1eab:1d10), reference §C.3, from the comments in bitcoinvietnam/lamassu-machine
 * `lib/fm430/fm430/fm430-hid-protocol.js`:
 *
 *   0      report ID 0x02
 *   1      data length (1–56)
 *   2–57   data
 *   58–61  reserved
 *   62     Newland symbology ID, or 0
 *
 * The source documents no continuation flag and no code ID table. A full report (56 bytes) may
 * therefore be followed by more, and silence ends the code; the symbology comes from an AIM identifier
 * in the data when the scanner is programmed to send one. Data ends with the CR suffix (lamassu checks
 * for it), which is stripped. The 64-byte report size is §C.1's HID POS size; byte 63 is undocumented
 * and ignored.
 */
import type { Symbology } from '../aim.ts';
import type { HidPosLayout } from './layout.ts';

export const NEWLAND_VENDOR_ID = 0x1eab;

export const NEWLAND_LAYOUT: HidPosLayout = {
  name: 'newland',
  reportLength: 64,
  reportId: 0x02,
  lengthOffset: 1,
  aimOffset: null,
  dataOffset: 2,
  dataCapacity: 56,
  codeIdOffset: 62,
  codeIds: new Map<number, Symbology>(),
  continuation: { kind: 'full-report' },
  stripTrailingCr: true,
};
