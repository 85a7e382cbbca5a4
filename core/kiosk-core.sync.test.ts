/**
 * The composition root's back-office wiring: the embedded back office (its own PGlite directory, a fresh
 * secret each start) receives a citizen's submission and rating through the sync worker; a remote back
 * office is reached with the configured credentials file, and a broken one leaves the kiosk working
 * offline with the problem in the sync status.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { cp, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { newSecret } from '../backoffice/api/signing.ts';
import { openDatabase } from '../backoffice/db/database.ts';
import { startBackOffice } from '../backoffice/server.ts';
import { parseCardDescription } from '../devices/idcard/card-description.ts';
import type { VirtualSamReader } from '../devices/idcard/sim/virtual-sam.ts';
import { REPO_ROOT } from '../test/support/browser-host.ts';
import { fillAndSubmit, type CitizenDriver } from '../test/support/scripted-citizen.ts';
import { until } from '../test/support/until.ts';
import { startKioskCore, type KioskCore } from './kiosk-core.ts';
import { openStore } from './store/database.ts';
import { EMBEDDED_BACKOFFICE_DIR } from './sync/back-office-link.ts';

const DEFAULT_CONFIG = join(REPO_ROOT, 'kiosk-config/default');
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function temp(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'kiosk-core-sync-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

async function startCore(configDir = DEFAULT_CONFIG): Promise<{ core: KioskCore; dataDir: string }> {
  const dataDir = await temp();
  const core = await startKioskCore({ locations: { configDir, dataDir, logDir: join(dataDir, 'logs') }, env: {} });
  cleanups.push(() => core.close());
  return { core, dataDir };
}

/** The default configuration with another backOffice section. */
async function configWith(backOffice: string): Promise<string> {
  const dir = await temp();
  await cp(DEFAULT_CONFIG, dir, { recursive: true });
  const file = join(dir, 'kiosk.yaml');
  await writeFile(file, (await readFile(file, 'utf8')).replace(/^backOffice:[\s\S]*?(?=^logging:)/m, `backOffice:\n${backOffice}\n`));
  return dir;
}

/** A back office on loopback with this kiosk registered, and a configuration that reaches it as remote. */
async function remoteBackOffice() {
  const db = await openDatabase({ memory: true });
  cleanups.push(() => db.close());
  const server = await startBackOffice({ database: db });
  cleanups.push(() => server.close());
  const credentials = { kioskId: 'DEMO-HALL-K01', secret: newSecret() };
  await server.registerKiosk(credentials);
  const credentialsFile = join(await temp(), 'credentials.json');
  await writeFile(credentialsFile, JSON.stringify(credentials), { mode: 0o600 });
  const configDir = await configWith(`  mode: remote\n  url: ${server.url}\n  credentialsFile: ${credentialsFile}\n  heartbeatIntervalSeconds: 10`);
  return { db, credentials, configDir };
}

