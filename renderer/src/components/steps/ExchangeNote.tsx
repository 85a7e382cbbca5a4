import type { TransactionView } from '../../../../core/contract/transaction-view.ts';
import type { Ui } from '../session/ui.ts';

/**
 * Says so when the departments' records could not be fetched: the citizen fills in what they would have
 * given, and the departments check the materials after the submission. Nothing is shown online.
 */
export function ExchangeNote({ ui: { t }, exchange }: { readonly ui: Ui; readonly exchange: TransactionView['exchange'] }) {
  if (exchange !== 'offline') return null;
  return (
    <aside class="card note-card" aria-label={t('form.notice')} data-exchange="offline">
      <p>{t('exchange.offline')}</p>
    </aside>
  );
}
