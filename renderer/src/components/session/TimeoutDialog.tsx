import { useEffect, useState } from 'preact/hooks';
import type { TransactionView } from '../../../../core/contract/transaction-view.ts';
import { formatCountdown, secondsLeft } from '../../transaction/countdown.ts';
import { Dialog } from './Dialog.tsx';
import type { Ui } from './ui.ts';

export interface TimeoutDialogProps {
  readonly ui: Ui;
  readonly timer: TransactionView['timer'];
  /** `performance.now()` when the view with this timer arrived. */
  readonly viewAt: number;
  /** After the submission: the application is safe whatever happens, and the warning says so. */
  readonly submitted: boolean;
  /** On the receipt shown on screen: note the number (or ask for a copy) before the page closes. */
  readonly receiptOnScreen: boolean;
  readonly onExtend: () => void;
}

/**
 * The idle warning of WCAG 2.2.1: what will happen, a live countdown, and one big button to go on. The
 * countdown is a timer role (not announced every second); the dialog itself is announced when it opens.
 * After the submission nothing is lost by waiting: the warning says the application is safe and that only
 * the screen will close, so it never reads like a failure.
 */
export function TimeoutDialog({ ui: { t }, timer, viewAt, submitted, receiptOnScreen, onExtend }: TimeoutDialogProps) {
  const [now, setNow] = useState(() => performance.now());
  useEffect(() => {
    const tick = setInterval(() => setNow(performance.now()), 250);
    return () => clearInterval(tick);
  }, []);
  const seconds = secondsLeft(timer.remainingMs ?? 0, now - viewAt);
  const time = seconds < 60 ? t('timeout.seconds', { count: seconds }) : formatCountdown(seconds);
  const canExtend = timer.extensionsLeft > 0;
  return (
    <Dialog role="alertdialog" titleId="timeout-title" descriptionId="timeout-body">
      <h2 id="timeout-title" class="dialog-title">
        {t(submitted ? 'timeout.submitted.title' : 'timeout.title')}
      </h2>
      <div id="timeout-body">
        <p>{t(submitted ? 'timeout.submitted.body' : 'timeout.body')}</p>
        {receiptOnScreen && <p>{t('timeout.submitted.receipt')}</p>}
      </div>
      <p class="countdown" role="timer">
        {t('timeout.remaining', { time })}
      </p>
      <p class="dialog-note">{canExtend ? t('timeout.extensionsLeft', { count: timer.extensionsLeft }) : t('timeout.noExtensions')}</p>
      <div class="dialog-actions">
        <button type="button" class="button primary" disabled={!canExtend} onClick={onExtend}>
          {t(submitted ? 'timeout.submitted.extend' : 'timeout.extend')}
        </button>
      </div>
    </Dialog>
  );
}
