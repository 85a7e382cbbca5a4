import { mkdtemp, readFile, rm, writeFile, cp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { CATALOG_FILES, catalogVersion, type CatalogFile } from '../api/catalog-version.ts';
import type { HeartbeatRequest } from '../api/schemas.ts';
import { describeEachDatabase } from '../db/test-databases.ts';
import { publishCatalog } from '../model/catalogs.ts';
import { readCatalogDir } from '../seed/catalog-dir.ts';
import { backOfficeStarter, type TestBackOffice } from '../test-support.ts';

const SHIPPED = fileURLToPath(new URL('../../kiosk-config/default/catalog', import.meta.url));
const clock = Date.UTC(2026, 11, 2, 4);

async function shippedVersion(): Promise<string> {
  const files: Partial<Record<CatalogFile | 'policies.yaml', Uint8Array>> = {};
  for (const name of [...CATALOG_FILES, 'policies.yaml' as const]) files[name] = new Uint8Array(await readFile(join(SHIPPED, name)));
  return catalogVersion(files as Record<CatalogFile, Uint8Array>);
}

const heartbeat: HeartbeatRequest = {
  at: clock - 500,
  software: 'hall-kiosk 0.1.0',
  catalog: { version: '0123456789ab', refused: null },
  devices: [{ id: 'printer', kind: 'printer', status: 'UNAVAILABLE', code: 'MEDIA_EMPTY' }],
  queue: { submissions: { pending: 2, parked: 0, oldestUndeliveredAt: clock - 60_000 }, messages: { pending: 0, parked: 0, oldestUndeliveredAt: null } },
};

describeEachDatabase('GET /catalog and POST /heartbeats', (target) => {
  const start = backOfficeStarter(target, { now: () => clock });
  const getCatalog = (b: TestBackOffice, etag?: string) => b.send({ method: 'GET', path: '/catalog', headers: etag ? { 'if-none-match': etag } : {} });
  const beat = (b: TestBackOffice, body: HeartbeatRequest = heartbeat) => b.send({ method: 'POST', path: '/heartbeats', body });
  let edited: string | undefined;
  afterAll(() => edited && rm(edited, { recursive: true, force: true }));

  it('say so when no catalog was ever published', async () => {
    const b = await start();
    expect(await getCatalog(b)).toMatchObject({ status: 404, json: { error: 'no-catalog' } });
    expect(await beat(b)).toMatchObject({ status: 200, json: { catalogVersion: null, serverTime: clock } });
  });

  it('publish the shipped catalog into an empty database, under the version the kiosk computes', async () => {
    const b = await start({ catalogDir: SHIPPED });
    const version = await shippedVersion();
    const answer = await getCatalog(b);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('etag')).toBe(`"${version}"`);
    const body = answer.json as { version: string; files: Record<string, string> };
    expect(body.version).toBe(version);
    expect(Object.keys(body.files)).toEqual([...CATALOG_FILES, 'policies.yaml']);
    expect(body.files['bundles.yaml']).toBe(await readFile(join(SHIPPED, 'bundles.yaml'), 'utf8'));

    const unchanged = await getCatalog(b, `"${version}"`);
    expect([unchanged.status, unchanged.text, unchanged.headers.get('etag')]).toEqual([304, '', `"${version}"`]);
    expect((await getCatalog(b, `W/"${version}", "ffffffffffff"`)).status).toBe(304);
    expect((await getCatalog(b, '"ffffffffffff"')).status).toBe(200);
    expect(await beat(b)).toMatchObject({ json: { catalogVersion: version } });
  });

  it('serve a newly published catalog, and keep it over the shipped one at the next start', async () => {
    edited = await mkdtemp(join(tmpdir(), 'catalog-'));
    await cp(SHIPPED, edited, { recursive: true });
    await writeFile(join(edited, 'rating.yaml'), `${await readFile(join(SHIPPED, 'rating.yaml'), 'utf8')}# revised\n`);
    const version = await publishCatalog(await target.connect(), await readCatalogDir(edited), clock);
    expect(version).not.toBe(await shippedVersion());

    const b = await start({ catalogDir: SHIPPED });
    expect((await getCatalog(b, `"${await shippedVersion()}"`)).json).toMatchObject({ version });
    expect(await beat(b)).toMatchObject({ json: { catalogVersion: version } });
  });

  it('keep the latest heartbeat of each kiosk', async () => {
    const b = await start();
    await beat(b);
    const later = { ...heartbeat, devices: [], at: clock };
    expect((await beat(b, later)).status).toBe(200);
    const db = await target.connect();
    expect(await db.query('SELECT heartbeat FROM kiosk_heartbeats WHERE kiosk_id = $1', [b.credentials.kioskId])).toEqual([{ heartbeat: later }]);
    expect(await beat(b, { ...heartbeat, devices: 'none' } as unknown as HeartbeatRequest)).toMatchObject({ status: 400, json: { issues: [expect.stringMatching(/^devices: /)] } });
  });
});
