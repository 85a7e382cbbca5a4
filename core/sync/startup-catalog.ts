/**
 * Which catalog the kiosk starts with: with a remote back office, the last one downloaded (catalog-cache.ts)
 * when it still loads, else the shipped one; with the embedded back office, the shipped one (it is what
 * that back office was seeded with). Every catalog kept in the cache is loaded too, so a session resumed
 * after an update finds the catalog it was made with.
 */
import type { Catalog } from '../../kiosk-config/catalog-schema.ts';
import { loadCatalog, type CatalogResult } from '../catalog/load-catalog.ts';
import type { Logger } from '../logging/logger.ts';
import type { CatalogCache } from './catalog-cache.ts';

export interface StartupCatalogs {
  /** The catalog to start with, or the shipped one's problems. */
  readonly result: CatalogResult;
  /** Where it came from, for the log. */
  readonly from: string;
  /** Every catalog the kiosk can resume a session with, by version. */
  readonly known: Map<string, Catalog>;
}

export async function startupCatalogs(cache: CatalogCache, shippedDir: string, preferDownloaded: boolean, log: Logger): Promise<StartupCatalogs> {
  const known = new Map<string, Catalog>();
  for (const { dir } of await cache.kept()) {
    const kept = await loadCatalog(dir);
    if (kept.ok) known.set(kept.catalog.version, kept.catalog);
    else log.warn({ dir, problems: kept.problems.length }, 'a downloaded catalog no longer loads: ignored');
  }
  const current = await cache.current();
  const downloaded = preferDownloaded && current ? known.get(current.version) : undefined;
  if (downloaded) return { result: { ok: true, catalog: downloaded }, from: current!.dir, known };
  const shipped = await loadCatalog(shippedDir);
  if (shipped.ok) known.set(shipped.catalog.version, shipped.catalog);
  return { result: shipped, from: shippedDir, known };
}
