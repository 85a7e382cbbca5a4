import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { CatalogDirError, readCatalogDir } from './catalog-dir.ts';

const SHIPPED = fileURLToPath(new URL('../../kiosk-config/default/catalog', import.meta.url));
const dirs: string[] = [];
afterEach(() => Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true }))));

async function copyWith(file: string, content: string | Uint8Array | undefined): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'catalog-dir-'));
  dirs.push(dir);
  await cp(SHIPPED, dir, { recursive: true });
  if (content === undefined) await rm(join(dir, file));
  else await writeFile(join(dir, file), content);
  return dir;
}

describe('reading a catalog directory to publish', () => {
  it('reads the five files as they are, a byte-order mark included', async () => {
    const withBom = `\ufeff# rating\n`;
    const files = await readCatalogDir(await copyWith('rating.yaml', withBom));
    expect(Object.keys(files)).toEqual(['fields.yaml', 'materials.yaml', 'items.yaml', 'bundles.yaml', 'rating.yaml', 'policies.yaml']);
    expect(files['rating.yaml']).toBe(withBom);
  });

  it('leaves out policies.yaml when the directory has none (it is optional)', async () => {
    const files = await readCatalogDir(await copyWith('policies.yaml', undefined));
    expect(Object.keys(files)).toEqual(['fields.yaml', 'materials.yaml', 'items.yaml', 'bundles.yaml', 'rating.yaml']);
  });

  it('names a missing file, a file that is not UTF-8 and one that is not YAML', async () => {
    await expect(readCatalogDir(await copyWith('items.yaml', undefined))).rejects.toThrow(/items\.yaml: missing$/);
    await expect(readCatalogDir(await copyWith('fields.yaml', new Uint8Array([0x66, 0xff, 0x0a])))).rejects.toThrow(/fields\.yaml: not UTF-8$/);
    await expect(readCatalogDir(await copyWith('bundles.yaml', 'bundles: [unclosed\n'))).rejects.toThrow(CatalogDirError);
    await expect(readCatalogDir(join(tmpdir(), 'no-such-catalog-dir'))).rejects.toThrow(/^\S*fields\.yaml: missing; \S*materials\.yaml: missing; .*rating\.yaml: missing$/);
  });
});
