/**
 * Two questions of one merged form (一表申请) must not share a label: "出生日期" twice leaves the citizen
 * guessing whose birth date each is. A bundle's form is every field of all its items (optional ones too,
 * since the citizen may choose them) and the inputs its computed fields pull in.
 */
import type { Bundle, Field, Item } from '../../kiosk-config/catalog-schema.ts';
import type { ConfigProblem } from '../config/load-config.ts';
import type { Listed, Lookup } from './catalog-refs.ts';

const FILE = 'bundles.yaml';

export function checkFormLabels(entries: readonly Listed<Bundle>[], fields: Lookup<Field>, items: Lookup<Item>, out: ConfigProblem[]): void {
  for (const { index, value: bundle } of entries) {
    const keys = formKeys(bundle, fields, items);
    for (const language of ['zh-CN', 'en'] as const) {
      const first = new Map<string, string>();
      for (const key of keys) {
        const label = fields.get(key)?.label[language];
        if (label === undefined) continue;
        const earlier = first.get(label);
        if (earlier === undefined) first.set(label, key);
        else {
          out.push({
            file: FILE,
            path: `bundles.${index}`,
            message: `fields "${earlier}" and "${key}" are both labelled "${label}" (${language}) in this bundle's form: say whose (fields.yaml)`,
          });
        }
      }
    }
  }
}

/** The keys of the bundle's whole form, computed fields' inputs included; unknown keys are reported elsewhere. */
function formKeys(bundle: Bundle, fields: Lookup<Field>, items: Lookup<Item>): string[] {
  const keys = new Set<string>();
  const add = (key: string): void => {
    if (keys.has(key)) return;
    keys.add(key);
    const source = fields.get(key)?.source;
    if (source?.kind === 'computed') source.args.forEach(add);
  };
  for (const entry of bundle.items) for (const ref of items.get(entry.item)?.fields ?? []) add(ref.key);
  return [...keys];
}
