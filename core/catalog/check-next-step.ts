/**
 * An item's next step reads the answers (which variant applies, whose answer follows the text): every field
 * it names must be one the item asks, or the variant would never apply and the address never be printed.
 */
import type { Field, Item } from '../../kiosk-config/catalog-schema.ts';
import type { ConfigProblem } from '../config/load-config.ts';
import { answerKeys, checkConditionFields, type Lookup } from './catalog-refs.ts';

export function checkNextStep(file: string, at: string, item: Item, fields: Lookup<Field>, out: ConfigProblem[]): void {
  if (!item.nextStep) return;
  const listed = new Set(item.fields.map((ref) => ref.key));
  const { where, result } = item.nextStep;
  for (const [part, variants] of [['where', where], ['result', result]] as const) {
    variants.forEach((variant, i) => {
      const path = `${at}.nextStep.${part}.${i}`;
      if (variant.relevantWhen) checkConditionFields(file, `${path}.relevantWhen`, variant.relevantWhen, fields, out);
      const named = [...answerKeys(variant.relevantWhen), ...(variant.answer ? [variant.answer] : [])];
      for (const key of named) {
        if (fields.isUnknown(key)) out.push({ file, path, message: `unknown field "${key}"` });
        else if (!listed.has(key)) out.push({ file, path, message: `the next step reads "${key}", which this item does not list` });
      }
    });
  }
}
