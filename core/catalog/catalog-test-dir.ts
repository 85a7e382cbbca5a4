/**
 * Test support: copies of the shipped sample catalog in temporary directories, edited through the YAML
 * document model so each test breaks exactly one thing and the rest of the file stays as shipped.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseDocument, type Document } from 'yaml';
import { formatProblem } from '../config/load-config.ts';
import type { OptionalCatalogFile } from '../../backoffice/api/catalog-version.ts';
import { loadCatalog, type CatalogFile } from './load-catalog.ts';

export const SAMPLE_CATALOG_DIR = resolve(import.meta.dirname, '../../kiosk-config/default/catalog');

const copies: string[] = [];

export async function copySampleCatalog(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'kiosk-catalog-'));
  copies.push(dir);
  await cp(SAMPLE_CATALOG_DIR, dir, { recursive: true });
  return dir;
}

/** For `afterEach`. */
export async function removeCatalogCopies(): Promise<void> {
  await Promise.all(copies.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
}

export type Edits = Partial<Record<CatalogFile | OptionalCatalogFile, (doc: Document) => void>>;

export async function editCatalog(dir: string, edits: Edits): Promise<void> {
  for (const [file, edit] of Object.entries(edits)) {
    const path = join(dir, file);
    const doc = parseDocument(await readFile(path, 'utf8'));
    edit(doc);
    await writeFile(path, doc.toString());
  }
}

/** The problem lines of a sample copy after the edits; fails the test if the catalog still loads. */
export async function problemsAfter(edits: Edits): Promise<string[]> {
  const dir = await copySampleCatalog();
  await editCatalog(dir, edits);
  const result = await loadCatalog(dir);
  if (result.ok) throw new Error('expected the catalog to be rejected');
  return result.problems.map(formatProblem);
}

/**
 * Position of the entry whose `idKey` is `id` in a list, for building expected paths. `list` is a top-level
 * key or a path to a nested list, e.g. `['items', 0, 'fields']`.
 */
export function indexOf(doc: Document, list: string | readonly (string | number)[], idKey: string, id: string): number {
  let node: unknown = doc.toJS();
  for (const step of typeof list === 'string' ? [list] : list) node = (node as Record<string | number, unknown> | undefined)?.[step];
  const entries = Array.isArray(node) ? (node as Record<string, unknown>[]) : [];
  const index = entries.findIndex((entry) => entry[idKey] === id);
  if (index < 0) throw new Error(`no entry with ${idKey} "${id}" in ${String(list)} of the sample catalog`);
  return index;
}

/** A plain copy of one entry of a top-level list (aliases resolved), to append it again. */
export function entryCopy(doc: Document, list: string, index: number): Record<string, unknown> {
  const entries = (doc.toJS() as Record<string, Record<string, unknown>[]>)[list] ?? [];
  return structuredClone(entries[index] ?? {});
}

export function listLength(doc: Document, list: string): number {
  return ((doc.toJS() as Record<string, unknown[]>)[list] ?? []).length;
}

/** A field for the dictionary, made up for a test. */
export function testField(key: string, source: Record<string, unknown>, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { key, type: 'text', label: { 'zh-CN': '测试', en: 'Test' }, input: 'none', source, personal: false, ...extra };
}
