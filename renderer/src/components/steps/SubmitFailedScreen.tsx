import { ActionBar } from '../session/ActionBar.tsx';
import { ScreenTitle } from '../session/ScreenTitle.tsx';
import { useAction, type StepProps } from '../session/ui.ts';

/** The local commit failed (e.g. a full disk): nothing was saved, so the citizen may retry or give up. */
export function SubmitFailedScreen({ ui }: StepProps) {
  const { t } = ui;
  const [, run] = useAction();
  return (
    <main class="screen step submit-failed" aria-labelledby="failed-title">
      <div class="step-body centered">
        <ScreenTitle id="failed-title">{t('submitFailed.title')}</ScreenTitle>
        <p class="lead" role="alert">
          {t('submitFailed.body')}
        </p>
      </div>
      <ActionBar>
        <button type="button" class="button primary" onClick={() => run(() => ui.send({ type: 'user.retry' }))}>
          {t('submitFailed.retry')}
        </button>
      </ActionBar>
    </main>
  );
}
