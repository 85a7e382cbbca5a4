import type { TransactionStep, TransactionView } from '../../../../core/contract/transaction-view.ts';
import type { MessageKey } from '../../i18n/i18n.ts';
import type { Ui } from './ui.ts';

/** The stages a citizen recognises, and which steps belong to each. */
const STAGES: readonly { key: MessageKey; steps: readonly TransactionStep[] }[] = [
  { key: 'session.step.choose', steps: ['choose', 'ineligible'] },
  { key: 'session.step.form', steps: ['form'] },
  { key: 'session.step.materials', steps: ['materials'] },
  { key: 'session.step.review', steps: ['review', 'submitting', 'submitFailed'] },
  { key: 'session.step.receipt', steps: ['printing', 'receiptOnScreen'] },
  { key: 'session.step.rating', steps: ['rating'] },
];

export interface SessionHeaderProps {
  readonly ui: Ui;
  readonly view: TransactionView;
}

/** Who is being served and for what, and where they are in it: on every step of a session. */
export function SessionHeader({ ui: { t, text }, view }: SessionHeaderProps) {
  const current = STAGES.findIndex((s) => s.steps.includes(view.step));
  return (
    <header class="session-header">
      <p class="session-bundle">{view.bundle ? text(view.bundle.name) : t('app.title')}</p>
      {current !== -1 && (
        <ol class="stages" aria-label={t('session.progress')}>
          {STAGES.map((stage, i) => (
            <li key={stage.key} class={i < current ? 'stage done' : i === current ? 'stage current' : 'stage'} aria-current={i === current ? 'step' : undefined}>
              {t(stage.key)}
            </li>
          ))}
        </ol>
      )}
      {view.applicant && (
        <p class="session-applicant">
          <span class="label">{t('session.applicant')}</span> <span>{view.applicant.name}</span>{' '}
          <span class="id-number">{view.applicant.idNumber}</span>
        </p>
      )}
    </header>
  );
}
