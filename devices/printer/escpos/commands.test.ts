import { describe, expect, it } from 'vitest';
import { createMonoBitmap } from './bitmap.ts';
import * as cmd from './commands.ts';

/** `hex('1B 40')` → [0x1b, 0x40]: golden values are written as the research tables print them. */
function hex(text: string): number[] {
  return text.split(/\s+/).filter(Boolean).map((h) => parseInt(h, 16));
}

function bytes(u8: Uint8Array): number[] {
  return Array.from(u8);
}

describe('ESC/POS commands (research §A tables)', () => {
  it('A.1 initialisation, code table, Chinese mode, layout', () => {
    expect(bytes(cmd.initialize())).toEqual(hex('1B 40'));
    expect(bytes(cmd.selectCodeTable(0))).toEqual(hex('1B 74 00'));
    expect(bytes(cmd.chineseModeOn())).toEqual(hex('1C 26'));
    expect(bytes(cmd.chineseModeOff())).toEqual(hex('1C 2E'));
    expect(bytes(cmd.selectAlign('left'))).toEqual(hex('1B 61 00'));
    expect(bytes(cmd.selectAlign('center'))).toEqual(hex('1B 61 01'));
    expect(bytes(cmd.selectAlign('right'))).toEqual(hex('1B 61 02'));
    expect(bytes(cmd.emphasis(true))).toEqual(hex('1B 45 01'));
    expect(bytes(cmd.emphasis(false))).toEqual(hex('1B 45 00'));
    expect(bytes(cmd.lineFeed())).toEqual(hex('0A'));
    expect(bytes(cmd.feedLines(4))).toEqual(hex('1B 64 04'));
  });

  it('A.1 GS ! packs (w-1)<<4 | (h-1)', () => {
    expect(bytes(cmd.characterSize(1, 1))).toEqual(hex('1D 21 00'));
    expect(bytes(cmd.characterSize(2, 2))).toEqual(hex('1D 21 11'));
    expect(bytes(cmd.characterSize(1, 2))).toEqual(hex('1D 21 01'));
    expect(bytes(cmd.characterSize(2, 1))).toEqual(hex('1D 21 10'));
    expect(bytes(cmd.characterSize(8, 8))).toEqual(hex('1D 21 77'));
    expect(() => cmd.characterSize(0, 1)).toThrow(RangeError);
    expect(() => cmd.characterSize(1, 9)).toThrow(RangeError);
  });

  it('A.2 cut form B feeds to the cutter first', () => {
    expect(bytes(cmd.partialCutWithFeed())).toEqual(hex('1D 56 42 00'));
    expect(bytes(cmd.fullCutWithFeed(3))).toEqual(hex('1D 56 41 03'));
  });

  it('A.3 QR sequence', () => {
    expect(bytes(cmd.qrSelectModel())).toEqual(hex('1D 28 6B 04 00 31 41 32 00'));
    expect(bytes(cmd.qrSelectModel(1))).toEqual(hex('1D 28 6B 04 00 31 41 31 00'));
    expect(bytes(cmd.qrModuleSize(6))).toEqual(hex('1D 28 6B 03 00 31 43 06'));
    expect(bytes(cmd.qrErrorCorrection('L'))).toEqual(hex('1D 28 6B 03 00 31 45 30'));
    expect(bytes(cmd.qrErrorCorrection('M'))).toEqual(hex('1D 28 6B 03 00 31 45 31'));
    expect(bytes(cmd.qrErrorCorrection('Q'))).toEqual(hex('1D 28 6B 03 00 31 45 32'));
    expect(bytes(cmd.qrErrorCorrection('H'))).toEqual(hex('1D 28 6B 03 00 31 45 33'));
    expect(bytes(cmd.qrStoreData(Uint8Array.of(0x41, 0x42)))).toEqual(hex('1D 28 6B 05 00 31 50 30 41 42'));
    expect(bytes(cmd.qrPrint())).toEqual(hex('1D 28 6B 03 00 31 51 30'));
    expect(bytes(cmd.qrTransmitSize())).toEqual(hex('1D 28 6B 03 00 31 52 30'));
    expect(() => cmd.qrModuleSize(17)).toThrow(RangeError);
  });

  it('A.3 QR store counts bytes: pL/pH = k + 3 across the 256 boundary and up to 7092', () => {
    const store = cmd.qrStoreData(new Uint8Array(300).fill(0x41));
    expect(bytes(store.subarray(0, 8))).toEqual(hex('1D 28 6B 2F 01 31 50 30'));
    expect(store.length).toBe(308);
    const max = cmd.qrStoreData(new Uint8Array(cmd.QR_MAX_DATA_BYTES).fill(0x31));
    expect(max[3]! + 256 * max[4]!).toBe(7092);
    expect(() => cmd.qrStoreData(new Uint8Array(7090))).toThrow(RangeError);
    expect(() => cmd.qrStoreData(new Uint8Array(0))).toThrow(RangeError);
  });

  it('A.4 barcode settings and function B', () => {
    expect(bytes(cmd.barcodeHeight(80))).toEqual(hex('1D 68 50'));
    expect(bytes(cmd.barcodeModuleWidth(2))).toEqual(hex('1D 77 02'));
    expect(bytes(cmd.barcodeHriPosition('none'))).toEqual(hex('1D 48 00'));
    expect(bytes(cmd.barcodeHriPosition('below'))).toEqual(hex('1D 48 02'));
    expect(bytes(cmd.barcodeHriPosition('both'))).toEqual(hex('1D 48 03'));
    expect(bytes(cmd.printBarcode(73, Uint8Array.of(0x7b, 0x42, 0x41)))).toEqual(hex('1D 6B 49 03 7B 42 41'));
    expect(() => cmd.printBarcode(73, new Uint8Array(0))).toThrow(RangeError);
    expect(() => cmd.printBarcode(64, Uint8Array.of(1))).toThrow(RangeError);
  });

  it('A.5 GS v 0 header: x = bytes per row, y = rows, MSB-first data', () => {
    const bitmap = createMonoBitmap(9, 2);
    bitmap.data.set([0x80, 0x80, 0xff, 0x00]);
    expect(bytes(cmd.rasterImage(bitmap))).toEqual(hex('1D 76 30 00 02 00 02 00 80 80 FF 00'));
    const wide = cmd.rasterImage(createMonoBitmap(576, 300));
    expect(bytes(wide.subarray(0, 8))).toEqual(hex('1D 76 30 00 48 00 2C 01'));
    expect(wide.length).toBe(8 + 72 * 300);
    expect(() => cmd.rasterImage(createMonoBitmap(0, 1))).toThrow(RangeError);
  });

  it('A.6/A.7 status requests', () => {
    expect(bytes(cmd.realtimeStatusRequest(1))).toEqual(hex('10 04 01'));
    expect(bytes(cmd.realtimeStatusRequest(4))).toEqual(hex('10 04 04'));
    expect(bytes(cmd.realtimeRecover(1))).toEqual(hex('10 05 01'));
    expect(bytes(cmd.realtimeRecover(2))).toEqual(hex('10 05 02'));
    expect(bytes(cmd.autoStatusBack(0xff))).toEqual(hex('1D 61 FF'));
    expect(bytes(cmd.autoStatusBack(0))).toEqual(hex('1D 61 00'));
    expect(bytes(cmd.transmitStatus())).toEqual(hex('1D 72 01'));
    expect(bytes(cmd.transmitStatus(2))).toEqual(hex('1D 72 02'));
  });

  it('returns fresh arrays, so a caller cannot corrupt later commands', () => {
    const a = cmd.initialize();
    a[0] = 0;
    expect(bytes(cmd.initialize())).toEqual(hex('1B 40'));
  });
});
