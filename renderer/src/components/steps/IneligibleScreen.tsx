import { ActionBar } from '../session/ActionBar.tsx';
import { ScreenTitle } from '../session/ScreenTitle.tsx';
import { useAction, type StepProps } from '../session/ui.ts';

/** Why the chosen bundle cannot be done here, and the way back to choose another. */
export function IneligibleScreen({ ui, view }: StepProps) {
  const { t, text } = ui;
  const [, run] = useAction();
  const blocks = view.eligibility.filter((e) => e.level === 'block');
  return (
    <main class="screen step ineligible" aria-labelledby="ineligible-title">
      <div class="step-body">
        <ScreenTitle id="ineligible-title">{t('ineligible.title')}</ScreenTitle>
        <div class="card alert-card" role="alert">
          {blocks.map((block) => (
            <p key={block.message['zh-CN']}>{text(block.message)}</p>
          ))}
        </div>
        <p class="muted">{t('ineligible.help')}</p>
      </div>
      <ActionBar>
        <button type="button" class="button primary" onClick={() => run(() => ui.send({ type: 'user.back' }))}>
          {t('ineligible.back')}
        </button>
      </ActionBar>
    </main>
  );
}
