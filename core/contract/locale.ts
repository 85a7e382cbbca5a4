import * as v from 'valibot';

export const LOCALES = ['zh-CN', 'en'] as const;
export const LocaleSchema = v.picklist(LOCALES);
export type Locale = v.InferOutput<typeof LocaleSchema>;

/** Text shown to citizens: Simplified Chinese is required, English is optional. */
export const LocalizedTextSchema = v.strictObject({
  'zh-CN': v.pipe(v.string(), v.nonEmpty()),
  en: v.optional(v.pipe(v.string(), v.nonEmpty())),
});
export type LocalizedText = v.InferOutput<typeof LocalizedTextSchema>;
