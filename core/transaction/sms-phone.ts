/** The mobile number a receipt's number may be texted to: the applicant's own, from the form. */
import type { TransactionContext } from './transaction-types.ts';

/** The applicant's own mobile number on every bundle's form (the catalog: "for progress text messages"). */
export const SMS_PHONE_FIELD = 'applicant.phone';

/** The phone a text message would go to, or undefined when the form has no mobile number. */
export function smsPhone(context: Pick<TransactionContext, 'values'>): string | undefined {
  const phone = context.values[SMS_PHONE_FIELD];
  return typeof phone === 'string' && /^1[3-9]\d{9}$/.test(phone) ? phone : undefined;
}

/** 138****5678: enough for the citizen to recognise their number, not for a bystander to note it. */
export function maskedPhone(phone: string): string {
  return `${phone.slice(0, 3)}****${phone.slice(-4)}`;
}
