/**
 * 一表申请 one question at a time: the questions are the form's fields the citizen may answer, in the
 * merged form's order. The list is read afresh from each view, because an answer can bring fields in or
 * take them out (married → the spouse's fields).
 */
import type { FieldView } from '../../../core/contract/transaction-view.ts';
import { clampDate, dateLimits, parseIsoDate, toIsoDate } from './date-parts.ts';

/** What an input holds before it is sent: a value of the contract's kinds, or nothing yet. */
export type Draft = string | number | boolean | null;

export function questionsOf(fields: readonly FieldView[]): FieldView[] {
  return fields.filter((f) => f.editable);
}

export function isAnswered(field: FieldView): boolean {
  return field.display !== null;
}

/**
 * Where to start, or to resume after a reload: the first question without an answer after the last one the
 * citizen answered, else the first required one without; none means the form is ready to check. An optional
 * question the citizen left empty is not asked again.
 */
export function resumeAt(fields: readonly FieldView[]): FieldView | undefined {
  const questions = questionsOf(fields);
  const last = questions.findLastIndex((f) => f.origin === 'answer');
  return questions.slice(last + 1).find((f) => !isAnswered(f)) ?? questions.find((f) => f.required && !isAnswered(f));
}

/** The first question whose answer is missing or wrong: where a refused "next" takes the citizen. */
export function firstProblem(fields: readonly FieldView[]): FieldView | undefined {
  return questionsOf(fields).find((f) => f.problem);
}

function neighbour(fields: readonly FieldView[], key: string, step: 1 | -1): FieldView | undefined {
  const questions = questionsOf(fields);
  const index = questions.findIndex((f) => f.key === key);
  return index === -1 ? undefined : questions[index + step];
}

export function nextQuestion(fields: readonly FieldView[], key: string): FieldView | undefined {
  return neighbour(fields, key, 1);
}

export function previousQuestion(fields: readonly FieldView[], key: string): FieldView | undefined {
  return neighbour(fields, key, -1);
}

/** "Question 3 of 9": 1-based. */
export function questionPosition(fields: readonly FieldView[], key: string): { index: number; total: number } {
  const questions = questionsOf(fields);
  return { index: questions.findIndex((f) => f.key === key) + 1, total: questions.length };
}

/**
 * The problem to show now: a wrong answer at once, a missing one only after the citizen tried to go on
 * (nobody wants "required" shouted at a question they have not reached).
 */
export function visibleProblem(field: FieldView, triedToGoOn: boolean): FieldView['problem'] {
  if (!field.problem) return undefined;
  return field.problem.code !== 'required' || triedToGoOn ? field.problem : undefined;
}

/**
 * What a question's input starts with. Personal values arrive masked, so their inputs start empty (an empty
 * answer keeps the one given); others start from their value. An unanswered date starts at today, which
 * the steppers move from, or at the nearest day of its range.
 */
export function initialDraft(field: FieldView, todayIso: string): Draft {
  const now = parseIsoDate(todayIso);
  if (field.input === 'date-picker' && !isAnswered(field)) return now ? toIsoDate(clampDate(now, dateLimits(field.range, now))) : todayIso;
  return field.personal ? null : (field.value ?? null);
}
