/**
 * Cross-reference checks over a parsed catalog: what no single file's schema can see. Every problem is
 * collected, each with the file and dotted path where it must be fixed.
 *
 * The checks run on whatever parsed, so one broken entry does not hide the problems of the others. A list
 * that could not be read at all is `known: false`, and references into it are not checked (every one would
 * be reported as unknown); references to an entry that failed its own schema are not reported again.
 */
import type { Bundle, Catalog, Field, Item, Material, Policy } from '../../kiosk-config/catalog-schema.ts';
import type { ConfigProblem } from '../config/load-config.ts';
import { answerKeys, checkConditionFields, lookup, reportDuplicates, type CatalogList, type Listed, type Lookup } from './catalog-refs.ts';
import { checkFields } from './check-fields.ts';
import { checkNextStep } from './check-next-step.ts';
import { checkFormLabels } from './check-form-labels.ts';

export interface CatalogParts {
  readonly fields: CatalogList<Field>;
  readonly materials: CatalogList<Material>;
  readonly items: CatalogList<Item>;
  readonly bundles: CatalogList<Bundle>;
  readonly rating: Catalog['rating'] | undefined;
  /** policies.yaml, optional. */
  readonly policies?: CatalogList<Policy>;
}

export function checkCatalog(parts: CatalogParts): ConfigProblem[] {
  const out: ConfigProblem[] = [];
  const fields = lookup(parts.fields, (f) => f.key);
  const materials = lookup(parts.materials, (m) => m.key);
  const items = lookup(parts.items, (i) => i.implementationCode);

  checkFields(parts.fields.entries, fields, out);
  checkMaterials(parts.materials.entries, fields, out);
  checkItems(parts.items.entries, fields, materials, out);
  checkBundles(parts.bundles.entries, fields, items, out);
  checkFormLabels(parts.bundles.entries, fields, items, out);
  if (parts.policies) checkPolicies(parts.policies.entries, fields, lookup(parts.bundles, (b) => b.code), out);
  if (parts.rating) {
    const file = 'rating.yaml';
    const { indicators, lowLevelReasons } = parts.rating;
    reportDuplicates(file, indicators.map((r, i) => ({ id: r.key, path: `indicators.${i}.key` })), 'indicator', out);
    reportDuplicates(file, lowLevelReasons.map((r, i) => ({ id: r.key, path: `lowLevelReasons.${i}.key` })), 'reason', out);
  }
  return out;
}

function checkMaterials(entries: readonly Listed<Material>[], fields: Lookup<Field>, out: ConfigProblem[]): void {
  const file = 'materials.yaml';
  reportDuplicates(file, entries.map((e) => ({ id: e.value.key, path: `materials.${e.index}.key` })), 'material key', out);
  for (const { index, value: material } of entries) {
    material.routes.forEach((route, r) => {
      if (route.kind === 'commitment' && route.excludedWhen) {
        checkConditionFields(file, `materials.${index}.routes.${r}.excludedWhen`, route.excludedWhen, fields, out);
      }
    });
  }
}

