/**
 * Names for the codes and keys in a submission (fields, items, bundles, materials, rating reasons), taken
 * from the catalog the kiosk submitted with, else the current one. The staff page only reads labels, so the
 * YAML is read loosely: whatever is missing or odd shows the raw key instead. Catalogs are named by their
 * content hash, so a parsed one can be kept in memory without going stale.
 */
import { parse } from 'yaml';
import type { Queryable } from '../../db/database.ts';

export interface FieldInfo {
  readonly label: string;
  readonly type: string | undefined;
  /** Personal information (PIPL): masked unless revealed. */
  readonly personal: boolean;
  /** Choice values and their labels. */
  readonly choices: ReadonlyMap<string, string>;
}

export interface CatalogLabels {
  field(key: string): FieldInfo | undefined;
  /** An item's name, department and its form's field keys in the department's order. */
  item(code: string): { readonly name: string; readonly department: string | undefined; readonly fields: readonly string[] } | undefined;
  bundle(code: string): string | undefined;
  material(key: string): string | undefined;
  ratingReason(key: string): string | undefined;
}

type Entry = Record<string, unknown>;

/** The objects in `value` when it is a list; nothing otherwise. */
function objects(value: unknown): Entry[] {
  return Array.isArray(value) ? value.filter((e): e is Entry => e !== null && typeof e === 'object') : [];
}

/** The list `list` of a YAML file's top-level object. */
function entries(text: string | undefined, list: string): Entry[] {
  if (text === undefined) return [];
  try {
    const doc = parse(text) as unknown;
    return objects(doc !== null && typeof doc === 'object' ? (doc as Entry)[list] : undefined);
  } catch {
    return [];
  }
}

/** The zh-CN text of a `{zh-CN, en}` label. */
function zh(value: unknown): string | undefined {
  const text = value !== null && typeof value === 'object' ? (value as Entry)['zh-CN'] : undefined;
  return typeof text === 'string' ? text : undefined;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function keyed<T>(list: Entry[], key: string, value: (e: Entry) => T | undefined): Map<string, T> {
  const map = new Map<string, T>();
  for (const entry of list) {
    const k = str(entry[key]);
    const v = value(entry);
    if (k !== undefined && v !== undefined) map.set(k, v);
  }
  return map;
}

export function parseCatalogLabels(files: Readonly<Record<string, string>>): CatalogLabels {
  const fields = keyed(entries(files['fields.yaml'], 'fields'), 'key', (e): FieldInfo => ({
    label: zh(e.label) ?? String(e.key),
    type: str(e.type),
    personal: e.personal === true,
    choices: keyed(objects(e.choices), 'value', (c) => zh(c.label)),
  }));
  const items = keyed(entries(files['items.yaml'], 'items'), 'implementationCode', (e) => {
    const name = zh(e.name);
    const fields = objects(e.fields).flatMap((f) => str(f.key) ?? []);
    return name === undefined ? undefined : { name, department: zh(e.department), fields };
  });
  const bundles = keyed(entries(files['bundles.yaml'], 'bundles'), 'code', (e) => zh(e.name));
  const materials = keyed(entries(files['materials.yaml'], 'materials'), 'key', (e) => zh(e.name));
  const reasons = keyed(entries(files['rating.yaml'], 'lowLevelReasons'), 'key', (e) => zh(e.label));
  return {
    field: (key) => fields.get(key),
    item: (code) => items.get(code),
    bundle: (code) => bundles.get(code),
    material: (key) => materials.get(key),
    ratingReason: (key) => reasons.get(key),
  };
}

const NO_CATALOG = parseCatalogLabels({});
const CACHE_SIZE = 8;
const cache = new Map<string, CatalogLabels>();

/** The labels of catalog `version` if it was published here, else of the current catalog, else none. */
export async function catalogLabels(db: Queryable, version: string | null): Promise<CatalogLabels> {
  const [row] = await db.query<{ version: string }>('SELECT version FROM catalogs WHERE version = $1 OR is_current ORDER BY (version = $1) DESC LIMIT 1', [version ?? '']);
  if (!row) return NO_CATALOG;
  const cached = cache.get(row.version);
  if (cached) return cached;
  const [published] = await db.query<{ files: Record<string, string> }>('SELECT files FROM catalogs WHERE version = $1', [row.version]);
  const labels = parseCatalogLabels(published?.files ?? {});
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
  cache.set(row.version, labels);
  return labels;
}
