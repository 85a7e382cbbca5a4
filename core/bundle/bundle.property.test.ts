/**
 * Properties of the engine over random catalogs: fields with random sources and relevance, items using
 * random fields and materials, bundles with required and optional items, random applicants.
 */
import fc from 'fast-check';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { CatalogFilesSchema, FIELD_TYPES, type Bundle, type Catalog, type Condition } from '../../kiosk-config/catalog-schema.ts';
import { measureEffort } from './effort.ts';
import { departmentForm, mergeForm, questionsToAsk } from './merged-form.ts';
import { planMaterials, type MaterialAvailability, type TrustLevel } from './materials-plan.ts';
import { prefill, setValue, type PrefillSources } from './prefill.ts';
import type { ApplicantFacts, FieldValue, FormValues } from './types.ts';

const TODAY = '2025-03-01';
const DATASETS = ['data.a', 'data.b', 'data.c'];
const LICENCES = ['lic.a', 'lic.b'];
const ATTRIBUTES = ['name', 'idNumber', 'gender', 'birthDate', 'nation', 'address', 'issuer', 'validTo', 'documentType'] as const;
const FNS = ['ageFromBirthDate', 'birthDateFromIdNumber', 'genderFromIdNumber', 'regionFromIdNumber', 'copy'] as const;
const INPUTS = ['keypad', 'choice-list', 'keyboard', 'date-picker', 'signature-pad', 'none'] as const;
const LEVELS = ['A', 'B', 'C', 'D'] as const;
/** Text a source or an answer may hold: ID numbers, dates, codes, plain words. */
const TEXT = ['430102199506120026', '430102199303050013', '1995-06-12', '2010-01-31', '1', '2', 'a', 'b', '张三', '13812345678', 'x y'];
const SCALARS: FieldValue[] = ['a', 'b', '1', 1, 17, 30, true, false];

const label = { 'zh-CN': '字段', en: 'field' };
const fieldKey = (i: number) => `f.k${i}`;

function conditionArb(nFields: number): fc.Arbitrary<Condition> {
  const fact = fc.oneof(
    fc.integer({ min: 0, max: nFields - 1 }).map((i) => `answer.${fieldKey(i)}`),
    fc.constantFrom('applicant.age', 'applicant.gender', 'applicant.regionCode', 'applicant.documentType'),
  );
  const leaf = fc.oneof(
    fc.record({ fact, op: fc.constantFrom('eq', 'ne', 'gt', 'lte'), value: fc.constantFrom(...SCALARS) }),
    fc.record({ fact, op: fc.constantFrom('in', 'notIn'), value: fc.subarray(SCALARS, { minLength: 1 }) }),
    fc.record({ fact, op: fc.constantFrom('present', 'absent') }),
  ) as fc.Arbitrary<Condition>;
  return fc.oneof({ weight: 3, arbitrary: leaf }, fc.record({ not: leaf }), fc.record({ any: fc.array(leaf, { maxLength: 2 }) }));
}

function fieldArb(i: number, nFields: number) {
  const manual = fc.constant({ kind: 'manual' });
  // Manual fields twice as likely: they are what the citizen gets asked.
  const sources: fc.Arbitrary<Record<string, unknown>>[] = [
    fc.record({ kind: fc.constant('idcard'), attribute: fc.constantFrom(...ATTRIBUTES) }),
    fc.record({ kind: fc.constant('shared'), dataset: fc.constantFrom(...DATASETS) }),
    manual,
    manual,
  ];
  if (i > 0) {
    const args = fc.uniqueArray(fc.integer({ min: 0, max: i - 1 }).map(fieldKey), { minLength: 1, maxLength: 2 });
    sources.push(fc.record({ kind: fc.constant('computed'), fn: fc.constantFrom(...FNS), args }));
  }
  const source = fc.oneof(...sources);
  const input = fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...INPUTS.slice(0, -1)) }, { weight: 1, arbitrary: fc.constant('none') });
  return fc
    .record({ type: fc.constantFrom(...FIELD_TYPES), input, source, relevantWhen: fc.option(conditionArb(nFields), { nil: undefined, freq: 3 }) })
    .map(({ relevantWhen, ...f }) => ({
      key: fieldKey(i),
      label,
      personal: false,
      ...f,
      ...(f.type === 'choice' ? { choices: [{ value: 'a', label }, { value: 'b', label }] } : {}),
      ...(relevantWhen ? { relevantWhen } : {}),
    }));
}

