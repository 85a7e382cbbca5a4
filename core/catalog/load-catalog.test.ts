import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Catalog } from '../../kiosk-config/catalog-schema.ts';
import { formatProblem } from '../config/load-config.ts';
import { copySampleCatalog, editCatalog, indexOf, problemsAfter, removeCatalogCopies, SAMPLE_CATALOG_DIR } from './catalog-test-dir.ts';
import { CATALOG_FILES, catalogVersion, loadCatalog, parseCatalog, selfServiceBundles, type CatalogFile } from './load-catalog.ts';

afterEach(removeCatalogCopies);

async function sampleBytes(): Promise<Record<CatalogFile | 'policies.yaml', Uint8Array>> {
  const read = (file: CatalogFile | 'policies.yaml'): Promise<Uint8Array> => readFile(join(SAMPLE_CATALOG_DIR, file));
  const [fields, materials, items, bundles, rating, policies] = await Promise.all([...CATALOG_FILES, 'policies.yaml' as const].map(read));
  if (!fields || !materials || !items || !bundles || !rating || !policies) throw new Error('six files');
  return { 'fields.yaml': fields, 'materials.yaml': materials, 'items.yaml': items, 'bundles.yaml': bundles, 'rating.yaml': rating, 'policies.yaml': policies };
}

async function problemsIn(dir: string): Promise<string[]> {
  const result = await loadCatalog(dir);
  if (result.ok) throw new Error('expected the catalog to be rejected');
  return result.problems.map(formatProblem);
}

