/**
 * Catalog updates by version (DESIGN.md §6): when the back office publishes a catalog other than the one
 * this kiosk has, fetch it (GET /catalog with If-None-Match), check it with the same loader as the shipped
 * one, store it (catalog-cache.ts) and hand it over; switching to it at the next attract screen is the
 * sessions' business. A catalog that fails the checks is refused and reported, with its problems, in the
 * next heartbeat; the kiosk goes on with the catalog it has.
 */
import type { Catalog } from '../../kiosk-config/catalog-schema.ts';
import type { CatalogResponse } from '../../backoffice/api/schemas.ts';
import { OPTIONAL_CATALOG_FILES, type OptionalCatalogFile } from '../../backoffice/api/catalog-version.ts';
import { CATALOG_FILES, parseCatalog, type CatalogFile } from '../catalog/load-catalog.ts';
import { formatProblem } from '../config/load-config.ts';
import type { Logger } from '../logging/logger.ts';
import type { BackOfficeClient } from './backoffice-client.ts';
import type { CatalogCache, CatalogFiles } from './catalog-cache.ts';

export interface RefusedCatalog {
  readonly version: string;
  /** `file: path: message`, as the loader reports them; at most 50, each at most 500 characters. */
  readonly problems: readonly string[];
}

export interface CatalogUpdaterOptions {
  readonly client: Pick<BackOfficeClient, 'getCatalog'>;
  readonly cache: CatalogCache;
  /** The version the kiosk runs when the updater starts. */
  readonly currentVersion: string;
  /** A newer catalog, checked and stored. */
  readonly onCatalog: (catalog: Catalog) => void;
  readonly log?: Logger;
}

/** A downloaded catalog's verdict: usable, or refused with its problems. Pure. */
export function checkDownloadedCatalog(response: CatalogResponse): { ok: true; catalog: Catalog; files: CatalogFiles } | { ok: false; refused: RefusedCatalog } {
  const files = {} as Record<CatalogFile, Uint8Array> & Partial<Record<OptionalCatalogFile, Uint8Array>>;
  for (const file of CATALOG_FILES) files[file] = Buffer.from(response.files[file], 'utf8');
  for (const file of OPTIONAL_CATALOG_FILES) {
    const text = response.files[file];
    if (text !== undefined) files[file] = Buffer.from(text, 'utf8');
  }
  const result = parseCatalog(files);
  const problems = result.ok ? [] : result.problems.map(formatProblem);
  if (result.ok && result.catalog.version !== response.version) problems.push(`catalog: version: the files hash to ${result.catalog.version}, not ${response.version}`);
  if (!result.ok || problems.length > 0) return { ok: false, refused: { version: response.version, problems: problems.slice(0, 50).map((p) => p.slice(0, 500)) } };
  return { ok: true, catalog: result.catalog, files };
}

export class CatalogUpdater {
  readonly #o: CatalogUpdaterOptions;
  #version: string;
  #refused: RefusedCatalog | null = null;
  #checking: Promise<void> | undefined;

  constructor(options: CatalogUpdaterOptions) {
    this.#o = options;
    this.#version = options.currentVersion;
  }

  /** The newest catalog the kiosk has: running, or downloaded and waiting for the attract screen. */
  get version(): string {
    return this.#version;
  }

  /** The last catalog refused, for the heartbeat; null once a catalog is accepted. */
  get refused(): RefusedCatalog | null {
    return this.#refused;
  }

  /** The back office publishes `published`: fetch it unless the kiosk has it or already refused it. */
  offer(published: string | null): Promise<void> {
    if (published === null || published === this.#version || published === this.#refused?.version) return Promise.resolve();
    this.#checking ??= this.#fetch().finally(() => {
      this.#checking = undefined;
    });
    return this.#checking;
  }

  async #fetch(): Promise<void> {
    const answer = await this.#o.client.getCatalog(this.#version);
    if (answer.kind !== 'ok') {
      this.#o.log?.info({ reason: answer.reason }, 'catalog update: download failed, trying again at the next heartbeat');
      return;
    }
    if (answer.value === null) return;
    const checked = checkDownloadedCatalog(answer.value);
    if (!checked.ok) {
      this.#refused = checked.refused;
      this.#o.log?.error({ version: checked.refused.version, problems: checked.refused.problems }, 'catalog update refused: the kiosk keeps its catalog');
      return;
    }
    try {
      await this.#o.cache.write(checked.catalog.version, checked.files);
    } catch (error) {
      this.#o.log?.error({ err: error }, 'catalog update: storing the catalog failed, trying again at the next heartbeat');
      return;
    }
    this.#version = checked.catalog.version;
    this.#refused = null;
    this.#o.log?.info({ version: this.#version }, 'catalog update: new catalog stored, used from the next attract screen');
    this.#o.onCatalog(checked.catalog);
  }
}