const routeArb = fc.oneof(
  fc.record({ kind: fc.constant('shared-data'), dataset: fc.constantFrom(...DATASETS) }),
  fc.record({ kind: fc.constant('e-license'), licenseType: fc.constantFrom(...LICENCES), trustLevel: fc.constantFrom(...LEVELS) }),
  fc.record({ kind: fc.constant('commitment'), promise: fc.constant(label) }),
  fc.constant({ kind: 'commitment', promise: label, excludedWhen: { fact: 'applicant.age', op: 'lt', value: 18 } }),
  fc.record({ kind: fc.constant('capture'), pages: fc.integer({ min: 1, max: 3 }) }),
  fc.record({ kind: fc.constant('paper'), original: fc.boolean(), copies: fc.integer({ min: 0, max: 2 }) }),
);

interface World {
  readonly catalog: Catalog;
  readonly bundle: Bundle;
}

const worldArb: fc.Arbitrary<World> = fc
  .record({ nFields: fc.integer({ min: 1, max: 12 }), nMaterials: fc.integer({ min: 0, max: 6 }), nItems: fc.integer({ min: 1, max: 5 }) })
  .chain(({ nFields, nMaterials, nItems }) => {
    const fieldKeys = Array.from({ length: nFields }, (_, i) => fieldKey(i));
    const materialKeys = Array.from({ length: nMaterials }, (_, i) => `m.k${i}`);
    const refs = (keys: string[]) => fc.subarray(keys).chain((chosen) => fc.tuple(...chosen.map((key) => fc.record({ key: fc.constant(key), required: fc.boolean() }))));
    const item = (i: number) =>
      fc.record({ fields: refs(fieldKeys), materials: refs(materialKeys) }).map((r) => ({
        basicCode: `B-${i}000`,
        implementationCode: `ITEM-${i}`,
        handlingCode: `H-${i}000`,
        name: label,
        department: label,
        handlingType: 'immediate',
        timeLimit: { value: 1, unit: 'working-days' },
        selfService: true,
        ...r,
      }));
    return fc.record({
      fields: fc.tuple(...fieldKeys.map((_, i) => fieldArb(i, nFields))),
      materials: fc.tuple(...materialKeys.map((key) => fc.array(routeArb, { minLength: 1, maxLength: 4 }).map((routes) => ({ key, name: label, routes })))),
      items: fc.tuple(...Array.from({ length: nItems }, (_, i) => item(i))),
      required: fc.array(fc.boolean(), { minLength: nItems, maxLength: nItems }),
    });
  })
  .map(({ fields, materials, items, required }) => {
    const parsed = {
      fields: v.parse(CatalogFilesSchema['fields.yaml'], { fields }).fields,
      materials: v.parse(CatalogFilesSchema['materials.yaml'], { materials }).materials,
      items: v.parse(CatalogFilesSchema['items.yaml'], { items }).items,
    };
    const bundle = v.parse(CatalogFilesSchema['bundles.yaml'], {
      bundles: [
        {
          code: 'BUNDLE-1', theme: label, lifeEvent: label, name: label, leadDepartment: label, order: 1,
          items: parsed.items.map((item, i) => ({ item: item.implementationCode, required: required[i] })),
        },
      ],
    }).bundles[0]!;
    const catalog: Catalog = {
      version: 'random',
      fields: new Map(parsed.fields.map((f) => [f.key, f])),
      materials: new Map(parsed.materials.map((m) => [m.key, m])),
      items: new Map(parsed.items.map((i) => [i.implementationCode, i])),
      bundles: [bundle],
      rating: { indicators: [{ key: 'overall', label }], lowLevelReasons: [{ key: 'slow', label }] },
    };
    return { catalog, bundle };
  });

interface Scenario {
  readonly chosen: string[];
  readonly applicant: ApplicantFacts;
  readonly sources: PrefillSources;
  readonly script: FormValues;
  readonly available: MaterialAvailability;
  /** Which department holds each dataset: the items' own ('字段') or another. */
  readonly holders: Readonly<Record<string, string>>;
  readonly provides: string[];
}

