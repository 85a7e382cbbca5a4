import type { TransactionView } from '../../../core/contract/transaction-view.ts';
import type { MessageKey } from '../i18n/i18n.ts';

/** Why a session ended, as a message key; a timeout after the submission says the application is safe. */
export function farewellKey(reason: TransactionView['endReason'], submitted: boolean): MessageKey {
  if (reason === 'timeout' && submitted) return 'farewell.timeoutSubmitted';
  return `farewell.${reason ?? 'ended'}`;
}
