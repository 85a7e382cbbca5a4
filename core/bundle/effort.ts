/**
 * How many inputs a citizen spends on a bundle, against doing the same items one by one: the measure of
 * what "one thing, done once" saves. It replays a scripted applicant through both flows under a cost model.
 *
 * Cost model (DEFAULT_COSTS; every number is one tap or keystroke):
 * - a question answered on the keypad or keyboard: one per character of the answer (at least 1); Chinese
 *   text is counted one per character, as with handwriting input;
 * - a choice list: 1; a date picker: 3 (year, month, day); a signature pad: 2 (sign, confirm);
 * - a prefilled or computed field: 0, it is checked on the review screen, confirmed once per form;
 * - a field the script has no answer for is costed with a typical length for its type (TYPICAL_LENGTH);
 * - per transaction, the transaction machine's own steps: 1 to identify (card on the reader), 1 to accept
 *   the consent every session opens with (personal information and data sharing: it covers the shared data
 *   that prefills the form), 1 to confirm the form, 1 to go on from the materials step, 1 to submit. The
 *   rating after the receipt is feedback, not part of doing the items, and is left out of both flows;
 * - choosing, as the choose screen asks it: a bundle is its card, 1 per optional item picked and 1 to
 *   start; an item on its own is its department or theme, the item and 1 to start, since the kiosk would
 *   list hundreds of items;
 * - materials: 1 to authorise the shared-data checks, once per transaction that has any (the materials
 *   step authorises them as a group); a commitment or self-declaration 2 (a signature); a capture 1 per
 *   page plus 1 to confirm; exempt or brought to the window 0 (those to bring are counted separately). An
 *   optional material (no chosen item requires it) costs nothing unless the applicant provides it
 *   (`provides`).
 * Item by item, each item is its own transaction, wiped at its end like every session, so no earlier
 * answers carry over. Its form is prefilled from the ID card and from the shared datasets its own
 * department holds (`holders`): a department does not ask for what it keeps itself, while other
 * departments' records reach a form only through the bundle's one form (一表申请 with shared data). Its
 * materials are planned with the same availability as the bundle's, since e-licences and 证照核验 serve
 * single items too; that favours the item-by-item flow, so the ratio is not flattered. Relevance follows
 * the applicant's answers in both flows, so both ask about the same life.
 *
 * Earlier versions charged no consent, nothing for leaving the materials step and no tap to start the
 * chosen bundle or item, though every session has these screens; charged every optional material, though
 * one that does not apply is not provided; and prefilled single items from the ID card only, though a
 * department's own records were never the citizen's to type.
 */
import type { Bundle, Catalog, Field, Item } from '../../kiosk-config/catalog-schema.ts';
import { chosenItems, singleItemBundle } from './bundle-items.ts';
import { computeFields } from './computed.ts';
import { mergeForm, relevantFields } from './merged-form.ts';
import { planMaterials, type MaterialAction, type MaterialAvailability, type MaterialsPlan } from './materials-plan.ts';
import { prefill, type PrefillSources } from './prefill.ts';
import { isMissing, type ApplicantFacts, type Facts, type FieldValue, type FormValues, type MergedField, type MergedForm } from './types.ts';

export interface InputCosts {
  readonly choice: number;
  readonly datePicker: number;
  readonly signature: number;
  readonly identify: number;
  readonly consent: number;
  readonly confirmForm: number;
  readonly confirmMaterials: number;
  readonly submit: number;
  readonly authorise: number;
  readonly chooseBundle: number;
  readonly chooseOptionalItem: number;
  readonly chooseItem: number;
  readonly capturePage: number;
  readonly captureConfirm: number;
}

export const DEFAULT_COSTS: InputCosts = {
  choice: 1,
  datePicker: 3,
  signature: 2,
  identify: 1,
  consent: 1,
  confirmForm: 1,
  confirmMaterials: 1,
  submit: 1,
  authorise: 1,
  chooseBundle: 2,
  chooseOptionalItem: 1,
  chooseItem: 3,
  capturePage: 1,
  captureConfirm: 1,
};

