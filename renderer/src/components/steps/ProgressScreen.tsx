import { ScreenTitle } from '../session/ScreenTitle.tsx';
import type { StepProps } from '../session/ui.ts';

const WAITS = { gathering: 'gathering', submitting: 'submitting', printing: 'printing' } as const;

/**
 * Asking the exchange, submitting, printing: nothing to do but wait (a few seconds at most), said in a live
 * region, with a moving bar.
 */
export function ProgressScreen({ ui: { t }, view }: StepProps) {
  const wait = view.step in WAITS ? WAITS[view.step as keyof typeof WAITS] : 'submitting';
  return (
    <main class="screen step progress" aria-labelledby="progress-title" aria-busy="true">
      <div class="step-body centered" role="status">
        <ScreenTitle id="progress-title">{t(`${wait}.title`)}</ScreenTitle>
        <div class="progress-bar" aria-hidden="true">
          <span />
        </div>
        <p class="lead">{t(`${wait}.hint`)}</p>
      </div>
    </main>
  );
}
