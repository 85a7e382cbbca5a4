import { describe, expect, it } from 'vitest';
import type { Field } from '../../kiosk-config/catalog-schema.ts';
import { displayValue } from './session-view.ts';

const SIGNATURE: Field = {
  key: 'applicant.signature',
  type: 'signature',
  label: { 'zh-CN': '申请人签名', en: "Applicant's signature" },
  input: 'signature-pad',
  source: { kind: 'manual' },
  personal: true,
};

describe('a signature on a public screen', () => {
  it('says how it was signed, never the strokes or the reason', () => {
    expect(displayValue(SIGNATURE, 'sig1:600x200:AAA___')).toBe('已签名');
    expect(displayValue(SIGNATURE, 'sig1h:600x200:AAA___')).toBe('协助签名');
    expect(displayValue(SIGNATURE, 'pledge1:cannot-see')).toBe('按键确认承诺');
    expect(displayValue(SIGNATURE, '')).toBeNull();
  });
});
