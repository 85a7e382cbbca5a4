/**
 * Translations through i18next. The language is not global state here: it comes from the session view, and
 * components get a translator fixed to it, so a language switch re-renders exactly what reads it.
 */
import i18next, { type TFunction } from 'i18next';
import type { Locale } from '../../../core/contract/locale.ts';
import type { LocalizedText } from '../../../core/contract/locale.ts';
import en from './en.json';
import zhCN from './zh-CN.json';

export type MessageKey = keyof typeof zhCN;

const instance = i18next.createInstance();
void instance.init({
  resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
  lng: 'zh-CN',
  fallbackLng: 'zh-CN',
  initAsync: false,
  interpolation: { escapeValue: false },
  returnNull: false,
});

export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

export function translator(language: Locale): Translate {
  const t: TFunction = instance.getFixedT(language);
  return (key, values) => t(key, values);
}

/** Text from configuration: the requested language, else Simplified Chinese (always present). */
export function localized(text: LocalizedText, language: Locale): string {
  return (language === 'en' ? text.en : undefined) ?? text['zh-CN'];
}

/** Each language names itself, so a citizen who cannot read the current one still finds theirs. */
export const LANGUAGE_NAMES: Record<Locale, string> = { 'zh-CN': '中文', en: 'English' };
