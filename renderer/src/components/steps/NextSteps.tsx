import type { TransactionView } from '../../../../core/contract/transaction-view.ts';
import type { Ui } from '../session/ui.ts';
import './next-steps.css';

type Submission = NonNullable<TransactionView['submission']>;

/**
 * What happens after the kiosk, as the paper receipt says it: the number is provisional until the
 * departments accept; per item when, where, what to bring and how the result arrives; how to follow the case.
 */
export function NextSteps({ ui, submission }: { readonly ui: Ui; readonly submission: Submission }) {
  const { t, text } = ui;
  return (
    <>
      <p class="provisional">{t('receipt.provisional')}</p>
      {submission.nextSteps.length > 0 && (
        <section class="next-steps" aria-labelledby="next-steps-title">
          <h2 id="next-steps-title" class="section-title">
            {t('receipt.nextSteps')}
          </h2>
          {submission.nextSteps.map((step) => (
            <section key={step.itemCode} class="card next-step" aria-labelledby={`next-${step.itemCode}`} data-item={step.itemCode}>
              <h3 id={`next-${step.itemCode}`}>{text(step.item)}</h3>
              <dl class="field-list">
                <div class="field-row">
                  <dt>{t('receipt.step.when')}</dt>
                  <dd>{text(step.when)}</dd>
                </div>
                <div class="field-row">
                  <dt>{t('receipt.step.where')}</dt>
                  <dd>{text(step.where)}</dd>
                </div>
                {step.bring && (
                  <div class="field-row">
                    <dt>{t('receipt.step.bring')}</dt>
                    <dd>{text(step.bring)}</dd>
                  </div>
                )}
                <div class="field-row">
                  <dt>{t('receipt.step.result')}</dt>
                  <dd>{text(step.result)}</dd>
                </div>
              </dl>
            </section>
          ))}
        </section>
      )}
      <section class="how-to-query" aria-labelledby="how-to-query-title">
        <h2 id="how-to-query-title" class="section-title">
          {t('receipt.query.title')}
        </h2>
        <ul>
          <li>{t('receipt.query.kiosk')}</li>
          <li>{t('receipt.query.desk')}</li>
          <li>{t('receipt.query.online')}</li>
        </ul>
      </section>
    </>
  );
}
