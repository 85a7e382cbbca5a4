/**
 * Reads a catalog directory for publishing: the five files (and policies.yaml when present), each valid UTF-8 YAML. The back office does
 * not judge the catalog's content (the kiosk's loader does, and reports a refused catalog in its
 * heartbeat); it only refuses files that are missing or unreadable, naming them.
 */
import { access, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { CATALOG_FILES, OPTIONAL_CATALOG_FILES } from '../api/catalog-version.ts';
import type { CatalogFiles } from '../model/catalogs.ts';

// ignoreBOM keeps a byte-order mark in the text, so the version hashes the bytes the kiosk hashes.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export class CatalogDirError extends Error {}

async function readOne(dir: string, name: string): Promise<string> {
  const path = join(dir, name);
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new CatalogDirError(`${path}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : (error as Error).message}`);
  }
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw new CatalogDirError(`${path}: not UTF-8`);
  }
  const problem = parseDocument(text).errors[0];
  if (problem) throw new CatalogDirError(`${path}: ${problem.message.split('\n')[0]}`);
  return text;
}

/** The five files and the optional ones present; every problem named, in the files' order (not in whichever order the reads finish). */
export async function readCatalogDir(dir: string): Promise<CatalogFiles> {
  const optional = (await Promise.all(OPTIONAL_CATALOG_FILES.map(async (name) => ((await exists(join(dir, name))) ? [name] : [])))).flat();
  const names = [...CATALOG_FILES, ...optional];
  const reads = await Promise.allSettled(names.map((name) => readOne(dir, name)));
  const problems = reads.flatMap((read) => (read.status === 'rejected' ? [(read.reason as Error).message] : []));
  if (problems.length > 0) throw new CatalogDirError(problems.join('; '));
  return Object.fromEntries(names.map((name, i) => [name, (reads[i] as PromiseFulfilledResult<string>).value])) as CatalogFiles;
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}
