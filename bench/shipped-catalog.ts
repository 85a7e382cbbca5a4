/** The shipped sample catalog, loaded and checked as the kiosk loads it. */
import { join } from 'node:path';
import type { Catalog } from '../kiosk-config/catalog-schema.ts';
import { loadCatalog } from '../core/catalog/load-catalog.ts';
import { formatProblem } from '../core/config/load-config.ts';
import { REPO_ROOT } from '../test/support/browser-host.ts';

export const SHIPPED_CATALOG_DIR = join(REPO_ROOT, 'kiosk-config/default/catalog');

export async function shippedCatalog(): Promise<Catalog> {
  const loaded = await loadCatalog(SHIPPED_CATALOG_DIR);
  if (!loaded.ok) throw new Error(loaded.problems.map(formatProblem).join('\n'));
  return loaded.catalog;
}
