import { revealable } from '../../transaction/display.ts';
import { reviewGroups } from '../../transaction/review-groups.ts';
import { OwnValue } from '../form/OwnValue.tsx';
import { ActionBar } from '../session/ActionBar.tsx';
import { ScreenTitle } from '../session/ScreenTitle.tsx';
import { useAction, type StepProps } from '../session/ui.ts';
import { CapturedMaterials } from '../capture/CapturedMaterials.tsx';
import { ItemFacts } from './ItemFacts.tsx';

/**
 * 核对: the services applied for, then each value once with the departments that receive it, masked as
 * everywhere (the applicant's own answers shown in full on request), then submit. Changing something goes
 * back through the steps, which keep every answer.
 */
export function ReviewScreen({ ui, view }: StepProps) {
  const { t, text, language } = ui;
  const [, run] = useAction();
  const groups = reviewGroups(view);
  const list = new Intl.ListFormat(language, { type: 'conjunction' });
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
        <section class="card" aria-labelledby="review-services">
          <h2 id="review-services" class="section-title">
            {t('review.services')}
          </h2>
          <ul class="review-services">
            {view.departments.map(({ item }) => (
              <li key={item.code}>
                <span class="review-service">{text(item.name)}</span> <ItemFacts ui={ui} item={item} />
              </li>
            ))}
          </ul>
        </section>
        <section class="card" aria-labelledby="review-values">
          <h2 id="review-values" class="section-title">
            {t('review.values')}
          </h2>
          {view.fields.some(revealable) && <p class="muted">{t('form.revealHint')}</p>}
          {groups.map((group, i) => (
            <div key={i} class="review-group">
              <h3 class="review-receivers" id={`receivers-${i}`}>
                {group.everyone ? t('review.allDepartments') : t('review.receivedBy', { departments: list.format(group.departments.map(text)) })}
              </h3>
              <dl class="field-list review-fields" aria-labelledby={`receivers-${i}`}>
                {group.fields.map((field) => (
                  <div key={field.key} class="field-row" data-field={field.key}>
                    <dt>{text(field.label)}</dt>
                    <dd>
                      <OwnValue ui={ui} field={field} />
                    </dd>
                  </div>
                ))}
              </dl>
            </div>
          ))}
        </section>
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
