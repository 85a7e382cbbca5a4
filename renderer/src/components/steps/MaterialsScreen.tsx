import type { MaterialView } from '../../../../core/contract/transaction-view.ts';
import type { Translate } from '../../i18n/i18n.ts';
import { ActionBar } from '../session/ActionBar.tsx';
import { ScreenTitle } from '../session/ScreenTitle.tsx';
import { useAction, type StepProps } from '../session/ui.ts';
import { MaterialCard } from './MaterialCard.tsx';

type Group = 'exempt' | 'authorise' | 'commit' | 'capture' | 'bring';

/** 一套材料, grouped by what the citizen has to do about each: the good news first. */
const GROUPS: readonly { group: Group; actions: readonly MaterialView['action'][] }[] = [
  { group: 'exempt', actions: ['exempt'] },
  { group: 'authorise', actions: ['authorise'] },
  { group: 'commit', actions: ['sign-commitment', 'self-declare'] },
  { group: 'capture', actions: ['capture'] },
  { group: 'bring', actions: ['bring-original', 'bring-paper'] },
];

/** "共 15 项材料：8 项不用您提供，3 项只需您同意部门查询，4 项需要在本机拍摄。": each count under its own words. */
function summary(t: Translate, materials: readonly MaterialView[]): string {
  const parts = GROUPS.flatMap(({ group, actions }) => {
    const count = materials.filter((m) => actions.includes(m.action)).length;
    return count > 0 ? [t(`materials.count.${group}`, { count })] : [];
  });
  return t('materials.summary', { total: materials.length, parts: parts.join(t('materials.partSeparator')) });
}

export function MaterialsScreen({ ui, view }: StepProps) {
  const { t } = ui;
  const [busy, run] = useAction();
  const decide = (materials: readonly MaterialView[]) =>
    run(async () => {
      // One event per material, in turn: each answer arrives before the next is sent.
      // A capture is settled by its pages (MaterialCapture), never by a tap here.
      for (const m of materials) if (m.needs && m.needs !== 'captured' && !m.done) await ui.send({ type: 'user.decideMaterial', key: m.key, decision: m.needs });
    });
  const { materials } = view;
  // Optional materials (e.g. only when someone else applies) do not hold the next step.
  const remaining = materials.filter((m) => m.required && !m.done).length;
  return (
    <main class="screen step materials" aria-labelledby="materials-title" aria-busy={busy}>
      <div class="step-body">
        <ScreenTitle id="materials-title">{t('materials.title')}</ScreenTitle>
        <p class="lead">{summary(t, materials)}</p>
        {GROUPS.map(({ group, actions }) => {
          const members = materials.filter((m) => actions.includes(m.action));
          if (members.length === 0) return null;
          const id = `materials-group-${group}`;
          // Every permission still open under the cards, optional ones too: the button allows what it counts.
          const pending = members.filter((m) => m.action === 'authorise' && !m.done);
          return (
            <section key={group} class="material-group" aria-labelledby={id}>
              <h2 id={id} class="section-title">
                {t(`materials.group.${group}`)}
              </h2>
              <ul class="material-list">
                {members.map((m) => (
                  <li key={m.key}>
                    <MaterialCard ui={ui} material={m} onDecide={() => decide([m])} />
                  </li>
                ))}
              </ul>
              {(pending.length > 1 || pending.some((m) => m.required)) && (
                <button type="button" class="button primary" onClick={() => decide(pending)}>
                  {pending.length > 1 ? t('materials.authoriseAll', { count: pending.length }) : t('materials.authoriseOne')}
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
