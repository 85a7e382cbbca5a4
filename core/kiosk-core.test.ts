/**
 * The composition root with everything real but the hardware: the shipped configuration and catalog,
 * the simulated devices speaking their protocols, the SQLite store and the embedded back office.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { VirtualSamReader } from '../devices/idcard/sim/virtual-sam.ts';
import { parseCardDescription } from '../devices/idcard/card-description.ts';
import { REPO_ROOT } from '../test/support/browser-host.ts';
import { until } from '../test/support/until.ts';
import { fillAndSubmit, type CitizenDriver } from '../test/support/scripted-citizen.ts';
import { loadCatalog } from './catalog/load-catalog.ts';
import { startKioskCore, type KioskCore } from './kiosk-core.ts';

const DEFAULT_CONFIG = join(REPO_ROOT, 'kiosk-config/default');
const dirs: string[] = [];
let core: KioskCore | undefined;
afterEach(async () => {
  await core?.close();
  core = undefined;
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

async function temp(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'kiosk-core-'));
  dirs.push(dir);
  return dir;
}

async function startCore(configDir = DEFAULT_CONFIG): Promise<KioskCore> {
  const dataDir = await temp();
  core = await startKioskCore({ locations: { configDir, dataDir, logDir: join(dataDir, 'logs') }, env: {} });
  return core;
}

describe('kiosk core', () => {
  it('starts a session when a card is put on the simulated reader', async () => {
    const kiosk = await startCore();
    expect(kiosk.sessions).toBeDefined();
    const card = JSON.parse(await readFile(join(REPO_ROOT, 'devices/idcard/sim/cards/resident-zhang-san.json'), 'utf8'));
    const parsed = parseCardDescription(card);
    if (!parsed.ok) throw new Error(parsed.problems.join('; '));
    (kiosk.devices!.simulation!.reader as VirtualSamReader).insertCard(parsed.card);
    await until(() => kiosk.runtime.snapshot().session.step === 'consent', 10_000);
    expect(kiosk.runtime.snapshot().session.transaction?.applicant).toEqual({ via: 'idcard', document: 'resident', name: '张*', idNumber: '110105********002X' });
    expect(await kiosk.runtime.api.sessionEvent({ type: 'user.consent', accepted: true })).toEqual({ accepted: true });
    await until(() => kiosk.runtime.snapshot().session.step === 'choose');
    expect(kiosk.runtime.snapshot().session.transaction?.bundles).toHaveLength(4);
    // Closing waits for the embedded back office, which creates its database on a first start.
  }, 30_000);

  it('is connected: records come in, the submission goes out with its case numbers, and the progress query shows it', async () => {
    const kiosk = await startCore();
    const snapshot = () => kiosk.runtime.snapshot();
    // The embedded back office opens its database in the background; until then the kiosk works offline.
    await until(() => snapshot().sync.backOffice === 'online', 20_000, 'the embedded back office');
    const card = parseCardDescription(JSON.parse(await readFile(join(REPO_ROOT, 'test/fixtures/cards/company-founder.json'), 'utf8')));
    if (!card.ok) throw new Error(card.problems.join('; '));
    const reader = kiosk.devices!.simulation!.reader as VirtualSamReader;
    reader.insertCard(card.card);
    await until(() => snapshot().session.step === 'consent', 10_000);
    reader.removeCard();
    const view = () => snapshot().session.transaction;
    const driver: CitizenDriver = {
      send: (event) => kiosk.sessions!.handle(event),
      view,
      settle: () => kiosk.sessions!.flush(),
    };
    const catalog = await loadCatalog(join(DEFAULT_CONFIG, 'catalog'));
    if (!catalog.ok) throw new Error('the shipped catalog does not load');
    const bundle = catalog.catalog.bundles.find((b) => b.name['zh-CN'].startsWith('企业开办'))!.code;
    const premises = '京(2025)示例市不动产权第0012345号';
    await fillAndSubmit(driver, bundle, [], { 'premises.certificateNumber': premises });
    await until(() => snapshot().session.step === 'rating', 10_000);
    expect(view()!.exchange).toBe('online');
    // The registry's record for that certificate gave the address: it is the department's, not typed.
    expect(view()!.fields.find((f) => f.key === 'enterprise.address')).toMatchObject({ origin: 'shared', editable: false, display: '示例市东城区创业路8号2层201室' });
    const receiptNumber = view()!.submission!.receiptNumber;
    await until(() => view()?.submission?.delivery === 'delivered', 15_000, 'the delivery');
    const caseNumbers = view()!.submission!.caseNumbers;
    expect(caseNumbers.length).toBeGreaterThan(1);
    expect(kiosk.sessions!.handle({ type: 'user.next' })).toBe(true);
    await until(() => snapshot().session.step === 'attract');

    expect(await kiosk.runtime.api.sessionEvent({ type: 'query.start' })).toEqual({ accepted: true });
    // The reader reads a card once per presence: it must have seen the card go before it comes back.
    await until(() => snapshot().devices.some((d) => d.kind === 'idCardReader' && d.code !== 'MEDIA_PRESENT'), 5_000);
    reader.insertCard(card.card);
    await until(() => snapshot().session.query?.status === 'results', 10_000);
    const query = snapshot().session.query!;
    expect(query.source).toBe('backoffice');
    const found = query.cases.find((c) => c.receiptNumber === receiptNumber)!;
    expect(found.delivered).toBe(true);
    expect(found.items.map((i) => i.caseNumber).sort()).toEqual(caseNumbers.map((c) => c.caseNumber).sort());
    expect(found.items.every((i) => i.status === 'received')).toBe(true);
    expect(JSON.stringify(snapshot())).not.toContain('110108198809200057');
  }, 60_000);

  it('goes out of service naming the file and path of every catalog problem', async () => {
    const configDir = await temp();
    await cp(DEFAULT_CONFIG, configDir, { recursive: true });
    const bundles = join(configDir, 'catalog/bundles.yaml');
    await writeFile(bundles, (await readFile(bundles, 'utf8')).replace('leadDepartment:', 'leadDept:'));
    const kiosk = await startCore(configDir);
    const { status } = kiosk.runtime.snapshot().kiosk;
    expect(status.state).toBe('unavailable');
    if (status.state !== 'unavailable') return;
    expect(status.reason).toBe('config');
    expect(status.details.some((d) => d.startsWith('catalog/bundles.yaml: bundles.0'))).toBe(true);
    expect(kiosk.sessions).toBeUndefined();
    expect(await kiosk.runtime.api.sessionEvent({ type: 'user.next' })).toEqual({ accepted: false });
  });
});
