import { useEffect, useState } from 'preact/hooks';
import { firstProblem, nextQuestion, previousQuestion, questionPosition, questionsOf, resumeAt, type Draft } from '../../transaction/question-flow.ts';
import { useAction, type StepProps } from '../session/ui.ts';
import { FormOverview } from './FormOverview.tsx';
import { QuestionView } from './QuestionView.tsx';

/** `missing`: the citizen was sent here because "next" was refused for this answer. */
type Mode = { readonly kind: 'question'; readonly key: string; readonly toOverview: boolean; readonly missing?: boolean } | { readonly kind: 'overview' };

/**
 * 一表申请: the merged form one question at a time, then the whole of it to check. It starts (or resumes
 * after a reload) where the citizen left off, or at the overview when nothing needed is left (e.g. back
 * from review). A refused "next" is never silent: it goes to the first answer missing or wrong and says so.
 */
export function FormScreen({ ui, view }: StepProps) {
  const [mode, setMode] = useState<Mode>(() => {
    const first = resumeAt(view.fields);
    return first ? { kind: 'question', key: first.key, toOverview: false } : { kind: 'overview' };
  });
  const [triedNext, setTriedNext] = useState(false);
  const [notTaken, setNotTaken] = useState(false);
  /** A certificate number was answered and its record is being looked up: the question waits for it. */
  const [lookingUp, setLookingUp] = useState<string | null>(null);
  const [, run] = useAction();

  const show = (next: Mode) => {
    setNotTaken(false);
    setMode(next);
  };
  const question = (key: string, toOverview = false): Mode => ({ kind: 'question', key, toOverview });
  const field = mode.kind === 'question' ? questionsOf(view.fields).find((f) => f.key === mode.key) : undefined;
  const lookup = lookingUp ? view.fields.find((f) => f.key === lookingUp)?.lookup : undefined;
  // Found: the record's answers are on the form, go on. Not found or failed: stay, the question says why.
  useEffect(() => {
    if (!lookingUp || lookup === 'pending') return;
    setLookingUp(null);
    if (lookup === 'found' && mode.kind === 'question') {
      const next = mode.toOverview ? undefined : nextQuestion(view.fields, lookingUp);
      show(next ? question(next.key) : { kind: 'overview' });
    }
  }, [lookingUp, lookup]);

  if (mode.kind === 'overview' || !field) {
    const questions = questionsOf(view.fields);
    const last = questions[questions.length - 1];
    return (
      <FormOverview
        ui={ui}
        view={view}
        triedNext={triedNext}
        notTaken={notTaken}
        onEdit={(key) => show(question(key, true))}
        onBack={() => (last ? show(question(last.key)) : run(() => ui.send({ type: 'user.back' })))}
        onNext={() =>
          run(async () => {
            if (await ui.send({ type: 'user.next' })) return;
            setTriedNext(true);
            const missing = firstProblem(ui.current()?.fields ?? view.fields);
            if (missing) show({ kind: 'question', key: missing.key, toOverview: true, missing: true });
            // Nothing the citizen can answer: the overview lists the problems, or says the step did not go on.
            else setNotTaken(true);
          })
        }
      />
    );
  }

  const { toOverview } = mode;
  const after = (fields = view.fields) => {
    const next = toOverview ? undefined : nextQuestion(fields, field.key);
    show(next ? question(next.key) : { kind: 'overview' });
  };
  const answer = (value: Draft) =>
    run(async () => {
      if (lookingUp) return;
      if (value === null) return after();
      if (!(await ui.send({ type: 'user.setValue', key: field.key, value }))) return setNotTaken(true);
      // A wrong answer stays on screen with its problem (from the new view); a good one moves on.
      const fresh = ui.current()?.fields ?? view.fields;
      const answered = fresh.find((f) => f.key === field.key);
      if (answered?.lookup === 'pending') return setLookingUp(field.key);
      if (!answered?.problem || answered.problem.code === 'required') after(fresh);
    });
  const previous = previousQuestion(view.fields, field.key);
  const position = questionPosition(view.fields, field.key);
  return (
    <QuestionView
      key={field.key}
      ui={ui}
      field={field}
      position={position}
      eligibility={view.eligibility}
      confirmLabel={ui.t(toOverview ? 'form.save' : position.index === position.total ? 'form.finish' : 'form.next')}
      previousLabel={ui.t(previous && !toOverview ? 'form.previous' : 'form.back')}
      notTaken={notTaken}
      missing={mode.missing ?? false}
      onAnswer={answer}
      onShowAll={() => show({ kind: 'overview' })}
      onPrevious={() => {
        if (lookingUp) return;
        if (toOverview) show({ kind: 'overview' });
        else if (previous) show(question(previous.key));
        else run(() => ui.send({ type: 'user.back' }));
      }}
    />
  );
}
