import { describe, expect, it } from 'vitest';
import { caseNumberPrefix, hallDay, receiptKiosk } from './numbers.ts';
import { bodyHash, canonicalJson } from './canonical-json.ts';

describe('numbers', () => {
  it('read the kiosk of a receipt number, dashes in kiosk ids included', () => {
    expect(receiptKiosk('SL-hall-1.a-20261202-000017')).toBe('hall-1.a');
    expect(receiptKiosk('SL-K1-20261202-000017')).toBe('K1');
    expect(receiptKiosk('BJ2026120200000001')).toBeUndefined();
  });

  it('date case numbers by the day in Beijing, not UTC', () => {
    // 2026-12-02 17:30 UTC is already 2026-12-03 in Beijing.
    const at = Date.UTC(2026, 11, 2, 17, 30);
    expect(hallDay(at)).toBe('20261203');
    expect(caseNumberPrefix(at)).toBe('BJ20261203');
  });
});

describe('canonical JSON', () => {
  it('ignores key order and whitespace but not values or array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, 1], c: null } })).toBe('{"a":{"c":null,"d":[2,1]},"b":1}');
    expect(bodyHash(JSON.parse('{ "a": 1, "b": [1, 2] }'))).toBe(bodyHash({ b: [1, 2], a: 1 }));
    expect(bodyHash({ a: 1, b: [1, 2] })).not.toBe(bodyHash({ a: 1, b: [2, 1] }));
  });
});
