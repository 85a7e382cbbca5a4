import type { ComponentChildren } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { TransactionView } from '../../../../core/contract/transaction-view.ts';
import { activityReporter } from '../../transaction/activity.ts';
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
  // A session waiting for its card may be ended by whoever stands here: "结束办理", not "取消办理".
  const ending = view.step === 'reidentify';
  const cancel = canCancel ? { label: ui.t(ending ? 'reidentify.end' : 'session.cancel'), request: () => setConfirmingCancel(true) } : null;
  const warning = view.timer.warning;
  // `ui` is rebuilt on every render: the reporter (and its throttle) must outlive it.
  const send = useRef(ui.send);
  send.current = ui.send;
  const reportActivity = useMemo(() => activityReporter(() => void send.current({ type: 'user.active' })), []);
  // Typing, drawing and choosing count as activity before an answer is sent; the warning needs "继续办理".
  const clockQuiet = view.timer.remainingMs !== null && !warning;
  useEffect(() => {
    if (!clockQuiet) return undefined;
    const events = ['pointerdown', 'keydown', 'input'] as const;
    for (const type of events) document.addEventListener(type, reportActivity, { capture: true, passive: true });
    return () => {
      for (const type of events) document.removeEventListener(type, reportActivity, { capture: true });
    };
  }, [clockQuiet, reportActivity]);
  const dialog = warning ? (
    <TimeoutDialog
      ui={ui}
      timer={view.timer}
      viewAt={viewAt}
      submitted={view.submission !== null}
      receiptOnScreen={view.step === 'receiptOnScreen'}
      onExtend={() => void ui.send({ type: 'user.extend' })}
    />
  ) : confirmingCancel && canCancel ? (
    <CancelDialog
      ui={ui}
      ending={ending}
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