/** Characters assumed for an answer the script does not give. */
export const TYPICAL_LENGTH: Readonly<Record<Field['type'], number>> = {
  text: 3,
  address: 15,
  phone: 11,
  'id-number': 18,
  number: 3,
  date: 8,
  choice: 1,
  boolean: 1,
  signature: 1,
};

export interface EffortInput {
  readonly catalog: Catalog;
  readonly bundle: Bundle;
  readonly chosenOptionalItems: readonly string[];
  readonly applicant: ApplicantFacts;
  /** What the bundle flow may prefill from. */
  readonly sources: PrefillSources;
  /**
   * The department holding each shared dataset, named as items name theirs (zh-CN, without a bracketed
   * unit such as "（落户地派出所）"). Item by item, a form is prefilled from its own department's datasets
   * only; a dataset not listed here prefills no single item.
   */
  readonly holders?: Readonly<Record<string, string>>;
  /** The applicant's answers to whatever they are asked. */
  readonly script: FormValues;
  /** Optional materials the applicant provides; the other optional ones are left out. */
  readonly provides?: readonly string[];
  readonly available: MaterialAvailability;
  /** yyyy-mm-dd */
  readonly today: string;
}

export interface FlowEffort {
  readonly total: number;
  readonly transactions: number;
  readonly overhead: number;
  readonly fieldInputs: number;
  readonly materialInputs: number;
  /** Questions put to the citizen, counting a field asked again in another transaction. */
  readonly questions: number;
  /** Fields asked more than once: each extra time counts. */
  readonly repeatedFields: number;
  /** Materials to bring to the window, counting one needed by several transactions each time. */
  readonly materialsToBring: number;
}

export interface EffortComparison {
  readonly bundle: FlowEffort;
  readonly itemByItem: FlowEffort;
  /** bundle.total / itemByItem.total (1 when both are 0). */
  readonly ratio: number;
  /** Fields asked more than once in the merged flow: the design requires 0. */
  readonly repeatedFields: number;
}

export function measureEffort(input: EffortInput, costs: InputCosts = DEFAULT_COSTS): EffortComparison {
  const { catalog, bundle, chosenOptionalItems, today } = input;
  const form = mergeForm(catalog, bundle, chosenOptionalItems);
  const bundlePrefill = prefill(form, input.sources, today);
  // The applicant's life: official values where known, their own answers for the rest.
  const truth = computeFields(form, { ...input.script, ...bundlePrefill }, today);
  const facts: Facts = { applicant: input.applicant, answers: truth };

  const items = chosenItems(catalog, bundle, chosenOptionalItems);
  const optionalPicked = items.filter((item) => bundle.items.some((e) => e.item === item.implementationCode && !e.required)).length;
  const bundleFlow = transaction(form, bundlePrefill, planMaterials(catalog, bundle, chosenOptionalItems, facts, input.available), input, facts, costs);
  const bundleChoose = costs.chooseBundle + costs.chooseOptionalItem * optionalPicked;

  const alone = items.map((item) => {
    const single = singleItemBundle(bundle, item.implementationCode);
    const itemForm = mergeForm(catalog, single, []);
    const itemPrefill = prefill(itemForm, ownDepartmentSources(input, item), today);
    return transaction(itemForm, itemPrefill, planMaterials(catalog, single, [], facts, input.available), input, facts, costs);
  });

  const bundleEffort = flowEffort(items.length ? [bundleFlow] : [], items.length ? bundleChoose : 0);
  const itemEffort = flowEffort(alone, costs.chooseItem * alone.length);
  return {
    bundle: bundleEffort,
    itemByItem: itemEffort,
    ratio: itemEffort.total === 0 ? 1 : bundleEffort.total / itemEffort.total,
    repeatedFields: bundleEffort.repeatedFields,
  };
}

