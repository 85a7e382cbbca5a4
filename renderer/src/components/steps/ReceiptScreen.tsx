import { ActionBar } from '../session/ActionBar.tsx';
import { ScreenTitle } from '../session/ScreenTitle.tsx';
import { useAction, type StepProps } from '../session/ui.ts';
import { DeliveryStatus } from './DeliveryStatus.tsx';
import { NextSteps } from './NextSteps.tsx';
import { QrCode } from './QrCode.tsx';
import { ReceiptCopies } from './ReceiptCopies.tsx';

/** The printer failed after the submission was safe: the receipt on screen, with what happens next. */
export function ReceiptScreen({ ui, view }: StepProps) {
  const { t } = ui;
  const [, run] = useAction();
  const submission = view.submission;
  return (
    <main class="screen step receipt" aria-labelledby="receipt-title">
      <div class="step-body">
        <ScreenTitle id="receipt-title">{t('receipt.title')}</ScreenTitle>
        <p class="lead">{t('receipt.why')}</p>
        {submission && (
          <div class="receipt-card card">
            <div class="receipt-number">
              <span class="label">{t('receipt.number')}</span>
              <span class="receipt-number-value">{submission.receiptNumber}</span>
            </div>
            <QrCode qr={submission.qr} label={t('receipt.qr', { number: submission.receiptNumber })} />
          </div>
        )}
        <ReceiptCopies ui={ui} view={view} />
        {submission && (
          <div role="status">
            <DeliveryStatus ui={ui} submission={submission} />
          </div>
        )}
        {submission && <NextSteps ui={ui} submission={submission} />}
        <p>{t('receipt.photo')}</p>
      </div>
      <ActionBar>
        <button type="button" class="button primary" onClick={() => run(() => ui.send({ type: 'user.next' }))}>
          {t('receipt.next')}
        </button>
      </ActionBar>
    </main>
  );
}