describe('loadCatalog', () => {
  it('loads the shipped sample catalog cleanly', async () => {
    const result = await loadCatalog(SAMPLE_CATALOG_DIR);
    if (!result.ok) expect.fail(result.problems.map(formatProblem).join('\n'));
    const { catalog } = result;
    expect(catalog.version).toMatch(/^[0-9a-f]{12}$/);
    expect(catalog.bundles.map((b) => b.name['zh-CN'])).toEqual(['新生儿出生一件事', '残疾人服务一件事', '退休一件事', '企业开办一件事']);
    expect(catalog.fields.get('applicant.age')?.source).toEqual({ kind: 'computed', fn: 'ageFromBirthDate', args: ['applicant.birthDate'] });
    expect(catalog.items.get('11019900GA-QR-0101')?.name['zh-CN']).toBe('出生登记');
    expect(catalog.materials.get('premisesProof')?.routes.map((r) => r.kind)).toEqual(['e-license', 'shared-data', 'commitment', 'capture', 'paper']);
    expect(catalog.rating.indicators.map((i) => i.label['zh-CN'])).toEqual(['整体满意度', '服务效率', '服务水平', '服务态度']);
  });

  it('applies schema defaults (required items and materials, capture pages)', async () => {
    const result = await loadCatalog(SAMPLE_CATALOG_DIR);
    if (!result.ok) throw new Error('sample rejected');
    const item = result.catalog.items.get('11019900WJ-GG-0101');
    expect(item?.fields[0]).toEqual({ key: 'applicant.name', required: true });
    // Required when needed at all: the married applicant's spouse's card.
    const married = { fact: 'answer.applicant.maritalStatus', op: 'eq', value: '20' };
    expect(item?.materials.find((m) => m.key === 'spouseIdCard')).toEqual({ key: 'spouseIdCard', required: true, neededWhen: married });
    expect(result.catalog.materials.get('idCard')?.routes[1]).toEqual({ kind: 'capture', pages: 2, subject: 'document' });
  });

  it('versions the catalog by a short hash of the five files', async () => {
    const bytes = await sampleBytes();
    const first = await loadCatalog(SAMPLE_CATALOG_DIR);
    if (!first.ok) throw new Error('sample rejected');
    expect(first.catalog.version).toBe(catalogVersion(bytes));

    // Any byte counts, even in a comment: the version names exactly the files a submission was made with.
    const dir = await copySampleCatalog();
    await writeFile(join(dir, 'rating.yaml'), `${new TextDecoder().decode(bytes['rating.yaml'])}# edited\n`);
    const edited = await loadCatalog(dir);
    if (!edited.ok) throw new Error('edited copy rejected');
    expect(edited.catalog.version).toMatch(/^[0-9a-f]{12}$/);
    expect(edited.catalog.version).not.toBe(first.catalog.version);

    // Framing by file: the same bytes split differently between two files give another version.
    const moved = { ...bytes, 'fields.yaml': new Uint8Array([...bytes['fields.yaml'], 10]), 'materials.yaml': bytes['materials.yaml'].slice(0) };
    const shifted = { ...bytes, 'materials.yaml': new Uint8Array([10, ...bytes['materials.yaml']]) };
    expect(catalogVersion(moved)).not.toBe(catalogVersion(shifted));

    // Without the optional policies.yaml, the five files alone make the version, as before it existed.
    const { 'policies.yaml': policies, ...five } = bytes;
    expect(policies.byteLength).toBeGreaterThan(0);
    expect(catalogVersion(five)).not.toBe(first.catalog.version);
    await rm(join(dir, 'policies.yaml'));
    await writeFile(join(dir, 'rating.yaml'), bytes['rating.yaml']);
    const without = await loadCatalog(dir);
    expect(without.ok && without.catalog.version).toBe(catalogVersion(five));
    expect(without.ok && without.catalog.policies).toEqual([]);
  });

  it('checks the policies: known bundle, known fields and choices, each key once', async () => {
    const dir = await copySampleCatalog();
    await editCatalog(dir, {
      'policies.yaml': (doc) => {
        doc.setIn(['policies', 0, 'bundle'], '110199PCN9999');
        doc.setIn(['policies', 1, 'when', 'all', 0, 'value'], 'onlyChildren');
        doc.setIn(['policies', 2, 'key'], 'retirement');
      },
    });
    expect(await problemsIn(dir)).toEqual([
      'policies.yaml: policies.2.key: duplicate policy key "retirement", first at policies.0.key',
      'policies.yaml: policies.0.bundle: unknown bundle "110199PCN9999"',
      'policies.yaml: policies.1.when.all.0.value: "onlyChildren" is not a choice of "onlyChild.status" (onlyChild, childless)',
    ]);
  });

  it('parses a catalog held in memory the same way', async () => {
    const result = parseCatalog(await sampleBytes());
    const loaded = await loadCatalog(SAMPLE_CATALOG_DIR);
    expect(result.ok && loaded.ok && result.catalog.version === loaded.catalog.version).toBe(true);
  });

  it('reports a missing file with the directory, and still checks the others', async () => {
    const dir = await copySampleCatalog();
    await rm(join(dir, 'rating.yaml'));
    await editCatalog(dir, { 'bundles.yaml': (doc) => doc.setIn(['bundles', 2, 'items', 1, 'item'], '11000000XK-0001') });
    expect(await problemsIn(dir)).toEqual([
      'bundles.yaml: bundles.2.items.1.item: unknown item "11000000XK-0001"',
      `rating.yaml: file not found in ${dir}`,
    ]);
  });

  it('does not check references into a file that cannot be read', async () => {
    const dir = await copySampleCatalog();
    await rm(join(dir, 'items.yaml'));
    expect(await problemsIn(dir)).toEqual([`items.yaml: file not found in ${dir}`]);
  });

  it('reports YAML syntax errors with line and column', async () => {
    const dir = await copySampleCatalog();
    await writeFile(join(dir, 'materials.yaml'), 'materials:\n  - key: [unclosed\n');
    const problems = await problemsIn(dir);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^materials\.yaml: line \d+, column \d+: /);
  });

  it('rejects bytes that are not UTF-8', async () => {
    const dir = await copySampleCatalog();
    await writeFile(join(dir, 'rating.yaml'), new Uint8Array([0x69, 0x6e, 0xff, 0xfe]));
    expect(await problemsIn(dir)).toEqual(['rating.yaml: not valid UTF-8 text']);
  });

  it('reports schema problems with file and path', async () => {
    const problems = await problemsAfter({
      'items.yaml': (doc) => doc.setIn(['items', 0, 'handlingType'], 'instant'),
      'rating.yaml': (doc) => doc.setIn(['indicators', 0, 'colour'], 'red'),
    });
    expect(problems).toEqual([
      'items.yaml: items.0.handlingType: expected ("immediate" | "promised"), received "instant"',
      'rating.yaml: indicators.0.colour: unknown key',
    ]);
  });

  it('does not report references to an entry that failed its own schema as unknown', async () => {
    // Item 0 is in the birth bundle; its broken time limit is the only problem.
    const problems = await problemsAfter({ 'items.yaml': (doc) => doc.setIn(['items', 0, 'timeLimit', 'unit'], 'days') });
    expect(problems).toEqual([
      'items.yaml: items.0.timeLimit.unit: expected ("working-days" | "natural-days"), received "days"',
    ]);
  });

  it('rejects an empty file as a whole', async () => {
    const dir = await copySampleCatalog();
    await writeFile(join(dir, 'bundles.yaml'), '');
    expect(await problemsIn(dir)).toEqual(['bundles.yaml: expected Object, received null']);
  });

  it('lists every problem at once, grouped by file', async () => {
    let time = -1;
    const problems = await problemsAfter({
      'bundles.yaml': (doc) => {
        doc.setIn(['bundles', 0, 'items', 0, 'item'], '11000000XK-0001');
        doc.setIn(['bundles', 3, 'order'], 'last');
      },
      'fields.yaml': (doc) => {
        time = indexOf(doc, 'fields', 'key', 'newborn.birthTime');
        doc.setIn(['fields', time, 'validation', 'pattern'], '[');
      },
      'items.yaml': (doc) => doc.addIn(['items', 0, 'materials'], { key: 'unknownMaterial' }),
      'materials.yaml': (doc) => doc.setIn(['materials', 0, 'routes', 0, 'trustLevel'], 'E'),
    });
    expect(problems).toEqual([
      `fields.yaml: fields.${time}.validation.pattern: not a valid regular expression: Invalid regular expression: /[/: Unterminated character class`,
      'materials.yaml: materials.0.routes.0.trustLevel: expected ("A" | "B" | "C" | "D"), received "E"',
      'items.yaml: items.0.materials.5.key: unknown material "unknownMaterial"',
      'bundles.yaml: bundles.3.order: expected number, received "last"',
      'bundles.yaml: bundles.0.items.0.item: unknown item "11000000XK-0001"',
    ]);
  });
});