describe('kiosk core and its back office', () => {
  it('delivers a citizen\'s submission and rating to the embedded back office', async () => {
    const { core, dataDir } = await startCore();
    const sync = () => core.runtime.snapshot().sync;
    await until(() => sync().backOffice === 'online' && sync().worker === 'idle', 30_000, 'embedded back office ready');
    expect((await stat(join(dataDir, EMBEDDED_BACKOFFICE_DIR))).isDirectory()).toBe(true);

    const card = parseCardDescription(JSON.parse(await readFile(join(REPO_ROOT, 'test/fixtures/cards/birth-mother.json'), 'utf8')));
    if (!card.ok) throw new Error(card.problems.join('; '));
    (core.devices!.simulation!.reader as VirtualSamReader).insertCard(card.card);
    const sessions = core.sessions!;
    const view = () => core.runtime.snapshot().session.transaction;
    await until(() => view()?.step === 'consent', 10_000);
    const driver: CitizenDriver = { send: (event) => sessions.handle(event), view, settle: () => sessions.flush().then(() => until(() => view() !== null)) };
    await fillAndSubmit(driver, '110199PCN0009');
    await until(() => view()?.step === 'rating', 10_000, 'receipt printed');
    expect(sessions.handle({ type: 'user.rate', level: 5, reasons: [] })).toBe(true);

    await until(() => sync().lastDeliveredAt != null && sync().queued === 0 && sync().messagesQueued === 0, 15_000, 'submission and rating delivered');
    expect(sync()).toMatchObject({ backOffice: 'online', parked: 0, lastError: null, oldestUndeliveredAt: null });
  }, 60_000);

  it('reaches a remote back office with the configured credentials file', async () => {
    const { db, credentials, configDir } = await remoteBackOffice();
    const { core } = await startCore(configDir);
    await until(() => core.runtime.snapshot().sync.backOffice === 'online', 10_000);
    const heartbeat = async () => (await db.query('SELECT 1 FROM kiosk_heartbeats WHERE kiosk_id = $1', [credentials.kioskId])).length;
    const deadline = Date.now() + 10_000;
    while ((await heartbeat()) === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await heartbeat()).toBe(1);
  }, 60_000);

  it('comes back when the stored rows were sealed with another key: sets them aside, reports them, serves the next citizen', async () => {
    const { db, credentials, configDir } = await remoteBackOffice();

    // Under key K1: a citizen's session in progress and an undelivered submission (with its final snapshot).
    const dataDir = await temp();
    const idNumber = '11010519491231002X';
    const k1 = await openStore({ dir: dataDir, keyProvider: { getKey: async () => randomBytes(32) } });
    k1.sessions.save(randomUUID(), 1, { value: 'form', context: { applicant: { idNumber, name: '张三' } } });
    const { entry } = k1.outbox.commitSubmission({
      submission: { idempotencyKey: randomUUID(), kioskId: credentials.kioskId, catalogVersion: 'aaaaaaaaaaaa', bundleCode: 'B1', applicantIdNumber: idNumber, payload: { applicant: { idNumber, name: '张三' } } },
      sessionId: randomUUID(),
      finalSnapshot: { value: 'submitted' },
      machineVersion: 1,
    });
    k1.close();

    // Restarted with key K2 (the key file lost, another keyring): it starts and is in service.
    const k2 = randomBytes(32);
    const core = await startKioskCore({ locations: { configDir, dataDir, logDir: join(dataDir, 'logs') }, env: {}, keyProvider: { getKey: async () => k2 } });
    cleanups.push(() => core.close());
    expect(core.runtime.snapshot().kiosk.status.state).toBe('available');
    expect(core.runtime.snapshot().session.step).toBe('attract');
    await until(() => core.runtime.snapshot().sync.backOffice === 'online', 10_000);
    // The lost submission is parked, not retried, not blocking.
    expect(core.runtime.snapshot().sync).toMatchObject({ queued: 1, parked: 1 });

    // The technician hears of it in the heartbeat.
    const alerts = async () => {
      const [row] = await db.query<{ heartbeat: { alerts?: { code: string; counts?: unknown; detail: string }[] } }>(
        'SELECT heartbeat FROM kiosk_heartbeats WHERE kiosk_id = $1',
        [credentials.kioskId],
      );
      return row?.heartbeat.alerts ?? [];
    };
    const deadline = Date.now() + 10_000;
    while ((await alerts()).length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    const [alert] = await alerts();
    expect(alert).toMatchObject({ code: 'undecryptable-rows', counts: { sessions: 2, submissions: 1, messages: 0 } });
    expect(alert!.detail).toContain(entry.receiptNumber);

    // The next citizen is served.
    const card = parseCardDescription(JSON.parse(await readFile(join(REPO_ROOT, 'test/fixtures/cards/birth-mother.json'), 'utf8')));
    if (!card.ok) throw new Error(card.problems.join('; '));
    (core.devices!.simulation!.reader as VirtualSamReader).insertCard(card.card);
    await until(() => core.runtime.snapshot().session.step === 'consent', 10_000);
    expect(core.sessions!.handle({ type: 'user.consent', accepted: true })).toBe(true);
    await until(() => core.runtime.snapshot().session.step === 'choose', 10_000);

    await core.close();
    const log = await readFile(core.logFile, 'utf8');
    const report = log.split('\n').find((line) => line.includes('LOST: 1 undelivered submission(s)'));
    expect(report).toBeDefined();
    expect(JSON.parse(report!)).toMatchObject({ level: 50, sessions: 2, submissions: 1, receiptNumbers: [entry.receiptNumber] });
    expect(log).not.toContain(idNumber);
    expect(log).not.toContain('张三');
  }, 60_000);

  it('keeps taking submissions offline when the credentials file is unusable, and says why', async () => {
    const credentialsFile = join(await temp(), `${randomUUID()}.json`);
    const secret = newSecret();
    await writeFile(credentialsFile, JSON.stringify({ kioskId: 'DEMO-HALL-K01', secret }), { mode: 0o644 });
    const { core } = await startCore(await configWith(`  mode: remote\n  url: http://127.0.0.1:9\n  credentialsFile: ${credentialsFile}`));
    expect(core.runtime.snapshot().kiosk.status.state).toBe('available');
    expect(core.sessions).toBeDefined();
    expect(core.runtime.snapshot().sync).toMatchObject({ backOffice: 'offline', worker: 'auth-refused', lastError: 'back-office-configuration' });
    await core.close();
    const log = await readFile(core.logFile, 'utf8');
    expect(log).toContain('is readable by others (mode 0644)');
    expect(log).not.toContain(secret);
  }, 30_000);
});
