/**
 * Published service catalogs. A catalog is its five files as text, named by its content hash
 * (api/catalog-version.ts), so kiosk and back office name it alike; exactly one is current (a unique
 * partial index). Publishing an older version again makes it current again.
 */
import type { CatalogResponse } from '../api/schemas.ts';
import { CATALOG_FILES, OPTIONAL_CATALOG_FILES, catalogVersion, type CatalogFile, type OptionalCatalogFile } from '../api/catalog-version.ts';
import type { Database, Queryable } from '../db/database.ts';

export type CatalogFiles = Readonly<Record<CatalogFile, string> & Partial<Record<OptionalCatalogFile, string>>>;

/** The files present, in CATALOG_FILES order then the optional ones, whatever order they came in. */
function present(files: CatalogFiles): [CatalogFile | OptionalCatalogFile, string][] {
  return [...CATALOG_FILES, ...OPTIONAL_CATALOG_FILES].flatMap((name) => (files[name] === undefined ? [] : [[name, files[name]] as [CatalogFile | OptionalCatalogFile, string]]));
}

function ordered(files: CatalogFiles): CatalogFiles {
  return Object.fromEntries(present(files)) as CatalogFiles;
}

export function versionOf(files: CatalogFiles): string {
  const encoder = new TextEncoder();
  return catalogVersion(Object.fromEntries(present(files).map(([name, text]) => [name, encoder.encode(text)])) as Record<CatalogFile, Uint8Array>);
}

/** Publishes `files` as the current catalog; returns its version. */
export async function publishCatalog(db: Database, files: CatalogFiles, now: number): Promise<string> {
  const version = versionOf(files);
  await db.transaction(async (tx) => {
    await tx.query('UPDATE catalogs SET is_current = false WHERE is_current AND version <> $1', [version]);
    await tx.query(
      `INSERT INTO catalogs (version, files, published_at, is_current) VALUES ($1, $2::jsonb, $3, true)
       ON CONFLICT (version) DO UPDATE SET is_current = true, published_at = excluded.published_at`,
      [version, JSON.stringify(ordered(files)), now],
    );
  });
  return version;
}

export async function currentCatalogVersion(db: Queryable): Promise<string | null> {
  const [row] = await db.query<{ version: string }>('SELECT version FROM catalogs WHERE is_current');
  return row?.version ?? null;
}

export async function currentCatalog(db: Queryable): Promise<CatalogResponse | undefined> {
  const [row] = await db.query<{ version: string; files: CatalogFiles }>('SELECT version, files FROM catalogs WHERE is_current');
  return row && { version: row.version, files: ordered(row.files) };
}

/** Whether any catalog was ever published (an empty database gets the shipped one). */
export async function hasCatalog(db: Queryable): Promise<boolean> {
  return (await db.query('SELECT 1 FROM catalogs LIMIT 1')).length > 0;
}
