import type { MaterialView } from '../../../../core/contract/transaction-view.ts';
import type { MessageKey } from '../../i18n/i18n.ts';
import { ActionBar } from '../session/ActionBar.tsx';
import { ScreenTitle } from '../session/ScreenTitle.tsx';
import { useAction, type StepProps } from '../session/ui.ts';
import { MaterialCard } from './MaterialCard.tsx';

/** 一套材料, grouped by what the citizen has to do about each: the good news first. */
const GROUPS: readonly { title: MessageKey; actions: readonly MaterialView['action'][] }[] = [
  { title: 'materials.group.exempt', actions: ['exempt'] },
  { title: 'materials.group.authorise', actions: ['authorise'] },
  { title: 'materials.group.commit', actions: ['sign-commitment', 'self-declare'] },
  { title: 'materials.group.capture', actions: ['capture'] },
  { title: 'materials.group.bring', actions: ['bring-original', 'bring-paper'] },
];

export function MaterialsScreen({ ui, view }: StepProps) {
  const { t } = ui;
  const [busy, run] = useAction();
  const decide = (materials: readonly MaterialView[]) =>
    run(async () => {
      // One event per material, in turn: each answer arrives before the next is sent.
      for (const m of materials) if (m.needs && !m.done) await ui.send({ type: 'user.decideMaterial', key: m.key, decision: m.needs });
    });
  const { materials } = view;
  const bring = materials.filter((m) => m.action === 'bring-original' || m.action === 'bring-paper').length;
  // Optional materials (e.g. only when someone else applies) do not hold the next step.
  const remaining = materials.filter((m) => m.required && !m.done).length;
  return (
    <main class="screen step materials" aria-labelledby="materials-title" aria-busy={busy}>
      <div class="step-body">
        <ScreenTitle id="materials-title">{t('materials.title')}</ScreenTitle>
        <p class="lead">{t('materials.summary', { total: materials.length, spared: materials.length - bring })}</p>
        {GROUPS.map((group) => {
          const members = materials.filter((m) => group.actions.includes(m.action));
          if (members.length === 0) return null;
          const id = group.title.replaceAll('.', '-');
          const pending = members.filter((m) => m.action === 'authorise' && m.required && !m.done);
          return (
            <section key={group.title} class="material-group" aria-labelledby={id}>
              <h2 id={id} class="section-title">
                {t(group.title)}
              </h2>
              <ul class="material-list">
                {members.map((m) => (
                  <li key={m.key}>
                    <MaterialCard ui={ui} material={m} onDecide={() => decide([m])} />
                  </li>
                ))}
              </ul>
              {pending.length > 0 && (
                <button type="button" class="button primary" onClick={() => decide(pending)}>
                  {t('materials.authoriseAll', { count: pending.length })}
                </button>
              )}
            </section>
          );
        })}
      </div>
      <ActionBar>
        <p class="action-note" role="status">
          {remaining > 0 ? t('materials.remaining', { count: remaining }) : t('materials.allDone')}
        </p>
        <button type="button" class="button" onClick={() => run(() => ui.send({ type: 'user.back' }))}>
          {t('materials.back')}
        </button>
        <button
          type="button"
          class="button primary"
          disabled={remaining > 0 || !view.allowed.includes('user.next')}
          onClick={() => run(() => ui.send({ type: 'user.next' }))}
        >
          {t('materials.next')}
        </button>
      </ActionBar>
    </main>
  );
}
