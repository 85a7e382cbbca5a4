import type { FieldView, TransactionView } from '../../../../core/contract/transaction-view.ts';
import type { MessageKey } from '../../i18n/i18n.ts';
import { revealable } from '../../transaction/display.ts';
import { visibleProblem } from '../../transaction/question-flow.ts';
import { ActionBar } from '../session/ActionBar.tsx';
import { ScreenTitle } from '../session/ScreenTitle.tsx';
import type { Ui } from '../session/ui.ts';
import { ExchangeNote } from '../steps/ExchangeNote.tsx';
import { EligibilityNotes } from './EligibilityNotes.tsx';
import { OwnValue } from './OwnValue.tsx';

export interface FormOverviewProps {
  readonly ui: Ui;
  readonly view: TransactionView;
  /** The citizen tried to go on and core refused: missing answers are shown too. */
  readonly triedNext: boolean;
  readonly notTaken: boolean;
  readonly onEdit: (key: string) => void;
  readonly onNext: () => void;
  readonly onBack: () => void;
}

/** Where a value came from, when it is not the citizen's own answer. */
function sourceOf(field: FieldView): MessageKey | null {
  if (field.origin === 'shared') return 'form.fromDepartment';
  // The card's value offered as the answer (户籍地址) is the citizen's to change, and still says where it came from.
  if (field.editable && !field.suggestion?.chosen) return null;
  if (field.origin === 'idcard') return 'form.fromIdCard';
  if (field.origin === 'computed') return 'form.computed';
  // Without a value the row already says the department checks it.
  return field.display === null ? null : 'form.byDepartment';
}

/** The whole merged form on one page, to check before going on: nothing typed twice, everything visible. */
export function FormOverview({ ui, view, triedNext, notTaken, onEdit, onNext, onBack }: FormOverviewProps) {
  const { t, text } = ui;
  const problems = view.fields.filter((f) => visibleProblem(f, triedNext));
  return (
    <main class="screen step form overview" aria-labelledby="overview-title">
      <div class="step-body">
        <ScreenTitle id="overview-title">{t('form.overviewTitle')}</ScreenTitle>
        <p class="lead">{t('form.overviewHint')}</p>
        <EligibilityNotes ui={ui} eligibility={view.eligibility} />
        <ExchangeNote ui={ui} exchange={view.exchange} />
        {view.fields.some((f) => f.origin === 'shared' && !f.editable) && <p class="muted">{t('form.departmentRecords')}</p>}
        {view.fields.some(revealable) && <p class="muted">{t('form.revealHint')}</p>}
        {(problems.length > 0 || notTaken) && (
          <section class="card alert-card" role="alert" aria-labelledby="overview-problems">
            <h2 id="overview-problems" class="section-title">
              {problems.length > 0 ? t('form.problems') : t('session.notTaken')}
            </h2>
            <ul>
              {problems.map((f) => (
                <li key={f.key}>{text(f.problem!.message)}</li>
              ))}
            </ul>
          </section>
        )}
        <dl class="field-list overview-list">
          {view.fields.map((field) => {
            const source = sourceOf(field);
            const problem = visibleProblem(field, triedNext);
            return (
              <div key={field.key} class={problem ? 'field-row has-problem' : 'field-row'} data-field={field.key}>
                <dt>{text(field.label)}</dt>
                <dd>
                  <OwnValue ui={ui} field={field} />
                  {source && <span class="chip">{t(source)}</span>}
                  {problem && <span class="problem">{text(problem.message)}</span>}
                  {field.editable && (
                    <button type="button" class="button small" aria-label={t('form.editLabel', { label: text(field.label) })} onClick={() => onEdit(field.key)}>
                      {t('form.edit')}
                    </button>
                  )}
                </dd>
              </div>
            );
          })}
        </dl>
      </div>
      <ActionBar>
        <button type="button" class="button" onClick={onBack}>
          {t('form.backToQuestions')}
        </button>
        <button type="button" class="button primary" onClick={onNext}>
          {t('form.toMaterials')}
        </button>
      </ActionBar>
    </main>
  );
}
