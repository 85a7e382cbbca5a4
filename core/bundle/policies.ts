/**
 * 政策找人: the benefits and bundles an applicant may qualify for, from the catalog's rules over the card's
 * facts and the departments' records. Only which rules matched leaves here, never the facts behind them.
 */
import type { Policy } from '../../kiosk-config/catalog-schema.ts';
import { evaluate } from './conditions.ts';
import type { ApplicantFacts, FormValues } from './types.ts';

/**
 * The policies whose `when` holds, in catalog order. `records` are the departments' values by field key (the
 * exchange's datasets, as they would fill the form), read by `answer.<key>`; offline there are none, and a
 * rule over them does not hold.
 */
export function suggestPolicies(policies: readonly Policy[], applicant: ApplicantFacts, records: FormValues): Policy[] {
  return policies.filter((policy) => evaluate(policy.when, { applicant, answers: records }));
}
