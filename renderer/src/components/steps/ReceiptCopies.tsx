import { useAction, type StepProps } from '../session/ui.ts';

/**
 * Instead of the paper the printer could not print: the receipt printed at the hall's desk, or its number by
 * text message to the phone on the form; and, in a status line, what was done (queued on the kiosk while it
 * is offline, or with the back office). Asking again changes nothing, so the buttons stay for the keypad.
 */
export function ReceiptCopies({ ui, view }: StepProps) {
  const { t } = ui;
  // One guard per button: a double tap on one is dropped, a tap on the other right after it is not.
  const [, runDesk] = useAction();
  const [, runSms] = useAction();
  const copies = view.receiptCopies;
  if (!copies) return null;
  const ask = (via: 'desk' | 'sms') => (via === 'desk' ? runDesk : runSms)(() => ui.send({ type: 'user.receiptCopy', via }));
  const phone = copies.smsTo ?? '';
  return (
    <section class="receipt-copies card" aria-labelledby="receipt-copies-title">
      <h2 id="receipt-copies-title" class="section-title">
        {t('receipt.copies.title')}
      </h2>
      <div class="receipt-copy-actions">
        <button type="button" class="button" data-asked={copies.desk !== null} onClick={() => ask('desk')}>
          {t('receipt.copies.desk')}
        </button>
        {copies.smsTo && (
          <button type="button" class="button" data-asked={copies.sms !== null} onClick={() => ask('sms')}>
            {t('receipt.copies.sms', { phone })}
          </button>
        )}
      </div>
      {!copies.smsTo && <p>{t('receipt.copies.noPhone')}</p>}
      <div role="status" class="receipt-copy-states">
        {copies.desk && (
          <p data-copy="desk" data-state={copies.desk}>
            {t(copies.desk === 'done' ? 'receipt.copies.deskDone' : 'receipt.copies.deskQueued')}
          </p>
        )}
        {copies.sms && (
          <p data-copy="sms" data-state={copies.sms}>
            {t(copies.sms === 'done' ? 'receipt.copies.smsDone' : 'receipt.copies.smsQueued', { phone })}
          </p>
        )}
      </div>
    </section>
  );
}
