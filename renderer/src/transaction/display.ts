/**
 * Values and catalog facts as the citizen reads them, in the session's language. Core masks personal values
 * and writes their `display` in Chinese; where the renderer knows what a display stands for (a choice's
 * label, yes/no, "signed") it says it in the citizen's language, and leaves masked text as it is.
 */
import type { Locale, LocalizedText } from '../../../core/contract/locale.ts';
import type { FieldView, TransactionView } from '../../../core/contract/transaction-view.ts';
import { localized, type MessageKey, type Translate } from '../i18n/i18n.ts';

type DisplayedField = Pick<FieldView, 'type' | 'choices' | 'display' | 'value'>;
type Item = NonNullable<TransactionView['bundle']>['items'][number];

/** The words core uses for these values (core/transaction/session-view.ts `displayValue`). */
const CORE_YES = '是';
const CORE_NO = '否';
/** How the applicant signed, by core's words for it. */
const CORE_SIGNED: Readonly<Record<string, MessageKey>> = { 已签名: 'form.signed', 协助签名: 'form.signedAssisted', 按键确认承诺: 'form.signedCommitment' };

export function fieldDisplay(field: DisplayedField, language: Locale, t: Translate): string | null {
  if (field.display === null) return null;
  const raw = field.value !== undefined ? String(field.value) : null;
  const choice = field.choices?.find((c) => c.value === raw || c.label['zh-CN'] === field.display);
  if (choice) return localized(choice.label, language);
  if (field.type === 'boolean' || typeof field.value === 'boolean') {
    if (field.value === true || field.display === CORE_YES) return t('form.yes');
    if (field.value === false || field.display === CORE_NO) return t('form.no');
  }
  const signed = field.type === 'signature' && Object.hasOwn(CORE_SIGNED, field.display) ? CORE_SIGNED[field.display] : undefined;
  if (signed) return t(signed);
  return field.display;
}

/**
 * What a form row shows: the value, else why there is none: not answered yet, or left to the department
 * that holds the record (a field the citizen cannot answer here).
 */
export function shownValue(field: DisplayedField & Pick<FieldView, 'editable'>, language: Locale, t: Translate): string {
  return fieldDisplay(field, language, t) ?? t(field.editable ? 'form.unanswered' : 'form.byDepartment');
}

/**
 * Whether the applicant may ask to see this value in full ("显示"): a masked personal answer they gave here
 * and can change (not the ID card's, nor a department's record). Core decides again
 * (core/transaction/session-view.ts `ownAnswer`).
 */
export function revealable(field: Pick<FieldView, 'personal' | 'editable' | 'origin' | 'type' | 'choices'>): boolean {
  return field.personal && field.editable && field.origin === 'answer' && field.type !== 'signature' && field.type !== 'boolean' && !field.choices;
}

/** 即办 or the promised time limit (承诺时限). */
export function promisedTime(item: Pick<Item, 'handlingType' | 'timeLimit'>, t: Translate): string {
  if (item.handlingType === 'immediate' || item.timeLimit.value === 0) return t('item.immediate');
  return t(item.timeLimit.unit === 'working-days' ? 'item.workingDays' : 'item.naturalDays', { count: item.timeLimit.value });
}

/** Distinct departments, in the order the items name them. */
export function departmentsOf(items: readonly { department: LocalizedText }[]): LocalizedText[] {
  const seen = new Map<string, LocalizedText>();
  for (const item of items) if (!seen.has(item.department['zh-CN'])) seen.set(item.department['zh-CN'], item.department);
  return [...seen.values()];
}
