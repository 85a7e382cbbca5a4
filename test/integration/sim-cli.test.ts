/**
 * `npm run sim` against a running browser host: the documented control path for tests, demos and
 * technicians, end to end through the built kiosk, its simulated devices and the production adapters.
 */
import { execFile } from 'node:child_process';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OUT_DIR, REPO_ROOT, startBrowserHost, type RunningHost } from '../support/browser-host.ts';

const run = promisify(execFile);
const CARD = join(REPO_ROOT, 'devices/idcard/sim/cards/resident-zhang-san.json');
const ID_NUMBER = '11010519491231002X';

let host: RunningHost;
let receiptDir: string;

async function sim(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [join(OUT_DIR, 'main/sim-cli.js'), ...args], {
      env: { ...process.env, KIOSK_DATA_DIR: host.dataDir },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

async function status(): Promise<{ devices: Record<string, { status: { state: string; code: string } }>; lastReceipt: string[] }> {
  const { stdout } = await sim('status');
  return JSON.parse(stdout.slice(stdout.indexOf('{')));
}

async function until(check: () => Promise<boolean>, ms = 10_000): Promise<void> {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > ms) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('npm run sim against a running kiosk', () => {
  beforeAll(async () => {
    host = await startBrowserHost();
    receiptDir = join(host.dataDir, 'sim-receipts');
    await until(async () => Object.values((await status()).devices).every((d) => d.status.state === 'READY'));
  }, 30_000);

  afterAll(async () => {
    expect(await host.stop()).toBe(0);
  });

  it('reports every simulated device ready', async () => {
    const state = await status();
    expect(Object.keys(state.devices).sort()).toEqual(['printer', 'reader', 'scanner']);
  });

  it('inserts a card that the reader reads once, and logs it without the ID number', async () => {
    expect((await sim('card', 'insert', CARD)).code).toBe(0);
    const log = join(host.dataDir, 'logs', 'kiosk.log');
    await until(async () => (await readFile(log, 'utf8')).includes('"card read"'));
    await new Promise((r) => setTimeout(r, 1000));
    const text = await readFile(log, 'utf8');
    expect(text.match(/"card read"/g)).toHaveLength(1);
    expect(text).not.toContain(ID_NUMBER);
    expect((await sim('card', 'remove')).code).toBe(0);
  });

  it('takes the printer out of service on paper out and back on paper ok', async () => {
    expect((await sim('printer', 'paper-out')).code).toBe(0);
    await until(async () => (await status()).devices.printer?.status.code === 'MEDIA_EMPTY');
    expect((await sim('printer', 'paper-ok')).code).toBe(0);
    await until(async () => (await status()).devices.printer?.status.code === 'OK');
  });

  it('unplugs a device and gets it back without a restart', async () => {
    expect((await sim('unplug', 'scanner')).code).toBe(0);
    await until(async () => (await status()).devices.scanner?.status.code === 'NOT_REACHABLE');
    expect((await sim('plug', 'scanner')).code).toBe(0);
    await until(async () => (await status()).devices.scanner?.status.code === 'OK');
  });

  it('accepts a scan and rejects bad commands with a clear message', async () => {
    expect((await sim('scan', 'https://zwfw.example.gov.cn/e-id?t=1', '--symbology', 'qr')).code).toBe(0);
    const bad = await sim('printer', 'explode');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^Usage: npm run sim/);
    const badCard = await sim('card', 'insert', join(REPO_ROOT, 'package.json'));
    expect(badCard.code).toBe(1);
    expect(badCard.stderr).toMatch(/invalid card description/);
    expect(await readdir(host.dataDir)).toContain('sim-control.json');
    expect(receiptDir).toContain(host.dataDir);
  });
});
