import { ScreenTitle } from '../session/ScreenTitle.tsx';
import type { StepProps } from '../session/ui.ts';

/** Submitting and printing: nothing to do but wait, said in a live region, with a moving bar. */
export function ProgressScreen({ ui: { t }, view }: StepProps) {
  const printing = view.step === 'printing';
  return (
    <main class="screen step progress" aria-labelledby="progress-title" aria-busy="true">
      <div class="step-body centered" role="status">
        <ScreenTitle id="progress-title">{t(printing ? 'printing.title' : 'submitting.title')}</ScreenTitle>
        <div class="progress-bar" aria-hidden="true">
          <span />
        </div>
        <p class="lead">{t(printing ? 'printing.hint' : 'submitting.hint')}</p>
      </div>
    </main>
  );
}
