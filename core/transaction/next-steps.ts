/**
 * What happens after the kiosk, per chosen item, from the catalog's `nextStep`: when, where, what to bring
 * and how the result arrives, in the variant the citizen's answers select (posted to their address, masked,
 * or collected at a window). The printed receipt and the on-screen receipt both show these lines.
 */
import type { Catalog, Field, NextStep } from '../../kiosk-config/catalog-schema.ts';
import type { LocalizedText } from '../contract/locale.ts';
import { chosenItems, evaluate, type Facts, type FieldValue } from '../bundle/index.ts';
import { displayValue } from './session-view.ts';
import { transactionFacts } from './transaction-context.ts';
import type { TransactionContext } from './transaction-types.ts';

export interface ItemNextStep {
  readonly itemCode: string;
  readonly item: LocalizedText;
  readonly when: LocalizedText;
  readonly where: LocalizedText;
  readonly bring?: LocalizedText;
  readonly result: LocalizedText;
}

/** A value as the applicant's paper and a public screen may show it: a choice's label, else masked if personal. */
function shownAnswer(field: Field, value: FieldValue | undefined): LocalizedText | undefined {
  const choice = field.choices?.find((c) => c.value === String(value));
  if (choice) return choice.label;
  const shown = displayValue(field, value);
  return shown === null ? undefined : { 'zh-CN': shown, en: shown };
}

function pick(catalog: Catalog, variants: NextStep['result'], facts: Facts, values: TransactionContext['values']): LocalizedText {
  const chosen = variants.find((v) => v.relevantWhen === undefined || evaluate(v.relevantWhen, facts)) ?? variants.at(-1)!;
  const field = chosen.answer === undefined ? undefined : catalog.fields.get(chosen.answer);
  const answer = field ? shownAnswer(field, values[field.key]) : undefined;
  if (!answer) return chosen.text;
  return {
    'zh-CN': `${chosen.text['zh-CN']}：${answer['zh-CN']}`,
    ...(chosen.text.en ? { en: `${chosen.text.en}: ${answer.en ?? answer['zh-CN']}` } : {}),
  };
}

/** The next step of every chosen item that has one, in the bundle's order. */
export function nextSteps(catalog: Catalog, context: TransactionContext): ItemNextStep[] {
  const bundle = catalog.bundles.find((b) => b.code === context.bundleCode);
  if (!bundle) return [];
  const facts = transactionFacts(context);
  return chosenItems(catalog, bundle, context.optionalItems).flatMap((item) => {
    const step = item.nextStep;
    if (!step) return [];
    return [
      {
        itemCode: item.implementationCode,
        item: item.name,
        when: step.when,
        where: pick(catalog, step.where, facts, context.values),
        ...(step.bring ? { bring: step.bring } : {}),
        result: pick(catalog, step.result, facts, context.values),
      },
    ];
  });
}
