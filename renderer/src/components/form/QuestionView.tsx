import { useEffect, useRef, useState } from 'preact/hooks';
import type { FieldValue, FieldView, TransactionView } from '../../../../core/contract/transaction-view.ts';
import { fieldDisplay, revealable } from '../../transaction/display.ts';
import { toIsoDate, today } from '../../transaction/date-parts.ts';
import { initialDraft, isAnswered, visibleProblem, type Draft } from '../../transaction/question-flow.ts';
import { FieldInput, inputKind } from '../inputs/FieldInput.tsx';
import { ActionBar } from '../session/ActionBar.tsx';
import { ScreenTitle } from '../session/ScreenTitle.tsx';
import type { Ui } from '../session/ui.ts';
import { EligibilityNotes } from './EligibilityNotes.tsx';

export interface QuestionViewProps {
  readonly ui: Ui;
  readonly field: FieldView;
  readonly position: { readonly index: number; readonly total: number };
  readonly eligibility: TransactionView['eligibility'];
  /** The main button's words: next question, done, or save (when editing from the overview). */
  readonly confirmLabel: string;
  readonly previousLabel: string;
  /** Sends the answer (null: keep the one given, or leave an optional question empty). */
  readonly onAnswer: (value: Draft) => void;
  readonly onPrevious: () => void;
  readonly onShowAll: () => void;
  /** Core did not take the last action. */
  readonly notTaken: boolean;
  /** "Next" on the overview was refused for this answer: its problem shows at once, with why the citizen is here. */
  readonly missing: boolean;
}

/** One question on one screen, with a big input: what elderly citizens manage best. */
export function QuestionView({ ui, field, position, eligibility, confirmLabel, previousLabel, onAnswer, onPrevious, onShowAll, notTaken, missing }: QuestionViewProps) {
  const { t, text, language } = ui;
  const [draft, setDraft] = useState<Draft>(() => initialDraft(field, field.today ?? toIsoDate(today())));
  const [triedEmpty, setTriedEmpty] = useState(false);
  // The citizen's own answer in full, asked for this question only: shown, and the input starts from it.
  const [own, setOwn] = useState<FieldValue | null>(null);
  const changed = useRef(false);
  const change = (value: Draft) => {
    changed.current = true;
    setDraft(value);
  };
  useEffect(() => {
    // No longer the citizen's own (e.g. the card's address put back by 与身份证地址相同): the value shown is forgotten.
    if (!revealable(field)) {
      setOwn(null);
      return undefined;
    }
    let current = true;
    void ui.ownAnswer(field.key).then((value) => {
      if (!current || value === null) return;
      setOwn(value);
      if (!changed.current) setDraft(value);
    });
    return () => {
      current = false;
    };
  }, [field.key, field.display]);
  // 与身份证地址不同 with nothing typed: said, never a silent keep of the card's value.
  const [triedBlankDifferent, setTriedBlankDifferent] = useState(false);
  const answered = isAnswered(field);
  const problem = visibleProblem(field, triedEmpty || missing);
  const blankDifferent = field.suggestion?.chosen === true && typeof draft === 'string' && draft.trim() === '';
  const confirm = () => {
    const value = typeof draft === 'string' ? draft.trim() || null : draft;
    if (blankDifferent) setTriedBlankDifferent(true);
    else if (value === null && field.required && !answered) setTriedEmpty(true);
    else onAnswer(value);
  };
  return (
    <main class="screen step form question" aria-labelledby="question-title" data-field={field.key} data-type={field.type} data-input={inputKind(field)}>
      <div class="step-body">
        <div class="question-top">
          <p class="question-progress">
            {t('form.progress', position)}
            <span class="progress-track" aria-hidden="true">
              <span class="progress-fill" style={{ width: `${(100 * position.index) / Math.max(1, position.total)}%` }} />
            </span>
          </p>
          <button type="button" class="button quiet" onClick={onShowAll}>
            {t('form.showAll')}
          </button>
        </div>
        <EligibilityNotes ui={ui} eligibility={eligibility} />
        <ScreenTitle id="question-title">
          {text(field.label)}
          {!field.required && <span class="chip">{t('form.optional')}</span>}
        </ScreenTitle>
        {field.hint && <p class="lead">{text(field.hint)}</p>}
        {/* A wrong answer is not one to keep: only the problem speaks of it (and the input shows it to replace). */}
        {answered && !problem && (
          <p class="current-answer">
            {t('form.current', { value: own === null ? (fieldDisplay(field, language, t) ?? '') : String(own) })}
            {/* A value offered from the card says how to change it in its own choices. */}
            {field.personal && !field.suggestion && <span class="muted"> {t('form.changeHint')}</span>}
          </p>
        )}
        {field.lookup && (
          <p class={field.lookup === 'found' ? 'lookup-note' : 'lookup-note attention'} role="status" data-lookup={field.lookup}>
            {t(`form.lookup.${field.lookup}`)}
          </p>
        )}
        {/* Between the question and its input, where the eye goes back to correct it. */}
        {triedBlankDifferent && blankDifferent && field.suggestion && (
          <p class="problem" role="alert">
            {t('form.suggestion.blank', { label: text(field.label), from: text(field.suggestion.label) })}
          </p>
        )}
        {(problem || notTaken) && (
          <p class="problem" role="alert">
            {problem ? text(problem.message) : t('session.notTaken')}
            {missing && problem && <span class="problem-why"> {t('form.missingBeforeNext')}</span>}
          </p>
        )}
        <div class="question-input">
          {/* Built again once the own answer arrives: some inputs take their value only when they start. */}
          <FieldInput key={own === null ? 'masked' : 'own'} ui={ui} field={field} value={draft} onChange={change} onSubmit={confirm} labelledBy="question-title" />
        </div>
      </div>
      <ActionBar>
        <button type="button" class="button" onClick={onPrevious}>
          {previousLabel}
        </button>
        <button type="button" class="button primary" onClick={confirm}>
          {confirmLabel}
        </button>
      </ActionBar>
    </main>
  );
}
