import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { TransactionView } from '../../../../core/contract/transaction-view.ts';
import { CancelDialog } from './CancelDialog.tsx';
import { SessionHeader } from './SessionHeader.tsx';
import { TimeoutDialog } from './TimeoutDialog.tsx';
import { CancelContext, type Ui } from './ui.ts';

export interface SessionFrameProps {
  readonly ui: Ui;
  readonly view: TransactionView;
  /** `performance.now()` when `view` arrived, for the timeout countdown. */
  readonly viewAt: number;
  readonly children: ComponentChildren;
}

/**
 * Around every step of a session: the header, the cancel action (confirmed first) and the idle-timeout
 * warning. While a dialog is open the screen behind it is inert.
 */
export function SessionFrame({ ui, view, viewAt, children }: SessionFrameProps) {
  const [confirmingCancel, setConfirmingCancel] = useState(false);
  // Once submitted there is nothing left to cancel: the receipt and rating screens lead on by themselves.
  const canCancel = view.allowed.includes('user.cancel') && view.submission === null;
  const cancel = canCancel ? { label: ui.t('session.cancel'), request: () => setConfirmingCancel(true) } : null;
  const warning = view.timer.warning;
  const dialog = warning ? (
    <TimeoutDialog ui={ui} timer={view.timer} viewAt={viewAt} onExtend={() => void ui.send({ type: 'user.extend' })} />
  ) : confirmingCancel && canCancel ? (
    <CancelDialog
      ui={ui}
      onKeep={() => setConfirmingCancel(false)}
      onCancel={() => {
        setConfirmingCancel(false);
        void ui.send({ type: 'user.cancel' });
      }}
    />
  ) : null;
  return (
    <>
      <div class="session" inert={dialog !== null}>
        <SessionHeader ui={ui} view={view} />
        <CancelContext.Provider value={cancel}>{children}</CancelContext.Provider>
      </div>
      {dialog}
    </>
  );
}
