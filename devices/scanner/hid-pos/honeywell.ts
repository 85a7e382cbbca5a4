/**
 * Honeywell (and its HID POS firmware family), reference §C.3, from raw dumps in
 * HenkVanAsselt/python_hon_usbhid `README.md` and NielsLeenheer/WebHidBarcodeScanner `src/main.js`:
 *
 *   0      report ID 0x02
 *   1      data length in this report (≤ 56)
 *   2–4    AIM identifier, e.g. `5D 51 31` = `]Q1`
 *   5–60   data, zero padded
 *   61     Honeywell code ID (`s` = QR, `d` = EAN-13)
 *   62     reserved
 *   63     continuation flag: 1 = more reports follow, 0 = last
 *
 * The joined data ends with the programmed suffix, CR by default, which is stripped.
 */
import type { Symbology } from '../aim.ts';
import type { HidPosLayout } from './layout.ts';

export const HONEYWELL_VENDOR_ID = 0x0c2e;

/** Honeywell code IDs (WebHidBarcodeScanner's table) for the symbologies we name; others read as unknown. */
const CODE_IDS: ReadonlyMap<number, Symbology> = new Map<number, Symbology>([
  [0x73, 'qr'], // s
  [0x77, 'data-matrix'], // w
  [0x72, 'pdf417'], // r
  [0x7a, 'aztec'], // z
  [0x48, 'han-xin'], // H, "Chinese Sensible Code"
  [0x6a, 'code128'], // j
  [0x49, 'gs1-128'], // I
  [0x62, 'code39'], // b
  [0x69, 'code93'], // i
  [0x61, 'codabar'], // a
  [0x65, 'itf'], // e
  [0x64, 'ean13'], // d
  [0x44, 'ean8'], // D
  [0x63, 'upca'], // c
  [0x45, 'upce'], // E
  [0x79, 'gs1-databar'], // y, omnidirectional
  [0x7b, 'gs1-databar'], // {, limited
  [0x7d, 'gs1-databar'], // }, expanded
]);

export const HONEYWELL_LAYOUT: HidPosLayout = {
  name: 'honeywell',
  reportLength: 64,
  reportId: 0x02,
  lengthOffset: 1,
  aimOffset: 2,
  dataOffset: 5,
  dataCapacity: 56,
  codeIdOffset: 61,
  codeIds: CODE_IDS,
  continuation: { kind: 'flag', offset: 63 },
  stripTrailingCr: true,
};
