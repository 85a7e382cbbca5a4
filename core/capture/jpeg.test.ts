import { describe, expect, it } from 'vitest';
import { jpegSize } from './jpeg.ts';

/** A JPEG's header segments as an encoder writes them: SOI, APP0 (JFIF), a frame header, a scan, EOI. */
function jpeg(width: number, height: number, { frame = 0xc0, end = true } = {}): Uint8Array {
  const app0 = [0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00];
  const sof = [0xff, frame, 0x00, 0x11, 0x08, height >> 8, height & 0xff, width >> 8, width & 0xff, 0x03, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1];
  const sos = [0xff, 0xda, 0x00, 0x0c, 0x03, 1, 0, 2, 0x11, 3, 0x11, 0x00, 0x3f, 0x00, 0x12, 0x34, 0x56];
  return Uint8Array.from([0xff, 0xd8, ...app0, ...sof, ...sos, ...(end ? [0xff, 0xd9] : [])]);
}

describe('jpegSize', () => {
  it('reads the size of a baseline and of a progressive JPEG', () => {
    expect(jpegSize(jpeg(1600, 1200), 2048)).toEqual({ width: 1600, height: 1200 });
    expect(jpegSize(jpeg(640, 480, { frame: 0xc2 }), 2048)).toEqual({ width: 640, height: 480 });
  });

  it('refuses an image larger than the bound, or with no pixels', () => {
    expect(jpegSize(jpeg(4000, 3000), 2048)).toBeNull();
    expect(jpegSize(jpeg(0, 100), 2048)).toBeNull();
  });

  it('refuses what is not a whole JPEG: a PNG, a cut file, a frame type it does not take, a scan before the frame', () => {
    expect(jpegSize(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0xff, 0xd9]), 2048)).toBeNull();
    expect(jpegSize(jpeg(100, 100, { end: false }), 2048)).toBeNull();
    expect(jpegSize(jpeg(100, 100, { frame: 0xc3 }), 2048)).toBeNull();
    expect(jpegSize(Uint8Array.from([0xff, 0xd8, 0xff, 0xda, 0x00, 0x02, 0xff, 0xd9]), 2048)).toBeNull();
    // A segment whose length runs past the end.
    expect(jpegSize(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0x40, 0x00, 0xff, 0xd9]), 2048)).toBeNull();
  });
});
