/**
 * The catalog's files and its version, shared by the kiosk's loader and the back office that publishes
 * catalogs, so both name a catalog by the same content hash.
 */
import { createHash } from 'node:crypto';

/** In this order for the version hash and for the order problems are listed in. */
export const CATALOG_FILES = ['fields.yaml', 'materials.yaml', 'items.yaml', 'bundles.yaml', 'rating.yaml'] as const;
export type CatalogFile = (typeof CATALOG_FILES)[number];

/** Catalog files a catalog may go without: 政策找人's rules (policies.yaml). */
export const OPTIONAL_CATALOG_FILES = ['policies.yaml'] as const;
export type OptionalCatalogFile = (typeof OPTIONAL_CATALOG_FILES)[number];

/**
 * A short content hash, recorded with every submission so the back office knows which catalog it was made
 * with. Each file enters the hash framed by its name and length, so bytes moved from one file to the next
 * cannot produce the same version.
 */
export function catalogVersion(files: Readonly<Record<CatalogFile, Uint8Array> & Partial<Record<OptionalCatalogFile, Uint8Array>>>): string {
  const hash = createHash('sha256');
  // An optional file enters the hash only when present, so a catalog without it keeps its version.
  for (const file of [...CATALOG_FILES, ...OPTIONAL_CATALOG_FILES.filter((name) => files[name] !== undefined)]) {
    const bytes = files[file]!;
    hash.update(`${file}\0${bytes.byteLength}\0`);
    hash.update(bytes);
  }
  return hash.digest('hex').slice(0, 12);
}
