/**
 * What the shipped sample catalog promises beyond loading cleanly: four bundles that really merge work
 * across departments, shared canonical fields and materials, every way of sparing a material, and text in
 * both kiosk languages. The bundle engine, the demos and the input-count benchmark all lean on these.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Bundle, Catalog, Item } from '../../kiosk-config/catalog-schema.ts';
import { formatProblem } from '../config/load-config.ts';
import { answerKeys, conditionLeaves } from './catalog-refs.ts';
import { SAMPLE_CATALOG_DIR } from './catalog-test-dir.ts';
import { loadCatalog } from './load-catalog.ts';

let catalog: Catalog;

beforeAll(async () => {
  const result = await loadCatalog(SAMPLE_CATALOG_DIR);
  if (!result.ok) throw new Error(result.problems.map(formatProblem).join('\n'));
  catalog = result.catalog;
});

function itemsOf(bundle: Bundle): Item[] {
  return bundle.items.map((entry) => catalog.items.get(entry.item)).filter((item): item is Item => item !== undefined);
}

/** "示例市卫生健康委员会（助产机构签发）" and "示例市卫生健康委员会" are one department. */
function department(item: Item): string {
  return item.department['zh-CN'].replace(/（.*）$/, '');
}

/** Keys used by at least two of the lists. */
function shared(lists: readonly (readonly string[])[]): string[] {
  const counts = new Map<string, number>();
  for (const list of lists) for (const key of new Set(list)) counts.set(key, (counts.get(key) ?? 0) + 1);
  return [...counts].filter(([, n]) => n > 1).map(([key]) => key);
}

