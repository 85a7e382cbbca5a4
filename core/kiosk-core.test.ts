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
    expect(kiosk.runtime.snapshot().session.transaction?.applicant).toEqual({ via: 'idcard', name: '张*', idNumber: '110105********002X' });
    expect(await kiosk.runtime.api.sessionEvent({ type: 'user.consent', accepted: true })).toEqual({ accepted: true });
    await until(() => kiosk.runtime.snapshot().session.step === 'choose');
    expect(kiosk.runtime.snapshot().session.transaction?.bundles).toHaveLength(4);
    // Closing waits for the embedded back office, which creates its database on a first start.
  }, 30_000);

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
