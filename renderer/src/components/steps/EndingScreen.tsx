import { ScreenTitle } from '../session/ScreenTitle.tsx';
import type { StepProps } from '../session/ui.ts';
import { farewellKey } from '../../transaction/farewell.ts';

/** The moment between the end and the wipe: what happened, and that the citizen's data is going. */
export function EndingScreen({ ui: { t }, view }: StepProps) {
  return (
    <main class="screen step ending" aria-labelledby="ending-title">
      <div class="step-body centered">
        <ScreenTitle id="ending-title">{t('ending.title')}</ScreenTitle>
        <p class="lead" role="status">
          {t(farewellKey(view.endReason, view.submission !== null))} {t('farewell.wiped')}
        </p>
      </div>
    </main>
  );
}
