import type { TransactionView } from '../../../../core/contract/transaction-view.ts';
import type { Ui } from '../session/ui.ts';

/**
 * Where the submission is, truthfully: accepted here and waiting to be uploaded, or with the departments
 * under its case numbers (which arrive while the citizen is still at the kiosk when it is online).
 */
export function DeliveryStatus({ ui, submission }: { readonly ui: Ui; readonly submission: NonNullable<TransactionView['submission']> }) {
  const { t, text } = ui;
  if (submission.delivery === 'pending') return <p class="delivery pending" data-delivery="pending">{t('delivery.pending')}</p>;
  return (
    <div class="delivery delivered" data-delivery="delivered">
      <p>{t('delivery.delivered')}</p>
      <ul class="case-numbers">
        {submission.caseNumbers.map((c) => (
          <li key={c.caseNumber}>
            {text(c.item)}：<span class="case-number">{c.caseNumber}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
