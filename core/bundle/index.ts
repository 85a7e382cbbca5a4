/**
 * The bundle engine (一件事一次办): pure functions from the catalog and the applicant's facts to one merged
 * form, one materials plan and an effort measure. No I/O, no clock: callers pass "today".
 */
export { chosenItems, singleItemBundle } from './bundle-items.ts';
export { dateRange, outOfRange, parseDateBound } from './date-range.ts';
export type { DateBound, DateRange, ResolvedBound } from './date-range.ts';
export { computeFields, computeValue, conform } from './computed.ts';
export { evaluate, factValue, withAnswers } from './conditions.ts';
export { DEFAULT_COSTS, TYPICAL_LENGTH, departmentOf, materialCost, measureEffort, questionCost } from './effort.ts';
export type { EffortComparison, EffortInput, FlowEffort, InputCosts } from './effort.ts';
export { applicantFactsFromCard } from './facts.ts';
export { applicableRoutes, planMaterials } from './materials-plan.ts';
export type { MaterialAction, MaterialAvailability, MaterialRoute, MaterialsPlan, PlanOptions, PlannedMaterial, RouteChoice, TrustLevel } from './materials-plan.ts';
export { departmentForm, formField, mergeForm, questionsToAsk, relevantFields } from './merged-form.ts';
export { suggestPolicies } from './policies.ts';
export type { DepartmentField, DepartmentForm } from './merged-form.ts';
export { prefill, prefillWithOrigins, setValue, sharedValue, suggestedValue } from './prefill.ts';
export type { Prefilled, PrefillSources, ValueOrigin } from './prefill.ts';
export { isMissing } from './types.ts';
export type { ApplicantFacts, Bilingual, ComputedFn, Facts, FieldValue, FormValues, IdCardAttribute, MergedField, MergedForm } from './types.ts';
export { validateValues } from './validate.ts';
export type { FieldProblem, ProblemCode } from './validate.ts';
