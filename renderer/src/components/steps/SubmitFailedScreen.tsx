import { ActionBar } from '../session/ActionBar.tsx';
import { ScreenTitle } from '../session/ScreenTitle.tsx';
import { useAction, type StepProps } from '../session/ui.ts';

/**
 * The local commit failed: nothing was saved and no receipt number was given, so the citizen may retry or
 * give up. A full disk is said as such: the kiosk has called staff by itself, and retrying works once they
 * have freed space.
 */
export function SubmitFailedScreen({ ui, view }: StepProps) {
  const { t } = ui;
  const [, run] = useAction();
  const full = view.submitFailure === 'storageFull';
  return (
    <main class="screen step submit-failed" aria-labelledby="failed-title">
      <div class="step-body centered">
        <ScreenTitle id="failed-title">{t(full ? 'submitFailed.storageFull.title' : 'submitFailed.title')}</ScreenTitle>
        <p class="lead" role="alert">
          {t(full ? 'submitFailed.storageFull.body' : 'submitFailed.body')}
        </p>
        {full && (
          <aside class="card note-card" data-help="called">
            <p>{t('submitFailed.storageFull.helpCalled')}</p>
          </aside>
        )}
      </div>
      <ActionBar>
        <button type="button" class="button primary" onClick={() => run(() => ui.send({ type: 'user.retry' }))}>
          {t('submitFailed.retry')}
        </button>
      </ActionBar>
    </main>
  );
}