/** "示例市公安局（落户地派出所）" is the department "示例市公安局". */
export function departmentOf(item: Item): string {
  return item.department['zh-CN'].replace(/（[^（）]*）$/, '');
}

/** The item on its own: the ID card and the shared datasets its department holds, no earlier answers. */
function ownDepartmentSources(input: EffortInput, item: Item): PrefillSources {
  const { idCard, shared } = input.sources;
  const department = departmentOf(item);
  const own = Object.entries(shared ?? {}).filter(([dataset]) => input.holders?.[dataset] === department);
  return { ...(idCard ? { idCard } : {}), ...(own.length ? { shared: Object.fromEntries(own) } : {}) };
}

/** The cost of answering one question with `value` (undefined: a typical answer for the field's type). */
export function questionCost(field: Field, value: FieldValue | undefined, costs: InputCosts = DEFAULT_COSTS): number {
  switch (field.input) {
    case 'none':
      return 0;
    case 'choice-list':
      return costs.choice;
    case 'date-picker':
      return costs.datePicker;
    case 'signature-pad':
      return costs.signature;
    case 'keypad':
    case 'keyboard':
      return Math.max(1, isMissing(value) ? TYPICAL_LENGTH[field.type] : Array.from(String(value)).length);
  }
}

/** What one material costs on its own; authorisations are given for the whole group (see `transaction`). */
export function materialCost(action: MaterialAction, pages: number, costs: InputCosts = DEFAULT_COSTS): number {
  if (action === 'sign-commitment' || action === 'self-declare') return costs.signature;
  if (action === 'capture') return costs.capturePage * pages + costs.captureConfirm;
  return 0;
}

interface Transaction {
  readonly asked: readonly string[];
  readonly overhead: number;
  readonly fieldInputs: number;
  readonly materialInputs: number;
  readonly materialsToBring: number;
}

function transaction(form: MergedForm, prefilled: FormValues, plan: MaterialsPlan, input: EffortInput, facts: Facts, costs: InputCosts): Transaction {
  const asked = relevantFields(form, facts.answers ?? {}, facts).filter((f: MergedField) => isAsked(f, prefilled));
  const fieldInputs = asked.reduce((sum, f) => sum + questionCost(f.field, input.script[f.key], costs), 0);
  const provided = plan.materials.filter((m) => m.required || input.provides?.includes(m.key));
  const authorise = provided.some((m) => m.action === 'authorise') ? costs.authorise : 0;
  const materialInputs = provided.reduce((sum, m) => sum + materialCost(m.action, m.route?.kind === 'capture' ? m.route.pages : 0, costs), authorise);
  const overhead = costs.identify + costs.consent + costs.confirmForm + costs.confirmMaterials + costs.submit;
  const materialsToBring = provided.filter((m) => m.action === 'bring-original' || m.action === 'bring-paper').length;
  return { asked: asked.map((f) => f.key), overhead, fieldInputs, materialInputs, materialsToBring };
}

function isAsked(f: MergedField, prefilled: FormValues): boolean {
  return f.field.source.kind !== 'computed' && f.field.input !== 'none' && isMissing(prefilled[f.key]);
}

function flowEffort(transactions: readonly Transaction[], choose: number): FlowEffort {
  const sum = (pick: (t: Transaction) => number) => transactions.reduce((total, t) => total + pick(t), 0);
  const asked = transactions.flatMap((t) => t.asked);
  const overhead = choose + sum((t) => t.overhead);
  const fieldInputs = sum((t) => t.fieldInputs);
  const materialInputs = sum((t) => t.materialInputs);
  return {
    total: overhead + fieldInputs + materialInputs,
    transactions: transactions.length,
    overhead,
    fieldInputs,
    materialInputs,
    questions: asked.length,
    repeatedFields: asked.length - new Set(asked).size,
    materialsToBring: sum((t) => t.materialsToBring),
  };
}
