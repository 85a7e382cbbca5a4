import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../backoffice/db/database.ts';
import { startBackOffice, type BackOfficeServer } from '../../backoffice/server.ts';
import { until } from '../../test/support/until.ts';
import { BackOfficeClient } from './backoffice-client.ts';
import { Reachability, type Reachable } from './reachability.ts';
import { testCredentials } from './test-support.ts';

let db: Database;
beforeAll(async () => {
  db = await openDatabase({ memory: true });
}, 60_000);
afterAll(() => db?.close());
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('Reachability (the back office on loopback)', () => {
  it('goes offline when the back office stops and online again within the offline interval once it is back', async () => {
    let server: BackOfficeServer = await startBackOffice({ database: db });
    const port = Number(new URL(server.url).port);
    const client = new BackOfficeClient({ baseUrl: server.url, credentials: testCredentials(), connectTimeoutMs: 500, responseTimeoutMs: 1_000 });
    cleanups.push(() => client.close());
    const changes: Reachable[] = [];
    const reach = new Reachability({
      check: async () => (await client.health()).kind === 'ok',
      onlineIntervalMs: 60_000,
      offlineIntervalMs: 100,
      onChange: (state) => changes.push(state),
    });
    cleanups.push(() => reach.stop());
    reach.start();
    await until(() => reach.state === 'online');
    const contact = reach.lastContactAt;
    expect(contact).toBeTypeOf('number');

    await server.close();
    expect(await reach.probeNow()).toBe('offline');
    expect(reach.lastContactAt).toBe(contact);

    server = await startBackOffice({ database: db, port });
    cleanups.push(() => server.close());
    const back = Date.now();
    // Nobody calls probeNow: the offline interval finds it.
    await until(() => reach.state === 'online', 2_000);
    expect(Date.now() - back).toBeLessThan(1_000);
    expect(changes).toEqual(['online', 'offline', 'online']);
  });

  it('joins a probe already under way', async () => {
    let calls = 0;
    const reach = new Reachability({ check: async () => (calls++, true), onlineIntervalMs: 60_000, offlineIntervalMs: 60_000 });
    cleanups.push(() => reach.stop());
    const [a, b] = await Promise.all([reach.probeNow(), reach.probeNow()]);
    expect([a, b, calls]).toEqual(['online', 'online', 1]);
  });
});