function checkItems(entries: readonly Listed<Item>[], fields: Lookup<Field>, materials: Lookup<Material>, out: ConfigProblem[]): void {
  const file = 'items.yaml';
  reportDuplicates(
    file,
    entries.map((e) => ({ id: e.value.implementationCode, path: `items.${e.index}.implementationCode` })),
    'implementation code',
    out,
  );
  for (const { index, value: item } of entries) {
    const at = `items.${index}`;
    const listed = new Set(item.fields.map((ref) => ref.key));
    reportDuplicates(file, item.fields.map((ref, j) => ({ id: ref.key, path: `${at}.fields.${j}.key` })), 'field', out);
    item.fields.forEach((ref, j) => {
      const field = fields.get(ref.key);
      if (!field) {
        if (fields.isUnknown(ref.key)) out.push({ file, path: `${at}.fields.${j}.key`, message: `unknown field "${ref.key}"` });
        return;
      }
      // A relevance condition reads the answer of another field; if the item does not ask that field, the
      // condition can never hold on a form made of this item alone, and the field would silently never be asked.
      for (const dep of answerKeys(field.relevantWhen)) {
        if (fields.get(dep) && !listed.has(dep)) {
          out.push({
            file,
            path: `${at}.fields.${j}.key`,
            message: `field "${ref.key}" depends on "${dep}" (relevantWhen), which this item does not list`,
          });
        }
      }
    });
    reportDuplicates(file, item.materials.map((ref, j) => ({ id: ref.key, path: `${at}.materials.${j}.key` })), 'material', out);
    item.materials.forEach((ref, j) => {
      if (ref.neededWhen) {
        checkConditionFields(file, `${at}.materials.${j}.neededWhen`, ref.neededWhen, fields, out);
        // As for relevance: a condition on a field this item does not ask never holds on its own form.
        for (const dep of answerKeys(ref.neededWhen)) {
          if (fields.get(dep) && !listed.has(dep)) {
            out.push({ file, path: `${at}.materials.${j}.neededWhen`, message: `material "${ref.key}" depends on "${dep}" (neededWhen), which this item does not list` });
          }
        }
      }
      const material = materials.get(ref.key);
      if (!material) {
        if (materials.isUnknown(ref.key)) out.push({ file, path: `${at}.materials.${j}.key`, message: `unknown material "${ref.key}"` });
        return;
      }
      // An exclusion over a field the form does not hold is never true: the commitment would be offered to
      // exactly the applicants the exclusion exists for.
      for (const route of material.routes) {
        if (route.kind !== 'commitment') continue;
        for (const dep of answerKeys(route.excludedWhen)) {
          if (fields.get(dep) && !listed.has(dep)) {
            out.push({
              file,
              path: `${at}.materials.${j}.key`,
              message: `material "${ref.key}" excludes its commitment on "${dep}", a field this item does not list`,
            });
          }
        }
      }
    });
    item.produces.forEach((key, j) => {
      const path = `${at}.produces.${j}`;
      if (materials.isUnknown(key)) out.push({ file, path, message: `unknown material "${key}"` });
      else if (item.materials.some((ref) => ref.key === key)) out.push({ file, path, message: `item "${item.implementationCode}" cannot need the material "${key}" it produces` });
    });
    checkNextStep(file, at, item, fields, out);
  }
}

function checkBundles(entries: readonly Listed<Bundle>[], fields: Lookup<Field>, items: Lookup<Item>, out: ConfigProblem[]): void {
  const file = 'bundles.yaml';
  reportDuplicates(file, entries.map((e) => ({ id: e.value.code, path: `bundles.${e.index}.code` })), 'bundle code', out);
  for (const { index, value: bundle } of entries) {
    const at = `bundles.${index}`;
    reportDuplicates(file, bundle.items.map((entry, j) => ({ id: entry.item, path: `${at}.items.${j}.item` })), 'item', out);
    bundle.items.forEach((entry, j) => {
      const path = `${at}.items.${j}.item`;
      const item = items.get(entry.item);
      if (!item) {
        if (items.isUnknown(entry.item)) out.push({ file, path, message: `unknown item "${entry.item}"` });
      } else if (!item.selfService) {
        out.push({
          file,
          path,
          message: `item "${entry.item}" (${item.name['zh-CN']}) is not self-service; a bundle shown on the kiosk may only contain items with selfService: true`,
        });
      }
    });
    if (!bundle.items.some((entry) => entry.required)) {
      out.push({ file, path: `${at}.items`, message: 'a bundle needs at least one required item' });
    }
    bundle.eligibility.forEach((rule, k) => checkConditionFields(file, `${at}.eligibility.${k}.unless`, rule.unless, fields, out));
  }
}

/** 政策找人: keys once, conditions over known fields and choices, and a bundle that exists. */
function checkPolicies(entries: readonly Listed<Policy>[], fields: Lookup<Field>, bundles: Lookup<Bundle>, out: ConfigProblem[]): void {
  const file = 'policies.yaml';
  reportDuplicates(file, entries.map((e) => ({ id: e.value.key, path: `policies.${e.index}.key` })), 'policy key', out);
  for (const { index, value: policy } of entries) {
    checkConditionFields(file, `policies.${index}.when`, policy.when, fields, out);
    if (policy.bundle && bundles.isUnknown(policy.bundle)) out.push({ file, path: `policies.${index}.bundle`, message: `unknown bundle "${policy.bundle}"` });
  }
}
