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
