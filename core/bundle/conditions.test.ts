import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Condition } from '../../kiosk-config/catalog-schema.ts';
import { evaluate, factValue, withAnswers } from './conditions.ts';
import type { Facts } from './types.ts';

const facts: Facts = {
  applicant: { age: 30, regionCode: '430102', documentType: 'resident', gender: '2' },
  answers: { 'applicant.maritalStatus': 'married', 'child.weight': 3200, 'child.birthDate': '2025-02-20', consent: true, blank: '  ' },
};
const holds = (condition: Condition, f: Facts = facts) => evaluate(condition, f);

describe('evaluate', () => {
  it('compares applicant facts and answers', () => {
    expect(holds({ fact: 'applicant.age', op: 'gte', value: 18 })).toBe(true);
    expect(holds({ fact: 'applicant.age', op: 'lt', value: 18 })).toBe(false);
    expect(holds({ fact: 'applicant.regionCode', op: 'in', value: ['430102', '430103'] })).toBe(true);
    expect(holds({ fact: 'applicant.documentType', op: 'notIn', value: ['foreign-2017', 'foreign-2023'] })).toBe(true);
    expect(holds({ fact: 'answer.applicant.maritalStatus', op: 'eq', value: 'married' })).toBe(true);
    expect(holds({ fact: 'answer.applicant.maritalStatus', op: 'ne', value: 'married' })).toBe(false);
    expect(holds({ fact: 'answer.consent', op: 'eq', value: true })).toBe(true);
    expect(holds({ fact: 'answer.child.weight', op: 'gt', value: 2500 })).toBe(true);
  });

  it('matches a number with its decimal text, as YAML codes need, but not a padded one', () => {
    expect(holds({ fact: 'applicant.gender', op: 'eq', value: 2 })).toBe(true);
    expect(holds({ fact: 'applicant.gender', op: 'eq', value: '02' })).toBe(false);
    expect(holds({ fact: 'answer.child.weight', op: 'in', value: ['3200'] })).toBe(true);
  });

  it('orders ISO dates as text and numeric text as numbers', () => {
    expect(holds({ fact: 'answer.child.birthDate', op: 'gte', value: '2024-09-01' })).toBe(true);
    expect(holds({ fact: 'answer.child.birthDate', op: 'lt', value: '2025-02-20' })).toBe(false);
    expect(holds({ fact: 'answer.child.weight', op: 'lte', value: '10000' })).toBe(true);
    expect(holds({ fact: 'answer.consent', op: 'gt', value: false })).toBe(false);
  });

  it('makes every comparison on a missing fact false, and absent true', () => {
    const nobody: Facts = { applicant: {} };
    for (const op of ['eq', 'ne', 'gt', 'gte', 'lt', 'lte'] as const) {
      expect(holds({ fact: 'applicant.age', op, value: 1 }, nobody)).toBe(false);
    }
    expect(holds({ fact: 'applicant.age', op: 'in', value: [1] }, nobody)).toBe(false);
    expect(holds({ fact: 'applicant.age', op: 'notIn', value: [1] }, nobody)).toBe(false);
    expect(holds({ fact: 'applicant.age', op: 'present' }, nobody)).toBe(false);
    expect(holds({ fact: 'applicant.age', op: 'absent' }, nobody)).toBe(true);
    // A blank answer is no answer.
    expect(holds({ fact: 'answer.blank', op: 'absent' })).toBe(true);
    expect(holds({ fact: 'answer.unknown', op: 'ne', value: 'x' })).toBe(false);
  });

  it('combines with all, any and not; empty all holds, empty any does not', () => {
    const adult: Condition = { fact: 'applicant.age', op: 'gte', value: 18 };
    const single: Condition = { fact: 'answer.applicant.maritalStatus', op: 'eq', value: 'single' };
    expect(holds({ all: [adult, { not: single }] })).toBe(true);
    expect(holds({ any: [single, { not: adult }] })).toBe(false);
    expect(holds({ all: [] })).toBe(true);
    expect(holds({ any: [] })).toBe(false);
  });

  it('does not read inherited properties as answers', () => {
    expect(factValue('answer.constructor', { applicant: {}, answers: {} })).toBeUndefined();
    expect(factValue('answer.toString', facts)).toBeUndefined();
  });

  it('lets the current answers override the recorded ones', () => {
    const next = withAnswers(facts, { 'applicant.maritalStatus': 'single' });
    expect(holds({ fact: 'answer.applicant.maritalStatus', op: 'eq', value: 'single' }, next)).toBe(true);
    expect(next.applicant).toBe(facts.applicant);
  });

  it('treats malformed or cyclic conditions as not holding', () => {
    const bad = [{ fact: 'applicant.age', op: 'between', value: 1 }, { fact: 42, op: 'present' }, { all: 'x' }, null] as unknown as Condition[];
    for (const condition of bad) expect(holds(condition)).toBe(false);
    const cyclic: { not: unknown } = { not: undefined };
    cyclic.not = cyclic;
    expect(() => holds(cyclic as Condition)).not.toThrow();
  });

  it('never throws, and double negation is the identity, for any condition and facts', () => {
    const scalar = fc.oneof(fc.string({ maxLength: 4 }), fc.integer({ min: -5, max: 100 }), fc.boolean(), fc.double());
    const fact = fc.constantFrom('applicant.age', 'applicant.regionCode', 'applicant.gender', 'answer.a', 'answer.b.c', 'answer.__proto__');
    const leaf: fc.Arbitrary<Condition> = fc.oneof(
      fc.record({ fact, op: fc.constantFrom('eq', 'ne', 'gt', 'gte', 'lt', 'lte'), value: scalar }),
      fc.record({ fact, op: fc.constantFrom('in', 'notIn'), value: fc.array(scalar, { maxLength: 3 }) }),
      fc.record({ fact, op: fc.constantFrom('present', 'absent') }),
    ) as fc.Arbitrary<Condition>;
    const { condition } = fc.letrec<{ condition: Condition }>((tie) => ({
      condition: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        leaf,
        fc.record({ all: fc.array(tie('condition'), { maxLength: 3 }) }),
        fc.record({ any: fc.array(tie('condition'), { maxLength: 3 }) }),
        fc.record({ not: tie('condition') }),
      ),
    }));
    const anyFacts = fc.record({
      applicant: fc.record({ age: fc.integer({ min: 0, max: 120 }), regionCode: fc.string(), gender: fc.constantFrom('1', '2') }, { requiredKeys: [] }),
      answers: fc.dictionary(fc.constantFrom('a', 'b.c', '__proto__'), scalar),
    });
    fc.assert(
      fc.property(condition, anyFacts, (c, f) => {
        const result = evaluate(c, f);
        expect(typeof result).toBe('boolean');
        expect(evaluate({ not: { not: c } }, f)).toBe(result);
      }),
    );
  });
});
