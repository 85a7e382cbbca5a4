/**
 * Downloaded catalogs under the data directory, one folder per version (`catalogs/<version>/` with the five
 * YAML files). A catalog is written into a temporary folder, synced, then renamed into place, and only then
 * named current in `catalogs/current.json` (itself replaced by rename): a crash leaves the previous catalog
 * in use, never half a new one. The current version and the one before it are kept (a session resumed after
 * an update still finds its catalog); older ones are removed.
 */
import { mkdir, mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as v from 'valibot';
import { CATALOG_FILES, OPTIONAL_CATALOG_FILES, type CatalogFile, type OptionalCatalogFile } from '../../backoffice/api/catalog-version.ts';
import { fsyncPath } from '../store/durable.ts';

const POINTER = 'current.json';
const VERSION = /^[0-9a-f]{12}$/;
const PointerSchema = v.strictObject({ current: v.pipe(v.string(), v.regex(VERSION)), previous: v.nullable(v.pipe(v.string(), v.regex(VERSION))) });
type Pointer = v.InferOutput<typeof PointerSchema>;

export type CatalogFiles = Readonly<Record<CatalogFile, Uint8Array> & Partial<Record<OptionalCatalogFile, Uint8Array>>>;

export interface CachedCatalog {
  readonly version: string;
  readonly dir: string;
}

export class CatalogCache {
  constructor(readonly dir: string) {}

  /** The current downloaded catalog, or undefined when there is none (or the pointer is damaged). */
  async current(): Promise<CachedCatalog | undefined> {
    return (await this.kept())[0];
  }

  /** The versions kept: current first, then the one before it. */
  async kept(): Promise<CachedCatalog[]> {
    const pointer = await this.#pointer();
    const versions = pointer ? [pointer.current, ...(pointer.previous ? [pointer.previous] : [])] : [];
    return versions.map((version) => ({ version, dir: join(this.dir, version) }));
  }

  /** Stores `files` as `version` and makes it current; returns its folder. */
  async write(version: string, files: CatalogFiles): Promise<string> {
    if (!VERSION.test(version)) throw new TypeError(`"version" must be 12 hex digits, got ${JSON.stringify(version).slice(0, 40)}`);
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    const target = join(this.dir, version);
    const temp = await mkdtemp(join(this.dir, '.incoming-'));
    try {
      for (const file of CATALOG_FILES) await writeDurably(join(temp, file), files[file]);
      for (const file of OPTIONAL_CATALOG_FILES) {
        const bytes = files[file];
        if (bytes) await writeDurably(join(temp, file), bytes);
      }
      fsyncPath(temp);
      await rm(target, { recursive: true, force: true });
      await rename(temp, target);
    } finally {
      await rm(temp, { recursive: true, force: true });
    }
    const before = await this.#pointer();
    const previous = before && before.current !== version ? before.current : (before?.previous ?? null);
    const pointerTemp = join(this.dir, `.${POINTER}.${process.pid}`);
    await writeDurably(pointerTemp, Buffer.from(JSON.stringify({ current: version, previous } satisfies Pointer)));
    await rename(pointerTemp, join(this.dir, POINTER));
    fsyncPath(this.dir);
    await this.#prune(new Set([version, ...(previous ? [previous] : [])]));
    return target;
  }

  async #pointer(): Promise<Pointer | undefined> {
    try {
      const parsed = v.safeParse(PointerSchema, JSON.parse(await readFile(join(this.dir, POINTER), 'utf8')));
      return parsed.success ? parsed.output : undefined;
    } catch {
      return undefined;
    }
  }

  async #prune(keep: ReadonlySet<string>): Promise<void> {
    for (const entry of await readdir(this.dir, { withFileTypes: true })) {
      if (entry.isDirectory() && !keep.has(entry.name)) await rm(join(this.dir, entry.name), { recursive: true, force: true });
    }
  }
}

async function writeDurably(path: string, bytes: Uint8Array): Promise<void> {
  await writeFile(path, bytes, { mode: 0o600 });
  fsyncPath(path);
}
