import { shownValue } from '../../transaction/display.ts';
import { ActionBar } from '../session/ActionBar.tsx';
import { ScreenTitle } from '../session/ScreenTitle.tsx';
import { useAction, type StepProps } from '../session/ui.ts';
import { CapturedMaterials } from '../capture/CapturedMaterials.tsx';
import { ItemFacts } from './ItemFacts.tsx';

/**
 * 核对: what each department will receive from the one form, masked as everywhere, then submit. Changing
 * something goes back through the steps, which keep every answer.
 */
export function ReviewScreen({ ui, view }: StepProps) {
  const { t, text, language } = ui;
  const [, run] = useAction();
  const fields = new Map(view.fields.map((f) => [f.key, f]));
  const back = (steps: 1 | 2) =>
    run(async () => {
      for (let i = 0; i < steps; i++) if (!(await ui.send({ type: 'user.back' }))) return;
    });
  // A material the camera could not take goes to the window too.
  const bring = view.materials.filter((m) => m.action === 'bring-original' || m.action === 'bring-paper' || m.capture?.atWindow).length;
  return (
    <main class="screen step review" aria-labelledby="review-title">
      <div class="step-body">
        <ScreenTitle id="review-title">{t('review.title')}</ScreenTitle>
        <p class="lead">{t('review.hint')}</p>
        <div class="department-grid">
          {view.departments.map(({ item, fields: received }) => (
            <section key={item.code} class="card department" aria-labelledby={`dept-${item.code}`}>
              <h2 id={`dept-${item.code}`} class="section-title">
                {text(item.name)}
              </h2>
              <ItemFacts ui={ui} item={item} />
              <dl class="field-list">
                {received.map((f) => (
                  <div key={f.key} class="field-row">
                    <dt>{text(f.label)}</dt>
                    <dd>{shownValue({ type: 'text', editable: false, ...fields.get(f.key), display: f.display }, language, t)}</dd>
                  </div>
                ))}
              </dl>
            </section>
          ))}
        </div>
        <section class="card" aria-labelledby="review-materials">
          <h2 id="review-materials" class="section-title">
            {t('review.materials')}
          </h2>
          <p>{t('review.materialsSummary', { settled: view.materials.length - bring, bring })}</p>
          <CapturedMaterials ui={ui} materials={view.materials} />
          <button type="button" class="button" onClick={() => back(1)}>
            {t('review.editMaterials')}
          </button>
        </section>
      </div>
      <ActionBar>
        <button type="button" class="button" onClick={() => back(2)}>
          {t('review.edit')}
        </button>
        <button type="button" class="button primary" disabled={!view.allowed.includes('user.submit')} onClick={() => run(() => ui.send({ type: 'user.submit' }))}>
          {t('review.submit')}
        </button>
      </ActionBar>
    </main>
  );
}