describe('sample catalog', () => {
  it('has the four bundles, each with three or more items from three or more departments', () => {
    expect(catalog.bundles.map((b) => b.name['zh-CN'])).toEqual(['新生儿出生一件事', '残疾人服务一件事', '退休一件事', '企业开办一件事']);
    for (const bundle of catalog.bundles) {
      const items = itemsOf(bundle);
      expect(items.length, bundle.code).toBeGreaterThanOrEqual(3);
      expect(new Set(items.map(department)).size, bundle.code).toBeGreaterThanOrEqual(3);
      expect(bundle.eligibility.length, bundle.code).toBeGreaterThan(0);
    }
  });

  it('overlaps fields and materials between the items of every bundle', () => {
    for (const bundle of catalog.bundles) {
      const items = itemsOf(bundle);
      expect(shared(items.map((i) => i.fields.map((f) => f.key))).length, bundle.code).toBeGreaterThanOrEqual(5);
      expect(shared(items.map((i) => i.materials.map((m) => m.key))).length, bundle.code).toBeGreaterThanOrEqual(2);
    }
  });

  it('shares canonical applicant fields and materials across bundles', () => {
    const fieldsByBundle = catalog.bundles.map((b) => itemsOf(b).flatMap((i) => i.fields.map((f) => f.key)));
    const materialsByBundle = catalog.bundles.map((b) => itemsOf(b).flatMap((i) => i.materials.map((m) => m.key)));
    for (const key of ['applicant.name', 'applicant.idNumber', 'applicant.phone']) {
      expect(fieldsByBundle.every((keys) => keys.includes(key)), key).toBe(true);
    }
    expect(shared(fieldsByBundle)).toEqual(expect.arrayContaining(['applicant.householdAddress', 'spouse.name', 'delivery.method']));
    expect(shared(materialsByBundle)).toEqual(expect.arrayContaining(['idCard', 'householdRegister', 'bankCard']));
  });

  it('sources applicant fields from the ID card, departments, computation or the citizen, and marks them personal', () => {
    const source = (key: string): string | undefined => catalog.fields.get(key)?.source.kind;
    for (const key of ['applicant.name', 'applicant.idNumber', 'applicant.gender', 'applicant.birthDate', 'applicant.address']) {
      expect(source(key), key).toBe('idcard');
    }
    expect(source('applicant.householdAddress')).toBe('shared');
    expect(source('newborn.birthWeight')).toBe('shared');
    expect(source('applicant.age')).toBe('computed');
    expect(source('applicant.phone')).toBe('manual');
    for (const [key, field] of catalog.fields) {
      if (/^(applicant|spouse|guardian|newborn)\./.test(key) && key !== 'newborn.birthInstitution') expect(field.personal, key).toBe(true);
    }
  });

  it('asks for the spouse only when married', () => {
    for (const key of ['spouse.name', 'spouse.idNumber', 'spouse.phone']) {
      expect(catalog.fields.get(key)?.relevantWhen).toEqual({ fact: 'answer.applicant.maritalStatus', op: 'eq', value: '20' });
    }
  });

  it('spares materials every way DESIGN.md §3 names', () => {
    const routes = [...catalog.materials.values()].flatMap((m) => m.routes);
    expect(new Set(routes.map((r) => r.kind))).toEqual(new Set(['shared-data', 'e-license', 'commitment', 'capture', 'paper']));
    const levels = routes.flatMap((r) => (r.kind === 'e-license' ? [r.trustLevel] : []));
    expect(new Set(levels)).toEqual(new Set(['A', 'B', 'C']));
    const commitments = routes.flatMap((r) => (r.kind === 'commitment' ? [r] : []));
    expect(commitments.some((c) => c.excludedWhen !== undefined)).toBe(true);
    for (const c of commitments) expect(c.promise['zh-CN']).toMatch(/^本人承诺/);
  });

  it('checks age, region and document type before the form, with messages in both languages', () => {
    const facts = catalog.bundles.flatMap((b) => b.eligibility.flatMap((rule) => conditionLeaves(rule.unless, '').map(({ leaf }) => leaf.fact)));
    expect(new Set(facts)).toEqual(new Set(['applicant.age', 'applicant.gender', 'applicant.regionCode', 'applicant.documentType']));
    // Answers are not known before the form, so eligibility must not read them.
    expect(catalog.bundles.flatMap((b) => b.eligibility.flatMap((rule) => answerKeys(rule.unless)))).toEqual([]);
  });

  it('writes every text shown to citizens in Chinese and English', () => {
    const missing: string[] = [];
    const visit = (value: unknown, path: string): void => {
      if (value instanceof Map) {
        for (const [key, entry] of value) visit(entry, `${path}.${String(key)}`);
      } else if (Array.isArray(value)) {
        value.forEach((entry, i) => visit(entry, `${path}.${i}`));
      } else if (typeof value === 'object' && value !== null) {
        if ('zh-CN' in value && !('en' in value)) missing.push(path);
        for (const [key, entry] of Object.entries(value)) visit(entry, `${path}.${key}`);
      }
    };
    visit({ fields: catalog.fields, materials: catalog.materials, items: catalog.items, bundles: catalog.bundles, rating: catalog.rating }, 'catalog');
    expect(missing).toEqual([]);
  });

  it('has well-formed codes and uses every field and material it defines', () => {
    const items = [...catalog.items.values()];
    for (const item of items) {
      expect(item.implementationCode).toMatch(/^110199\d\d[A-Z]{2,3}-[A-Z]{2}-\d{4}$/);
      // The national basic code has no region; department and item type are the implementation's own.
      expect(item.basicCode).toMatch(/^00000000[A-Z]{2,3}-[A-Z]{2}-\d{4}$/);
      expect(item.basicCode.slice(8, -4)).toBe(item.implementationCode.slice(8, -4));
      expect(item.handlingCode.startsWith(`${item.implementationCode}-`)).toBe(true);
    }
    expect(items.filter((i) => !i.selfService).map((i) => i.name['zh-CN'])).toEqual(['食品经营许可']);
    const usedFields = new Set(items.flatMap((i) => i.fields.map((f) => f.key)));
    const usedMaterials = new Set(items.flatMap((i) => i.materials.map((m) => m.key)));
    expect([...catalog.fields.keys()].filter((key) => !usedFields.has(key))).toEqual([]);
    expect([...catalog.materials.keys()].filter((key) => !usedMaterials.has(key))).toEqual([]);
  });

  it('rates with the on-site indicator set and requires reasons for the lowest levels', () => {
    expect(catalog.rating.indicators.map((i) => i.key)).toEqual(['overall', 'efficiency', 'competence', 'attitude']);
    expect(catalog.rating.lowLevelReasons.length).toBeGreaterThanOrEqual(5);
    expect(catalog.rating.lowLevelReasons.at(-1)?.key).toBe('other');
  });
});
