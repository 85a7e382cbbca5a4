import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readCommand, type ReadResult } from './command-reader.ts';

const LIMITS = { maxCommandBytes: 1000 };
const read = (bytes: number[], chinese = true, codeTable = 0): ReadResult => readCommand(Uint8Array.from(bytes), 0, chinese, codeTable, LIMITS);

describe('readCommand', () => {
  it('waits for parameters that have not arrived', () => {
    for (const partial of [[0x1b], [0x1b, 0x61], [0x1d, 0x21], [0x1d, 0x28, 0x6b, 0x05, 0x00, 0x31], [0x1d, 0x76, 0x30, 0, 1, 0, 2, 0, 0xff], [0x1d, 0x6b, 0x49, 3, 0x7b], [0x1d, 0x6b, 0x04, 0x41], [0x10, 0x04], [0xd5], [0x95, 0x34, 0xb2], [0x1d, 0x56, 0x42], [0x1b, 0x2a, 0x21, 2, 0, 1, 2, 3]]) {
      expect(read(partial)).toBe('wait');
    }
  });

  it('reads text: ASCII, GB18030 pairs in Chinese mode, code page 437 otherwise', () => {
    expect(read([0x41])).toEqual({ length: 1, command: { op: 'text', text: 'A', double: false } });
    expect(read([0xd5, 0xc5])).toEqual({ length: 2, command: { op: 'text', text: '张', double: true } });
    expect(read([0x95, 0x34, 0xb2, 0x35])).toEqual({ length: 4, command: { op: 'unsupported-char' } });
    expect(read([0x82], false)).toEqual({ length: 1, command: { op: 'text', text: 'é', double: false } });
    expect(read([0x80], false, 16)).toEqual({ length: 1, command: { op: 'text', text: '€', double: false } });
    expect(read([0xd5, 0x0a])).toEqual({ length: 1, command: { op: 'garbage' } });
    expect(read([0x80])).toEqual({ length: 1, command: { op: 'garbage' } });
  });

  it('reads the commands the encoder sends', () => {
    expect(read([0x1b, 0x40])).toEqual({ length: 2, command: { op: 'init' } });
    expect(read([0x1d, 0x56, 0x42, 0x00])).toEqual({ length: 4, command: { op: 'cut', full: false } });
    expect(read([0x1d, 0x56, 0x00])).toEqual({ length: 3, command: { op: 'cut', full: true } });
    expect(read([0x1d, 0x28, 0x6b, 0x05, 0x00, 0x31, 0x50, 0x30, 0x41, 0x42])).toEqual({
      length: 10,
      command: { op: 'qr', fn: 0x50, params: Uint8Array.of(0x30, 0x41, 0x42) },
    });
    expect(read([0x1d, 0x76, 0x30, 0, 1, 0, 2, 0, 0xff, 0x00])).toEqual({
      length: 10,
      command: { op: 'raster', widthBytes: 1, height: 2, data: Uint8Array.of(0xff, 0x00) },
    });
    expect(read([0x1d, 0x6b, 0x04, 0x41, 0x00])).toEqual({ length: 5, command: { op: 'barcode', m: 4, data: Uint8Array.of(0x41) } });
    expect(read([0x10, 0x04, 0x01])).toEqual({ length: 3, command: { op: 'realtime' } });
  });

  it('skips known commands it does not simulate by their length', () => {
    expect(read([0x1b, 0x2d, 0x01, 0x41])).toEqual({ length: 3, command: { op: 'ignored' } });
    expect(read([0x1b, 0x70, 0x00, 0x19, 0xfa])).toEqual({ length: 5, command: { op: 'ignored' } });
    expect(read([0x1b, 0x2a, 0x21, 2, 0, 1, 2, 3, 4, 5, 6])).toEqual({ length: 11, command: { op: 'ignored' } });
    expect(read([0x1c, 0x28, 0x41, 0x02, 0x00, 0x30, 0x00])).toEqual({ length: 7, command: { op: 'ignored' } });
    expect(read([0x00])).toEqual({ length: 1, command: { op: 'ignored' } });
  });

  it('treats unknown and impossible commands as garbage', () => {
    expect(read([0x1b, 0xf0])).toEqual({ length: 2, command: { op: 'garbage' } });
    expect(read([0x1d, 0x76, 0x30, 0, 0xff, 0xff, 0xff, 0xff])).toEqual({ length: 3, command: { op: 'garbage' } });
    expect(read([0x1d, 0x76, 0x31])).toEqual({ length: 2, command: { op: 'garbage' } });
    expect(read([0x1d, 0x6b, 0x20])).toEqual({ length: 3, command: { op: 'garbage' } });
    expect(read([0x1d, 0x6b, 0x04, ...new Array<number>(300).fill(0x41)])).toEqual({ length: 3, command: { op: 'garbage' } });
    expect(read([0x10, 0x14])).toEqual({ length: 2, command: { op: 'garbage' } });
    // Longer than the receive buffer: it could never complete.
    expect(read([0x1d, 0x28, 0x6b, 0xff, 0xff])).toEqual({ length: 3, command: { op: 'garbage' } });
    expect(read([0x1b, 0x2a, 0x21, 0xff, 0x01])).toEqual({ length: 2, command: { op: 'garbage' } });
    expect(read([0x01])).toEqual({ length: 1, command: { op: 'garbage' } });
  });

  it('always makes progress or waits, on any bytes (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 64 }), fc.boolean(), (bytes, chinese) => {
        const result = readCommand(bytes, 0, chinese, 0, LIMITS);
        if (result !== 'wait') {
          expect(result.length).toBeGreaterThan(0);
          expect(result.length).toBeLessThanOrEqual(bytes.length);
        }
      }),
    );
  });
});
