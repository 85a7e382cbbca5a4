import { describe, expect, it } from 'vitest';
import en from './en.json';
import zhCN from './zh-CN.json';
import { localized, translator } from './i18n.ts';

describe('i18n', () => {
  it('has the same keys in every language', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zhCN).sort());
  });

  it('translates with interpolation per fixed language', () => {
    expect(translator('zh-CN')('attract.prompt')).toBe('请刷身份证或扫码开始');
    expect(translator('en')('status.kiosk', { id: 'K1' })).toBe('Kiosk K1');
  });

  it('falls back to Chinese for config text without English', () => {
    expect(localized({ 'zh-CN': '示例大厅' }, 'en')).toBe('示例大厅');
    expect(localized({ 'zh-CN': '示例大厅', en: 'Example Hall' }, 'en')).toBe('Example Hall');
  });
});
