import { describe, expect, it } from 'vitest';
import type { FieldView } from '../../../core/contract/transaction-view.ts';
import { firstProblem, initialDraft, resumeAt, nextQuestion, previousQuestion, questionPosition, visibleProblem } from './question-flow.ts';

function field(key: string, change: Partial<FieldView> = {}): FieldView {
  return {
    key,
    type: 'text',
    input: 'keyboard',
    label: { 'zh-CN': key },
    required: true,
    display: null,
    origin: null,
    editable: true,
    personal: false,
    ...change,
  };
}

const fields = [
  field('applicant.name', { editable: false, origin: 'idcard', display: '王*' }),
  field('applicant.phone', { display: '138****8000', origin: 'answer' }),
  field('newborn.name'),
  field('applicant.age', { editable: false, origin: 'computed', display: '**' }),
  field('delivery.method'),
];

describe('question flow', () => {
  it('asks only what the citizen may answer, starting at the first without an answer', () => {
    expect(resumeAt(fields)?.key).toBe('newborn.name');
    expect(questionPosition(fields, 'newborn.name')).toEqual({ index: 2, total: 3 });
  });

  it('walks the questions in order, answered or not, skipping prefilled and computed fields', () => {
    expect(nextQuestion(fields, 'applicant.phone')?.key).toBe('newborn.name');
    expect(nextQuestion(fields, 'newborn.name')?.key).toBe('delivery.method');
    expect(nextQuestion(fields, 'delivery.method')).toBeUndefined();
    expect(previousQuestion(fields, 'delivery.method')?.key).toBe('newborn.name');
    expect(previousQuestion(fields, 'applicant.phone')).toBeUndefined();
  });

  it('has nothing to ask when every question is answered', () => {
    expect(resumeAt(fields.map((f) => ({ ...f, display: f.display ?? 'x' })))).toBeUndefined();
  });

  it('resumes after the last answer, never at an optional question left empty behind it', () => {
    const spouse = [
      field('applicant.phone', { display: '138****8000', origin: 'answer' }),
      field('spouse.phone', { required: false }),
      field('delivery.method', { display: '自取', origin: 'answer', value: 'pickup' }),
    ];
    expect(resumeAt(spouse)).toBeUndefined();
    expect(resumeAt([...spouse, field('household.headRelation')])?.key).toBe('household.headRelation');
    // Nothing answered yet: the first question, optional or not.
    expect(resumeAt(spouse.map((f) => ({ ...f, display: null, origin: null })))?.key).toBe('applicant.phone');
    // A required one left behind (e.g. a reload before it was answered) is where the citizen goes back to.
    expect(resumeAt([field('newborn.name'), ...spouse])?.key).toBe('newborn.name');
  });

  it('finds the first question with a problem, missing or wrong', () => {
    const missing = { code: 'required', message: { 'zh-CN': '请填写新生儿姓名' } };
    expect(firstProblem(fields)).toBeUndefined();
    expect(firstProblem([...fields.slice(0, 3), field('delivery.method', { problem: missing })])?.key).toBe('delivery.method');
    expect(firstProblem([field('applicant.age', { editable: false, problem: missing })])).toBeUndefined();
  });

  it('shows a wrong answer at once and a missing one only after a try to go on', () => {
    const wrong = field('applicant.phone', { display: '12', problem: { code: 'pattern', message: { 'zh-CN': '请输入11位手机号码' } } });
    const missing = field('newborn.name', { problem: { code: 'required', message: { 'zh-CN': '请填写新生儿姓名' } } });
    expect(visibleProblem(wrong, false)?.code).toBe('pattern');
    expect(visibleProblem(missing, false)).toBeUndefined();
    expect(visibleProblem(missing, true)?.code).toBe('required');
  });

  it('starts personal answers empty, others from their value, unanswered dates at today', () => {
    expect(initialDraft(field('applicant.phone', { personal: true, display: '138****8000' }), '2026-11-22')).toBeNull();
    expect(initialDraft(field('vaccination.clinic', { value: 'east', display: 'east' }), '2026-11-22')).toBe('east');
    expect(initialDraft(field('newborn.birthDate', { input: 'date-picker', personal: true }), '2026-11-22')).toBe('2026-11-22');
    expect(initialDraft(field('newborn.birthDate', { input: 'date-picker', personal: true, display: '2026-**-**' }), '2026-11-22')).toBeNull();
    // Or at the nearest day of its range: an adult's birth date (at least 18 years ago) starts 18 years back.
    const adult = { latest: { date: '2008-11-22', says: { 'zh-CN': '2008-11-22' } } };
    expect(initialDraft(field('spouse.birthDate', { input: 'date-picker', personal: true, range: adult }), '2026-11-22')).toBe('2008-11-22');
  });
});
