import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  SAM_COMMANDS,
  SET_BAUD_CMD,
  SET_BAUD_PARA,
  commandFrame,
  commandName,
  encodeAppendedAddress,
  encodeBaseInfo,
  parseAppendedAddress,
  parseBaseInfo,
  parseSamId,
} from './sam-commands.ts';
import { encodeCommand, toHex } from './sam-frame.ts';

function filled(length: number, byte: number): Uint8Array {
  return new Uint8Array(length).fill(byte);
}

describe('SAM commands', () => {
  it.each([
    ['resetSam', '10 FF EC'],
    ['samStatus', '11 FF ED'],
    ['readSamId', '12 FF EE'],
    ['findCard', '20 01 22'],
    ['selectCard', '20 02 21'],
    ['readBaseInfo', '30 01 32'],
    ['readBaseInfoWithFingerprint', '30 10 23'],
    ['readAppendedAddress', '30 03 30'],
  ] as const)('%s is the reference frame', (name, tail) => {
    expect(toHex(commandFrame(name))).toBe(`AA AA AA 96 69 00 03 ${tail}`);
    expect(commandName(SAM_COMMANDS[name].cmd, SAM_COMMANDS[name].para)).toBe(name);
  });

  it('builds set-max-RF-bytes and the baud commands', () => {
    expect(toHex(commandFrame('setMaxRfBytes', Uint8Array.of(0x50)))).toBe('AA AA AA 96 69 00 04 61 FF 50 CA');
    expect(toHex(encodeCommand(SET_BAUD_CMD, SET_BAUD_PARA[9600] ?? -1))).toBe('AA AA AA 96 69 00 03 60 04 67');
  });

  it('knows which SW3 means success', () => {
    expect(SAM_COMMANDS.findCard.success).toBe(0x9f);
    expect(SAM_COMMANDS.readBaseInfo.success).toBe(0x90);
  });

  it('names no unknown command', () => {
    expect(commandName(0x20, 0x03)).toBeUndefined();
    expect(commandName(0x60, 0x00)).toBeUndefined();
  });
});

describe('parseBaseInfo', () => {
  const text = filled(256, 0x20);
  const photo = filled(1024, 0x77);

  it('splits a 30 01 payload by its length fields', () => {
    const data = Uint8Array.from([0x01, 0x00, 0x04, 0x00, ...text, ...photo]);
    expect(parseBaseInfo(data, false)).toEqual({ ok: true, text, photo });
  });

  it.each([1024, 512, 0])('splits a 30 10 payload with a %d-byte fingerprint (text at 6, not 4)', (fpLength) => {
    const fingerprint = filled(fpLength, 0x33);
    const data = encodeBaseInfo({ text, photo, fingerprint });
    expect(data).toHaveLength(6 + 256 + 1024 + fpLength);
    expect([...data.subarray(0, 6)]).toEqual([0x01, 0x00, 0x04, 0x00, fpLength >> 8, fpLength & 0xff]);
    expect(parseBaseInfo(data, true)).toEqual({ ok: true, text, photo, fingerprint });
  });

  it('follows the length fields rather than fixed offsets', () => {
    const data = Uint8Array.from([0x00, 0x02, 0x00, 0x01, 0xaa, 0xbb, 0xcc]);
    expect(parseBaseInfo(data, false)).toEqual({ ok: true, text: Uint8Array.of(0xaa, 0xbb), photo: Uint8Array.of(0xcc) });
  });

  it.each([
    ['empty', new Uint8Array(0), false, /shorter than its 4-byte length header/],
    ['a short fingerprint header', Uint8Array.of(1, 0, 4, 0), true, /6-byte length header/],
    ['lengths beyond the data', Uint8Array.of(0x01, 0x00, 0x04, 0x00, 1, 2, 3), false, /give 1284 bytes, the response has 7/],
    ['trailing bytes', Uint8Array.of(0x00, 0x01, 0x00, 0x01, 1, 2, 3), false, /give 6 bytes, the response has 7/],
  ])('reports %s', (_name, data, withFingerprint, problem) => {
    const result = parseBaseInfo(data, withFingerprint);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problem).toMatch(problem);
  });

  it('round-trips and never throws on arbitrary payloads', () => {
    const block = fc.uint8Array({ maxLength: 64 });
    fc.assert(
      fc.property(block, block, fc.option(block, { nil: undefined }), (t, p, fp) => {
        const info = fp === undefined ? { text: t, photo: p } : { text: t, photo: p, fingerprint: fp };
        expect(parseBaseInfo(encodeBaseInfo(info), fp !== undefined)).toEqual({ ok: true, ...info });
      }),
    );
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), fc.boolean(), (data, fp) => {
        expect(() => parseBaseInfo(data, fp)).not.toThrow();
      }),
    );
  });
});

describe('parseSamId', () => {
  it('renders the 16 bytes as HSL does, unsigned, and keeps them', () => {
    const data = Uint8Array.of(5, 0, 1, 0, 0xa5, 0x3a, 0x34, 0x01, 0x39, 0x30, 0, 0, 0xff, 0xff, 0xff, 0xff);
    expect(parseSamId(data)).toEqual({ ok: true, id: '05.01-20200101-000012345-4294967295', raw: data });
  });

  it('reports a wrong length', () => {
    expect(parseSamId(new Uint8Array(15))).toEqual({ ok: false, problem: 'SAM id of 15 bytes, expected 16' });
  });
});

describe('appended address', () => {
  it('encodes 70 space-padded UCS-2 bytes and decodes them back', () => {
    const bytes = encodeAppendedAddress('北京市东城区测试路9号');
    expect(bytes).toHaveLength(70);
    expect(toHex(bytes.subarray(0, 4))).toBe('17 53 AC 4E');
    expect(toHex(bytes.subarray(68))).toBe('20 00');
    expect(parseAppendedAddress(bytes)).toEqual({ ok: true, address: '北京市东城区测试路9号' });
  });

  it('rejects odd lengths and overlong addresses', () => {
    expect(parseAppendedAddress(new Uint8Array(3)).ok).toBe(false);
    expect(() => encodeAppendedAddress('址'.repeat(36))).toThrow(RangeError);
  });
});
