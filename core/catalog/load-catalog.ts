/**
 * Reads the service catalog (`<config dir>/catalog/`): the field dictionary, materials, items, bundles and
 * the rating set, in five YAML files, and 政策找人's rules in an optional sixth (policies.yaml). Each file is checked against its schema, then the files against each
 * other (check-catalog.ts). Every problem is collected and names its file and dotted path, so whoever edits
 * the catalog fixes it in one pass; a catalog with any problem is not used at all, because a half-valid
 * catalog would show citizens bundles that cannot be completed.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as v from 'valibot';
import {
  BundleSchema,
  CatalogFilesSchema,
  FieldSchema,
  ItemSchema,
  MaterialSchema,
  PolicySchema,
  type Bundle,
  type Catalog,
} from '../../kiosk-config/catalog-schema.ts';
import { parseYaml, toProblem, type ConfigProblem } from '../config/load-config.ts';
import type { CatalogList, Listed } from './catalog-refs.ts';
import { checkCatalog } from './check-catalog.ts';
import { CATALOG_FILES, OPTIONAL_CATALOG_FILES, catalogVersion, type CatalogFile, type OptionalCatalogFile } from '../../backoffice/api/catalog-version.ts';

/** The catalog's folder inside the config directory. */
export const CATALOG_DIR = 'catalog';

export { CATALOG_FILES, catalogVersion, type CatalogFile };

/** 政策找人's rules: optional, and a catalog without them suggests nothing. */
const POLICIES: OptionalCatalogFile = 'policies.yaml';

export type CatalogResult = { ok: true; catalog: Catalog } | { ok: false; problems: ConfigProblem[] };

export async function loadCatalog(dir: string): Promise<CatalogResult> {
  const files: Partial<Record<CatalogFile, Uint8Array>> = {};
  const problems: ConfigProblem[] = [];
  await Promise.all(
    CATALOG_FILES.map(async (file) => {
      try {
        files[file] = await readFile(join(dir, file));
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        const message = code === 'ENOENT' ? `file not found in ${dir}` : `cannot read file (${code ?? String(error)})`;
        problems.push({ file, path: '', message });
      }
    }),
  );
  const policies = await readFile(join(dir, POLICIES)).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') problems.push({ file: POLICIES, path: '', message: `cannot read file (${error.code ?? String(error)})` });
    return undefined;
  });
  return buildCatalog(policies ? { ...files, [POLICIES]: policies } : files, problems);
}

/** The same checks over files held in memory, e.g. a catalog downloaded from the back office. */
export function parseCatalog(files: Readonly<Record<CatalogFile, Uint8Array> & Partial<Record<OptionalCatalogFile, Uint8Array>>>): CatalogResult {
  return buildCatalog(files, []);
}

/** The bundles the kiosk offers, in display order: all of whose items are self-service. */
export function selfServiceBundles(catalog: Catalog): Bundle[] {
  // loadCatalog already rejects a bundle with any other item; a catalog built by other means (tests, a
  // future editor) gets the same guarantee here.
  return catalog.bundles
    .filter((bundle) => bundle.items.every((entry) => catalog.items.get(entry.item)?.selfService === true))
    .sort((a, b) => a.order - b.order || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

function buildCatalog(files: Readonly<Partial<Record<CatalogFile | OptionalCatalogFile, Uint8Array>>>, readProblems: ConfigProblem[]): CatalogResult {
  const problems = [...readProblems];
  const raw = new Map<CatalogFile | OptionalCatalogFile, unknown>();
  for (const file of [...CATALOG_FILES, ...OPTIONAL_CATALOG_FILES]) {
    const bytes = files[file];
    if (!bytes) continue;
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      problems.push({ file, path: '', message: 'not valid UTF-8 text' });
      continue;
    }
    const parsed = parseYaml(file, text);
    if (parsed.ok) raw.set(file, parsed.value);
    else problems.push(...parsed.problems);
  }

  const fields = parseList(raw, 'fields.yaml', 'fields', FieldSchema, 'key', problems);
  const materials = parseList(raw, 'materials.yaml', 'materials', MaterialSchema, 'key', problems);
  const items = parseList(raw, 'items.yaml', 'items', ItemSchema, 'implementationCode', problems);
  const bundles = parseList(raw, 'bundles.yaml', 'bundles', BundleSchema, 'code', problems);
  let rating: Catalog['rating'] | undefined;
  if (raw.has('rating.yaml')) {
    const result = v.safeParse(CatalogFilesSchema['rating.yaml'], raw.get('rating.yaml'));
    if (result.success) rating = result.output;
    else problems.push(...result.issues.map((issue) => toProblem('rating.yaml', issue)));
  }
  const policies = parseList(raw, POLICIES, 'policies', PolicySchema, 'key', problems);
  problems.push(...checkCatalog({ fields, materials, items, bundles, rating, policies }));

  if (problems.length > 0 || !rating || !hasAll(files)) return { ok: false, problems: inFileOrder(problems) };
  return {
    ok: true,
    catalog: {
      version: catalogVersion(files),
      fields: new Map(fields.entries.map(({ value }) => [value.key, value])),
      materials: new Map(materials.entries.map(({ value }) => [value.key, value])),
      items: new Map(items.entries.map(({ value }) => [value.implementationCode, value])),
      bundles: bundles.entries.map(({ value }) => value),
      rating,
      policies: policies.entries.map(({ value }) => value),
    },
  };
}

/**
 * Validates a list file as a whole (for the problems, with valibot's paths), then entry by entry, keeping
 * the entries that pass so the cross-reference checks can still run on them.
 */
function parseList<T>(
  raw: ReadonlyMap<CatalogFile | OptionalCatalogFile, unknown>,
  file: Exclude<CatalogFile | OptionalCatalogFile, 'rating.yaml'>,
  listKey: string,
  entrySchema: v.GenericSchema<unknown, T>,
  idKey: string,
  problems: ConfigProblem[],
): CatalogList<T> {
  const unknownList: CatalogList<T> = { entries: [], known: false, broken: new Set() };
  if (!raw.has(file)) return unknownList;
  const value = raw.get(file);
  const whole = v.safeParse(CatalogFilesSchema[file] as v.GenericSchema, value);
  if (!whole.success) problems.push(...whole.issues.map((issue) => toProblem(file, issue)));

  const list = isRecord(value) ? value[listKey] : undefined;
  if (!Array.isArray(list)) return unknownList;
  const entries: Listed<T>[] = [];
  const broken = new Set<string>();
  list.forEach((entry: unknown, index) => {
    const result = v.safeParse(entrySchema, entry);
    if (result.success) entries.push({ index, value: result.output });
    else if (isRecord(entry) && typeof entry[idKey] === 'string') broken.add(entry[idKey]);
  });
  return { entries, known: true, broken };
}

function hasAll(files: Readonly<Partial<Record<CatalogFile, Uint8Array>>>): files is Record<CatalogFile, Uint8Array> {
  return CATALOG_FILES.every((file) => files[file] !== undefined);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Grouped by file in catalog order; within a file, in the order found (schema first, then references). */
function inFileOrder(problems: readonly ConfigProblem[]): ConfigProblem[] {
  const order: readonly string[] = [...CATALOG_FILES, ...OPTIONAL_CATALOG_FILES];
  const rank = (p: ConfigProblem): number => order.indexOf(p.file);
  return [...problems].sort((a, b) => rank(a) - rank(b));
}
