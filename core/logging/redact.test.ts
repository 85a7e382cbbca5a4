import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskIdNumber, maskName, maskText, redact } from './redact.ts';

const ID = '11010519491231002X';

describe('redact', () => {
  it('masks an ID number as DESIGN.md prescribes', () => {
    expect(maskIdNumber(ID)).toBe('110105********002X');
    expect(maskText(`card ${ID} read`)).toBe('card 110105********002X read');
    expect(maskText('old 110105491231002')).toBe('old 110105*****1002');
  });

  it('masks mobile numbers and names', () => {
    expect(maskText('call 13812345678')).toBe('call 138****5678');
    expect(maskName('张三')).toBe('张*');
    expect(maskName('𠮷野家')).toBe('𠮷**');
  });

  it('leaves ordinary numbers alone', () => {
    expect(maskText('took 1234 ms, port 9100, ts 1763794800000')).toBe('took 1234 ms, port 9100, ts 1763794800000');
  });

  it('masks by key, deeply, and inside errors', () => {
    const out = JSON.stringify(
      redact({
        applicant: { name: '张三', idNumber: ID, address: '北京市西城区' },
        nested: [{ note: `id ${ID.toLowerCase()}` }],
        err: new Error(`bad card ${ID}`),
      }),
    );
    expect(out).not.toContain(ID);
    expect(out).not.toContain(ID.toLowerCase());
    expect(out).not.toContain('张三');
    expect(out).not.toContain('北京市西城区');
    expect(out).toContain('110105********002X');
  });

  it('survives cycles and binary data', () => {
    const a: Record<string, unknown> = { bytes: new Uint8Array(4) };
    a.self = a;
    expect(redact(a)).toEqual({ bytes: '[4 bytes]', self: '[…]' });
  });

  it('masks form keys by their last part, and keys that end in a personal word', () => {
    const out = redact({
      values: { 'newborn.name': '王思远', 'delivery.address': '示例市测试路1号', 'spouse.idNumber': ID, 'applicant.householdAddress': '示例市东城区', contactPhone: 13812345678 },
    });
    expect(out).toEqual({ values: { 'newborn.name': '王**', 'delivery.address': '[REDACTED]', 'spouse.idNumber': '110105********002X', 'applicant.householdAddress': '[REDACTED]', contactPhone: '[REDACTED]' } });
  });

  it('keeps an error’s class name, and still masks what its message holds', () => {
    const serialised = { type: 'StoreError', name: 'TimeoutError', message: `no answer for ${ID}`, stack: 'TimeoutError: …' };
    expect(redact({ err: serialised })).toEqual({ err: { ...serialised, message: 'no answer for 110105********002X' } });
    expect(redact({ applicant: { name: '张三', message: 'hi' } })).toEqual({ applicant: { name: '张*', message: 'hi' } });
  });

  it('masks mobile numbers written with +86, spaces or dashes', () => {
    for (const written of ['+86 138 1234 5678', '+86-13812345678', '8613812345678', '138-1234-5678', '138 1234 5678']) {
      expect(maskText(`tel ${written}.`), written).not.toMatch(/1234/);
    }
  });

  it('never lets an ID number through, glued to letters or written with spaces or dashes', () => {
    const id = fc.stringMatching(/^\d{17}[0-9X]$/);
    // Groups as people write them: 6-8-4 (address code, birth date, sequence and check).
    const written = fc.tuple(id, fc.constantFrom('', ' ', '-')).map(([digits, sep]) => ({ digits, text: [digits.slice(0, 6), digits.slice(6, 14), digits.slice(14)].join(sep) }));
    const notDigitAtEnd = fc.string().filter((s) => !/\d$/.test(s));
    const notDigitAtStart = fc.string().filter((s) => !/^\d/.test(s));
    fc.assert(
      fc.property(notDigitAtEnd, written, notDigitAtStart, (before, { digits, text }, after) => {
        const masked = maskText(`${before}${text}${after}`).replace(/[ -]/g, '');
        expect(masked).not.toContain(digits.slice(6, 14));
      }),
    );
  });

  it('never lets an ID number embedded in any text through', () => {
    const digits = fc.stringMatching(/^\d{17}[0-9X]$/);
    fc.assert(
      fc.property(fc.string(), digits, fc.string(), (before, id, after) => {
        const text = `${before} ${id} ${after}`;
        expect(maskText(text)).not.toContain(id);
      }),
    );
  });
});
