import { IdCardIcon } from '../icons.tsx';
import { ActionBar } from '../session/ActionBar.tsx';
import { ScreenTitle } from '../session/ScreenTitle.tsx';
import type { StepProps } from '../session/ui.ts';

/**
 * A session resumed after a restart, waiting for its applicant's card: nothing of the person or the bundle
 * (core sends none), only what to do. Someone else's card is told the session is not theirs, and that ending
 * it lets them start their own; "结束办理" is in the action bar as on every step.
 */
export function ReidentifyScreen({ ui: { t }, view }: StepProps) {
  const otherCard = view.reidentify?.otherCard ?? false;
  return (
    <main class="screen step reidentify" aria-labelledby="reidentify-title">
      <div class="step-body centered">
        <ScreenTitle id="reidentify-title">{t('reidentify.title')}</ScreenTitle>
        <IdCardIcon />
        <p class="lead">{t('reidentify.why')}</p>
        <div role="alert">{otherCard && <p class="card alert-card reidentify-other">{t('reidentify.otherCard')}</p>}</div>
        <p class="reidentify-hint">{t('reidentify.notYours')}</p>
      </div>
      <ActionBar />
    </main>
  );
}
