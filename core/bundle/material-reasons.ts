/** What the citizen is told about each material, in both kiosk languages. Reasons never contain personal data. */
import type { Bilingual } from './types.ts';

export type TrustLevel = 'A' | 'B' | 'C' | 'D';

export const REASONS = {
  sharedData: (deferred: boolean): Bilingual =>
    deferred
      ? {
          'zh-CN': '不用提交：您同意后，本机联网时部门直接查询政府已有的记录',
          en: 'Not needed: with your permission the department looks up the records the government already holds, once this kiosk is back online',
        }
      : {
          'zh-CN': '不用提交：您同意后，部门直接查询政府已有的记录',
          en: 'Not needed: with your permission the department looks up the records the government already holds',
        },
  // The trust level decides the action; the citizen is told what to do, not the level.
  eLicenceExempt: (): Bilingual => ({
    'zh-CN': '不用提交：已找到您的电子证照',
    en: 'Not needed: your electronic certificate was found',
  }),
  eLicenceOriginal: (): Bilingual => ({
    'zh-CN': '已找到您的电子证照，部门还需看原件：请带原件到窗口',
    en: 'Your electronic certificate was found, but the department must see the original: bring it to the counter',
  }),
  eLicenceDeclared: (): Bilingual => ({
    'zh-CN': '已找到您的电子证照：请签字声明它真实有效',
    en: 'Your electronic certificate was found: sign to declare that it is genuine',
  }),
  producedInBundle: (item: Bilingual): Bilingual => ({
    'zh-CN': `不用提交：本次一起办理的“${item['zh-CN']}”办好后，部门之间直接传递`,
    en: `Not needed: once "${item.en}", part of this application, is issued, the departments pass it on to each other`,
  }),
  identification: (): Bilingual => ({
    'zh-CN': '不用提交：本机已读取并核对您的证件',
    en: 'Not needed: this kiosk has read and checked your document',
  }),
  commitment: (): Bilingual => ({
    'zh-CN': '可以用承诺代替：签署承诺书后不用提交',
    en: 'Not needed if you sign a written promise instead',
  }),
  capture: (pages: number): Bilingual => ({
    'zh-CN': `请在本机拍照或扫描（共${pages}页）`,
    en: `Scan or photograph it at this kiosk (${pages} ${pages === 1 ? 'page' : 'pages'})`,
  }),
  paper: (original: boolean, copies: number): Bilingual => {
    const zhCopies = copies > 0 ? `${original ? '及' : ''}复印件${copies}份` : '';
    const enCopies = copies > 0 ? `${original ? ' and ' : ''}${copies} ${copies === 1 ? 'copy' : 'copies'}` : '';
    return {
      'zh-CN': `请携带${original ? '原件' : ''}${zhCopies || (original ? '' : '材料')}到窗口`,
      en: `Bring ${original ? 'the original' : ''}${enCopies || (original ? '' : 'it')} to the counter`,
    };
  },
  noRoute: (): Bilingual => ({
    'zh-CN': '本机无法获取，请带原件到窗口',
    en: 'This kiosk cannot obtain it: bring the original to the counter',
  }),
} as const;
