/**
 * Heartbeat and catalog updates against the reference back office on loopback: the heartbeat reports
 * devices, queues and a refused catalog; a published catalog is fetched, checked with the kiosk's own
 * loader, stored atomically and handed over; a broken one is refused and reported.
 */
import { randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../backoffice/db/database.ts';
import { publishCatalog } from '../../backoffice/model/catalogs.ts';
import { readCatalogDir } from '../../backoffice/seed/catalog-dir.ts';
import { startBackOffice, type BackOfficeServer } from '../../backoffice/server.ts';
import type { Catalog } from '../../kiosk-config/catalog-schema.ts';
import { REPO_ROOT } from '../../test/support/browser-host.ts';
import { TempDirs } from '../store/test-helpers.ts';
import { BackOfficeClient } from './backoffice-client.ts';
import { CatalogCache } from './catalog-cache.ts';
import { CatalogUpdater } from './catalog-updater.ts';
import { Heartbeat, type HeartbeatState } from './heartbeat.ts';
import { testCredentials } from './test-support.ts';

const SHIPPED = join(REPO_ROOT, 'kiosk-config/default/catalog');
const dirs = new TempDirs();
const cleanups: (() => unknown)[] = [];
let db: Database;
let server: BackOfficeServer;
beforeAll(async () => {
  db = await openDatabase({ memory: true });
  server = await startBackOffice({ database: db, catalogDir: SHIPPED });
}, 60_000);
afterAll(async () => {
  await server?.close();
  await db?.close();
});
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  await dirs.cleanup();
});

async function client(): Promise<{ client: BackOfficeClient; kioskId: string }> {
  const credentials = testCredentials(`K${randomUUID().slice(0, 8)}`);
  await server.registerKiosk(credentials);
  const c = new BackOfficeClient({ baseUrl: server.url, credentials, connectTimeoutMs: 1_000, responseTimeoutMs: 5_000 });
  cleanups.push(() => c.close());
  return { client: c, kioskId: credentials.kioskId };
}

const empty = { pending: 0, parked: 0, oldestUndeliveredAt: null };

describe('heartbeat and catalog updates', () => {
  it('fetches a published catalog once, stores it atomically and hands it over; reports what it refuses', async () => {
    const { client: c, kioskId } = await client();
    const cache = new CatalogCache(join(await dirs.make(), 'catalogs'));
    const received: Catalog[] = [];
    const updater = new CatalogUpdater({ client: c, cache, currentVersion: '000000000000', onCatalog: (catalog) => received.push(catalog) });
    const state = (): HeartbeatState => ({
      software: 'hall-kiosk 0.1.0',
      catalogVersion: updater.version,
      refusedCatalog: updater.refused,
      devices: [{ id: 'printer', kind: 'printer', status: 'UNAVAILABLE', code: 'MEDIA_EMPTY' }],
      queue: { submissions: { pending: 2, parked: 1, oldestUndeliveredAt: 1_000 }, messages: empty },
      alerts: [{ code: 'storage-full', since: 5_000, detail: 'committing the submission failed: the disk is full [SQLITE_FULL]' }],
    });
    const offers: Promise<void>[] = [];
    const heartbeat = new Heartbeat({ client: c, intervalMs: 60_000, state, onAck: (ack) => offers.push(updater.offer(ack.catalogVersion)) });

    const first = await heartbeat.beat();
    if (first.kind !== 'ok') throw new Error(first.reason);
    await Promise.all(offers);
    const published = first.value.catalogVersion!;
    expect(received.map((catalog) => catalog.version)).toEqual([published]);
    expect(updater.version).toBe(published);
    expect(await cache.current()).toEqual({ version: published, dir: join(cache.dir, published) });
    expect(await readFile(join(cache.dir, published, 'bundles.yaml'), 'utf8')).toBe(await readFile(join(SHIPPED, 'bundles.yaml'), 'utf8'));
    // 政策找人's optional policies.yaml travels with the catalog: handed over and kept.
    expect(received[0]!.policies?.map((policy) => policy.key)).toContain('retirement');
    expect(await readFile(join(cache.dir, published, 'policies.yaml'), 'utf8')).toBe(await readFile(join(SHIPPED, 'policies.yaml'), 'utf8'));
    const [row] = await db.query<{ heartbeat: { devices: unknown[]; queue: unknown } }>('SELECT heartbeat FROM kiosk_heartbeats WHERE kiosk_id = $1', [kioskId]);
    expect(row!.heartbeat).toMatchObject({
      devices: [{ id: 'printer', code: 'MEDIA_EMPTY' }],
      queue: { submissions: { pending: 2, parked: 1 } },
      alerts: [{ code: 'storage-full', since: 5_000 }],
    });

    // The same version again: nothing fetched, nothing handed over.
    await heartbeat.beat();
    await Promise.all(offers);
    expect(received).toHaveLength(1);

    // A broken catalog is published: refused, reported with its problems, never handed over or stored.
    const files = await readCatalogDir(SHIPPED);
    const broken = await publishCatalog(db, { ...files, 'bundles.yaml': files['bundles.yaml'].replace('leadDepartment:', 'leadDept:') }, Date.now());
    await heartbeat.beat();
    await Promise.all(offers);
    expect(updater.refused?.version).toBe(broken);
    expect(updater.refused?.problems.some((p) => p.startsWith('bundles.yaml: bundles.0'))).toBe(true);
    expect(received).toHaveLength(1);
    expect(await cache.current()).toEqual({ version: published, dir: join(cache.dir, published) });
    await heartbeat.beat();
    const [reported] = await db.query<{ heartbeat: { catalog: { version: string; refused: { version: string } | null } } }>('SELECT heartbeat FROM kiosk_heartbeats WHERE kiosk_id = $1', [kioskId]);
    expect(reported!.heartbeat.catalog).toMatchObject({ version: published, refused: { version: broken } });
    await publishCatalog(db, files, Date.now());
  }, 30_000);
});

describe('CatalogCache', () => {
  it('keeps the current and the previous version, nothing else, and no temporary folders', async () => {
    const cache = new CatalogCache(join(await dirs.make(), 'catalogs'));
    expect(await cache.current()).toBeUndefined();
    const files = Object.fromEntries(Object.entries(await readCatalogDir(SHIPPED)).map(([name, text]) => [name, Buffer.from(text)])) as never;
    for (const version of ['aaaaaaaaaaaa', 'bbbbbbbbbbbb', 'cccccccccccc']) await cache.write(version, files);
    const kept = [
      { version: 'cccccccccccc', dir: join(cache.dir, 'cccccccccccc') },
      { version: 'bbbbbbbbbbbb', dir: join(cache.dir, 'bbbbbbbbbbbb') },
    ];
    expect(await cache.current()).toEqual(kept[0]);
    expect(await cache.kept()).toEqual(kept);
    expect((await readdir(cache.dir)).sort()).toEqual(['bbbbbbbbbbbb', 'cccccccccccc', 'current.json']);
    await cache.write('cccccccccccc', files);
    expect(await cache.kept()).toEqual(kept);
    await expect(cache.write('../evil', files)).rejects.toThrow(TypeError);
  });
});
