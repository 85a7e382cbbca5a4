import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MAX_COMMAND_DATA,
  PREAMBLE,
  asCommand,
  asResponse,
  decodeFrame,
  encodeCommand,
  encodeResponse,
  toHex,
  xorChecksum,
  type SamFrame,
} from './sam-frame.ts';

function hex(text: string): Uint8Array {
  return Uint8Array.from(text.trim().split(/\s+/), (byte) => parseInt(byte, 16));
}

function decoded(bytes: Uint8Array): SamFrame {
  const result = decodeFrame(bytes);
  if (!result.ok) throw new Error(result.problem);
  return result.frame;
}

describe('encodeCommand', () => {
  it.each([
    [0x10, 0xff, 'AA AA AA 96 69 00 03 10 FF EC'],
    [0x11, 0xff, 'AA AA AA 96 69 00 03 11 FF ED'],
    [0x12, 0xff, 'AA AA AA 96 69 00 03 12 FF EE'],
    [0x20, 0x01, 'AA AA AA 96 69 00 03 20 01 22'],
    [0x20, 0x02, 'AA AA AA 96 69 00 03 20 02 21'],
    [0x30, 0x01, 'AA AA AA 96 69 00 03 30 01 32'],
    [0x30, 0x10, 'AA AA AA 96 69 00 03 30 10 23'],
    [0x30, 0x03, 'AA AA AA 96 69 00 03 30 03 30'],
    [0x60, 0x00, 'AA AA AA 96 69 00 03 60 00 63'],
    [0x60, 0x01, 'AA AA AA 96 69 00 03 60 01 62'],
    [0x60, 0x02, 'AA AA AA 96 69 00 03 60 02 61'],
    [0x60, 0x03, 'AA AA AA 96 69 00 03 60 03 60'],
    [0x60, 0x04, 'AA AA AA 96 69 00 03 60 04 67'],
  ])('encodes %d %d as the reference frame', (cmd, para, frame) => {
    expect(toHex(encodeCommand(cmd, para))).toBe(frame);
  });

  it('encodes command data (set max RF bytes)', () => {
    expect(toHex(encodeCommand(0x61, 0xff, Uint8Array.of(0x50)))).toBe('AA AA AA 96 69 00 04 61 FF 50 CA');
  });

  it('computes the find-card checksum as 00 ^ 03 ^ 20 ^ 01', () => {
    expect(xorChecksum(Uint8Array.of(0x00, 0x03, 0x20, 0x01))).toBe(0x22);
    expect(xorChecksum(new Uint8Array(0))).toBe(0);
  });

  it('rejects programmer errors', () => {
    expect(() => encodeCommand(0x100, 0)).toThrow(RangeError);
    expect(() => encodeCommand(0x20, -1)).toThrow(/"para"/);
    expect(() => encodeCommand(0x20, 1.5)).toThrow(RangeError);
    expect(() => encodeCommand(0x20, 1, new Uint8Array(MAX_COMMAND_DATA + 1))).toThrow(/exceeds 65532/);
    expect(() => encodeResponse(0, 0, 0x90, new Uint8Array(65532))).toThrow(RangeError);
  });

  it('encodes the largest command the length field allows', () => {
    const frame = encodeCommand(0x20, 1, new Uint8Array(MAX_COMMAND_DATA));
    expect([frame[5], frame[6]]).toEqual([0xff, 0xff]);
    expect(decodeFrame(frame).ok).toBe(true);
  });
});

