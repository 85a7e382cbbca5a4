/** What the citizen is told about each material, in both kiosk languages. Reasons never contain personal data. */
import type { Bilingual } from './types.ts';

export type TrustLevel = 'A' | 'B' | 'C' | 'D';

export const REASONS = {
  sharedData: (deferred: boolean): Bilingual =>
    deferred
      ? {
          'zh-CN': '无需提交：经您授权后由部门调取共享数据核验（联网后核验）',
          en: 'Not needed: with your authorisation the department checks the shared records (once the kiosk is online)',
        }
      : {
          'zh-CN': '无需提交：经您授权后由部门调取共享数据核验',
          en: 'Not needed: with your authorisation the department checks the shared records',
        },
  eLicenceExempt: (level: TrustLevel): Bilingual => ({
    'zh-CN': `已通过电子证照免提交（${level}级）`,
    en: `Not needed: verified through your e-licence (level ${level})`,
  }),
  eLicenceOriginal: (level: TrustLevel): Bilingual => ({
    'zh-CN': `已找到电子证照（${level}级），请携带原件到窗口核验`,
    en: `Your e-licence was found (level ${level}): bring the original to the window to be checked`,
  }),
  eLicenceDeclared: (level: TrustLevel): Bilingual => ({
    'zh-CN': `已找到电子证照（${level}级），请签名声明其真实有效`,
    en: `Your e-licence was found (level ${level}): sign a declaration that it is genuine`,
  }),
  producedInBundle: (item: Bilingual): Bilingual => ({
    'zh-CN': `无需提交：由本次一并办理的“${item['zh-CN']}”出具后部门间流转`,
    en: `Not needed: it passes between departments once "${item.en}", part of this application, has issued it`,
  }),
  identification: (): Bilingual => ({
    'zh-CN': '无需提交：已在本机读取并核验您的证件',
    en: 'Not needed: your document was read and checked at this kiosk',
  }),
  commitment: (): Bilingual => ({
    'zh-CN': '可告知承诺：签署承诺书后无需提交',
    en: 'Not needed if you sign a written promise (告知承诺) instead',
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
      en: `Bring ${original ? 'the original' : ''}${enCopies || (original ? '' : 'it')} to the window`,
    };
  },
  noRoute: (): Bilingual => ({
    'zh-CN': '无法在本机获取，请携带原件到窗口',
    en: 'This kiosk cannot obtain it: bring the original to the window',
  }),
} as const;
