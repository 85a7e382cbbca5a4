/** What the attract screen tells a citizen whose identification did not work, in both kiosk languages. */
import type { CardProblem } from '../../devices/idcard/validate-card.ts';
import type { LocalizedText } from '../contract/locale.ts';
import type { EidResolution } from '../sync/eid-client.ts';

export const EID_NOTICES: Readonly<Record<Extract<EidResolution, { ok: false }>['reason'], LocalizedText>> = {
  offline: { 'zh-CN': '暂时无法核验电子身份证，请刷实体身份证，或请工作人员协助。', en: 'The e-ID cannot be checked right now. Please use your ID card or ask staff for help.' },
  'unknown-code': { 'zh-CN': '电子身份证二维码无效或已过期，请在手机上刷新后重新扫码。', en: 'This e-ID code is invalid or has expired. Refresh it on your phone and scan again.' },
  'malformed-code': { 'zh-CN': '无法识别该二维码，请出示电子身份证二维码。', en: 'This code is not an e-ID. Please show your e-ID QR code.' },
};

/**
 * A card on the reader that could not be read (three failed reads, or lifted while it was read): the citizen
 * only needs to put it down again, flat and still.
 */
export const READ_FAILED_NOTICE: LocalizedText = {
  'zh-CN': '未能读取身份证，请重新放置身份证：平放在读卡区，听到提示前不要移动。',
  en: 'The ID card could not be read. Please place your ID card again: flat on the reader, and keep it still until the screen changes.',
};

/** The card's first problem, e.g. an expired card; the reader's own text, with what to do next. */
export function cardNotice(problems: readonly CardProblem[]): LocalizedText {
  const first = problems[0];
  const zh = first ? first.zh : '证件信息无法核验';
  const en = first ? first.en.charAt(0).toUpperCase() + first.en.slice(1) : 'The card could not be checked';
  return { 'zh-CN': `${zh}。请使用有效证件，或请工作人员协助。`, en: `${en}. Please use a valid document or ask staff for help.` };
}