function scenarioArb({ catalog, bundle }: World): fc.Arbitrary<Scenario> {
  const keys = [...catalog.fields.keys()];
  const value = (key: string): fc.Arbitrary<FieldValue> => {
    const type = catalog.fields.get(key)!.type;
    if (type === 'number') return fc.integer({ min: 0, max: 99_999 });
    if (type === 'boolean') return fc.boolean();
    if (type === 'choice') return fc.constantFrom('a', 'b');
    return fc.constantFrom(...TEXT);
  };
  const text = fc.constantFrom(...TEXT, '', '  ');
  return fc.record({
    chosen: fc.subarray(bundle.items.filter((e) => !e.required).map((e) => e.item)),
    applicant: fc.record(
      { age: fc.integer({ min: 0, max: 100 }), gender: fc.constantFrom('1', '2'), regionCode: fc.constantFrom('430102', '110105'), documentType: fc.constant('resident') },
      { requiredKeys: [] },
    ),
    sources: fc.record(
      {
        idCard: fc.dictionary(fc.constantFrom(...ATTRIBUTES), text),
        shared: fc.dictionary(fc.constantFrom(...DATASETS), fc.dictionary(fc.constantFrom(...keys), text)),
        earlier: fc.dictionary(fc.constantFrom(...keys), fc.oneof(text, fc.constantFrom(...SCALARS))),
      },
      { requiredKeys: [] },
    ),
    script: fc.tuple(...keys.map(value)).map((values) => Object.fromEntries(keys.map((k, i) => [k, values[i]!]))),
    available: fc.record({
      sharedDatasets: fc.oneof(fc.constant('unknown' as const), fc.subarray(DATASETS).map((d) => new Set(d))),
      eLicenses: fc.dictionary(fc.constantFrom(...LICENCES), fc.constantFrom<TrustLevel>(...LEVELS)).map((d) => new Map(Object.entries(d))),
    }),
    holders: fc.dictionary(fc.constantFrom(...DATASETS), fc.constantFrom(label['zh-CN'], '其他部门')),
    provides: fc.subarray([...catalog.materials.keys()]),
  });
}

const worldAndScenario = worldArb.chain((world) => scenarioArb(world).map((scenario) => ({ ...world, ...scenario })));

describe('bundle engine properties', () => {
  it('never asks a field twice, never asks a computed one, and runs out of questions', () => {
    fc.assert(
      fc.property(worldAndScenario, ({ catalog, bundle, chosen, applicant, sources, script }) => {
        const form = mergeForm(catalog, bundle, chosen);
        const facts = { applicant };
        let values = prefill(form, sources, TODAY);
        const asked = new Set<string>();
        for (let round = 0; round <= form.fields.length; round++) {
          const questions = questionsToAsk(form, values, facts);
          if (questions.length === 0) break;
          for (const q of questions) {
            expect(asked.has(q.key)).toBe(false);
            expect(q.field.source.kind).not.toBe('computed');
            expect(q.field.input).not.toBe('none');
            asked.add(q.key);
            values = setValue(form, values, q.key, script[q.key], TODAY);
          }
        }
        expect(questionsToAsk(form, values, facts)).toEqual([]);
      }),
    );
  });

  it('covers every required field of every chosen item, once, and in its department form', () => {
    fc.assert(
      fc.property(worldAndScenario, ({ catalog, bundle, chosen, applicant, sources }) => {
        const form = mergeForm(catalog, bundle, chosen);
        const keys = form.fields.map((f) => f.key);
        expect(new Set(keys).size).toBe(keys.length);
        const values = prefill(form, sources, TODAY);
        for (const entry of bundle.items.filter((e) => e.required || chosen.includes(e.item))) {
          const item = catalog.items.get(entry.item)!;
          const projected = departmentForm(form, values, item.implementationCode, { applicant });
          for (const ref of item.fields) {
            const merged = form.fields.find((f) => f.key === ref.key);
            expect(merged?.neededBy).toContain(item.implementationCode);
            if (ref.required) expect(merged?.required).toBe(true);
            expect(projected.fields.filter((f) => f.key === ref.key)).toHaveLength(1);
          }
        }
      }),
    );
  });

  it('requests each material once and puts it in exactly one list', () => {
    fc.assert(
      fc.property(worldAndScenario, ({ catalog, bundle, chosen, applicant, available }) => {
        const plan = planMaterials(catalog, bundle, chosen, { applicant }, available);
        const keys = plan.materials.map((m) => m.key);
        expect(new Set(keys).size).toBe(keys.length);
        const listed = [...plan.exempt, ...plan.needsAuthorisation, ...plan.needsSignature, ...plan.toCapture, ...plan.toBring];
        expect(listed.sort()).toEqual([...keys].sort());
        for (const m of plan.materials) expect(m.reason['zh-CN'].length > 0 && m.reason.en.length > 0).toBe(true);
      }),
    );
  });

  it('never costs the citizen more as a bundle than item by item, and repeats no field', () => {
    fc.assert(
      fc.property(worldAndScenario, ({ catalog, bundle, chosen, applicant, sources, script, available, holders, provides }) => {
        const effort = measureEffort({ catalog, bundle, chosenOptionalItems: chosen, applicant, sources, holders, script, provides, available, today: TODAY });
        expect(effort.repeatedFields).toBe(0);
        expect(effort.bundle.total).toBeLessThanOrEqual(effort.itemByItem.total);
        expect(effort.bundle.questions).toBeLessThanOrEqual(effort.itemByItem.questions);
        expect(effort.bundle.materialsToBring).toBeLessThanOrEqual(effort.itemByItem.materialsToBring);
        expect(effort.ratio).toBeLessThanOrEqual(1);
      }),
    );
  });
});
