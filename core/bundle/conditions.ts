/**
 * Evaluates the catalog's structured conditions (relevance, eligibility, commitment exclusions) against the
 * facts of one transaction. A condition is configuration, so a malformed or unanswerable one must never
 * crash a citizen's session: a fact that is unknown makes every comparison false (and `absent` true), and a
 * shape the evaluator does not recognise is false.
 */
import type { Condition } from '../../kiosk-config/catalog-schema.ts';
import { isMissing, type Facts, type FieldValue, type FormValues } from './types.ts';

type Scalar = string | number | boolean;

/** Deeper nesting than any real rule needs; guards against cyclic data from YAML aliases. */
const MAX_DEPTH = 32;

export function evaluate(condition: Condition, facts: Facts): boolean {
  try {
    return evaluateAt(condition, facts, 0);
  } catch {
    // Only reachable with data that bypassed the schema (e.g. a getter that throws); treat it as not holding.
    return false;
  }
}

/** The facts with `values` as the answers, so conditions see what the citizen has entered so far. */
export function withAnswers(facts: Facts, values: FormValues): Facts {
  return { applicant: facts.applicant, answers: { ...facts.answers, ...values } };
}

/** The value a fact name stands for, or undefined when it is not known (an empty answer is not known). */
export function factValue(fact: string, facts: Facts): FieldValue | undefined {
  let value: FieldValue | undefined;
  if (fact.startsWith('answer.')) {
    const answers = facts.answers ?? {};
    const key = fact.slice('answer.'.length);
    value = Object.hasOwn(answers, key) ? answers[key] : undefined;
  } else if (fact === 'applicant.age') value = facts.applicant.age;
  else if (fact === 'applicant.regionCode') value = facts.applicant.regionCode;
  else if (fact === 'applicant.documentType') value = facts.applicant.documentType;
  else if (fact === 'applicant.gender') value = facts.applicant.gender;
  if (typeof value === 'number' && !Number.isFinite(value)) return undefined;
  return isMissing(value) ? undefined : value;
}

function evaluateAt(condition: Condition, facts: Facts, depth: number): boolean {
  if (depth > MAX_DEPTH || typeof condition !== 'object' || condition === null) return false;
  if ('all' in condition) return Array.isArray(condition.all) && condition.all.every((c) => evaluateAt(c, facts, depth + 1));
  if ('any' in condition) return Array.isArray(condition.any) && condition.any.some((c) => evaluateAt(c, facts, depth + 1));
  if ('not' in condition) return !evaluateAt(condition.not, facts, depth + 1);
  if (typeof condition.fact !== 'string') return false;
  const actual = factValue(condition.fact, facts);
  switch (condition.op) {
    case 'present':
      return actual !== undefined;
    case 'absent':
      return actual === undefined;
    case 'eq':
      return actual !== undefined && same(actual, condition.value);
    case 'ne':
      return actual !== undefined && isScalar(condition.value) && !same(actual, condition.value);
    case 'in':
      return actual !== undefined && Array.isArray(condition.value) && condition.value.some((v) => same(actual, v));
    case 'notIn':
      return actual !== undefined && Array.isArray(condition.value) && !condition.value.some((v) => same(actual, v));
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      return actual !== undefined && orderHolds(condition.op, compare(actual, condition.value));
    default:
      return false;
  }
}

function isScalar(value: unknown): value is Scalar {
  return typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));
}

/**
 * Equal values of the same type; a number also equals its plain decimal text, because YAML turns an unquoted
 * `2` into a number while codes such as gender arrive as text ('2'). '02' does not equal 2.
 */
function same(actual: Scalar, expected: unknown): boolean {
  if (!isScalar(expected)) return false;
  if (typeof actual === typeof expected) return actual === expected;
  if (typeof actual === 'number' && typeof expected === 'string') return String(actual) === expected;
  if (typeof actual === 'string' && typeof expected === 'number') return actual === String(expected);
  return false;
}

const NUMERIC = /^-?\d+(\.\d+)?$/;

/** Numbers (or numeric text) compare as numbers, other text as text (ISO dates order correctly); else undefined. */
function compare(actual: Scalar, expected: unknown): number | undefined {
  if (!isScalar(expected) || typeof actual === 'boolean' || typeof expected === 'boolean') return undefined;
  const bothNumeric =
    (typeof actual === 'number' || NUMERIC.test(actual)) && (typeof expected === 'number' || NUMERIC.test(expected));
  if (bothNumeric) return Number(actual) - Number(expected);
  if (typeof actual === 'string' && typeof expected === 'string') return actual < expected ? -1 : actual > expected ? 1 : 0;
  return undefined;
}

function orderHolds(op: 'gt' | 'gte' | 'lt' | 'lte', order: number | undefined): boolean {
  if (order === undefined) return false;
  if (op === 'gt') return order > 0;
  if (op === 'gte') return order >= 0;
  if (op === 'lt') return order < 0;
  return order <= 0;
}