describe('encodeResponse (reference §1.2 examples)', () => {
  it('encodes the find-card success reply', () => {
    expect(toHex(encodeResponse(0, 0, 0x9f, new Uint8Array(4)))).toBe('AA AA AA 96 69 00 08 00 00 9F 00 00 00 00 97');
  });

  it('encodes the select-card reply', () => {
    expect(toHex(encodeResponse(0, 0, 0x90, new Uint8Array(8)))).toBe('AA AA AA 96 69 00 0C 00 00 90 00 00 00 00 00 00 00 00 9C');
  });

  it.each([
    [0x80, '84'],
    [0x81, '85'],
    [0x41, '45'],
    [0x32, '36'],
  ])('encodes the 11-byte error reply %d', (sw3, chk) => {
    const frame = encodeResponse(0, 0, sw3);
    expect(frame).toHaveLength(11);
    expect(toHex(frame)).toBe(`AA AA AA 96 69 00 04 00 00 ${sw3.toString(16).toUpperCase()} ${chk}`);
  });

  it('matches the synthetic base-info vector byte for byte (built here without the text codec)', () => {
    const field = (value: string, chars: number) => Buffer.from(value.padEnd(chars, ' '), 'utf16le');
    const text = Buffer.concat([
      field('张三', 15),
      field('2', 1),
      field('01', 2),
      field('19491231', 8),
      field('北京市东城区测试路1号', 35),
      field('11010519491231002X', 18),
      field('北京市公安局东城分局', 15),
      field('20200101', 8),
      field('20400101', 8),
      field('', 18),
    ]);
    expect(text).toHaveLength(256);
    const data = Buffer.concat([Buffer.of(0x01, 0x00, 0x04, 0x00), text, Buffer.alloc(1024)]);
    const frame = encodeResponse(0, 0, 0x90, data);
    expect(frame).toHaveLength(1295);
    expect(toHex(frame.subarray(0, 14))).toBe('AA AA AA 96 69 05 08 00 00 90 01 00 04 00');
    expect(toHex(frame.subarray(14, 20))).toBe('20 5F 09 4E 20 00');
    expect(frame[1294]).toBe(0xa6);
  });
});

describe('decodeFrame', () => {
  const find = hex('AA AA AA 96 69 00 03 20 01 22');

  it('accepts a valid frame and reads it as a command', () => {
    const frame = decoded(find);
    expect(frame.bytes).toEqual(find);
    expect(asCommand(frame)).toEqual({ cmd: 0x20, para: 0x01, data: new Uint8Array(0) });
  });

  it('reads a response with its data', () => {
    const frame = decoded(hex('AA AA AA 96 69 00 08 00 00 9F 01 02 03 04 93'));
    expect(asResponse(frame)).toEqual({ sw1: 0, sw2: 0, sw3: 0x9f, data: Uint8Array.of(1, 2, 3, 4) });
  });

  it('gives no response for a body shorter than three status bytes', () => {
    expect(asResponse(decoded(find))).toBeUndefined();
  });

  it.each([
    ['too short', 'AA AA AA 96 69 00 03 20 01', /shorter than the minimum/],
    ['wrong preamble', 'AA AA AB 96 69 00 03 20 01 22', /AA AA AA 96 69/],
    ['length too large', 'AA AA AA 96 69 00 04 20 01 22', /length field 4/],
    ['length too small', 'AA AA AA 96 69 00 02 20 01 22', /length field 2/],
    ['bad checksum', 'AA AA AA 96 69 00 03 20 01 23', /checksum/],
  ])('rejects a frame with %s', (_name, bytes, problem) => {
    const result = decodeFrame(hex(bytes));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problem).toMatch(problem);
  });

  it('round-trips any command and response', () => {
    const byte = fc.integer({ min: 0, max: 255 });
    fc.assert(
      fc.property(byte, byte, fc.uint8Array({ maxLength: 300 }), (a, b, data) => {
        expect(asCommand(decoded(encodeCommand(a, b, data)))).toEqual({ cmd: a, para: b, data });
        expect(asResponse(decoded(encodeResponse(a, b, 0x90, data)))).toEqual({ sw1: a, sw2: b, sw3: 0x90, data });
      }),
    );
  });

  it('never throws on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), fc.boolean(), (bytes, prefixed) => {
        const input = prefixed ? Uint8Array.from([...PREAMBLE, ...bytes]) : bytes;
        expect(() => decodeFrame(input)).not.toThrow();
      }),
    );
  });
});