describe('selfServiceBundles', () => {
  it('lists the sample bundles in display order', async () => {
    const result = await loadCatalog(SAMPLE_CATALOG_DIR);
    if (!result.ok) throw new Error('sample rejected');
    expect(selfServiceBundles(result.catalog).map((b) => b.code)).toEqual(['110199PCN0009', '110199PCN0012', '110199PCN0013', '110199PCN0100']);
  });

  it('sorts by order, then code, and leaves out bundles with an item that is not self-service', async () => {
    const result = await loadCatalog(SAMPLE_CATALOG_DIR);
    if (!result.ok) throw new Error('sample rejected');
    const [birth, disability, retirement, business] = result.catalog.bundles;
    if (!birth || !disability || !retirement || !business) throw new Error('sample has four bundles');
    const catalog: Catalog = {
      ...result.catalog,
      bundles: [
        { ...birth, order: 5 },
        { ...disability, code: 'Z-LAST', order: 1 },
        { ...retirement, code: 'A-FIRST', order: 1 },
        { ...business, items: [...business.items, { item: '11019900SJ-XK-0201', required: false }] },
      ],
    };
    expect(selfServiceBundles(catalog).map((b) => b.code)).toEqual(['A-FIRST', 'Z-LAST', '110199PCN0009']);
  });
});
