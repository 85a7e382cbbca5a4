/**
 * The two hosts serve the same built renderer, one on kiosk://app (Electron), one on http://127.0.0.1 (the
 * browser host): a page must get the same security headers, types and caching from either.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { startHostServer } from '../../browser-host/http-server.ts';
import { serveRendererRequest } from '../../electron/main/renderer-protocol.ts';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const FILES = ['index.html', 'assets/index-l3a77B1g.js', 'assets/index-O-4XpGyI.css', 'assets/noto-sans-sc-1-400-normal-Ab_c.woff2'];
const COMPARED = ['content-type', 'content-security-policy', 'x-content-type-options', 'referrer-policy', 'cache-control'];

it('the Electron shell sends the same headers as the browser host for every kind of renderer file', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'kiosk-headers-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  await mkdir(join(dir, 'assets'));
  for (const file of FILES) await writeFile(join(dir, file), file);
  const host = await startHostServer({
    rendererDir: dir,
    credential: 'c'.repeat(43),
    port: 0,
    accepting: Promise.resolve(),
    onConnection: () => undefined,
    onRefused: () => undefined,
    onServeError: () => undefined,
  });
  cleanups.push(() => host.close());

  const pick = (headers: Headers) => COMPARED.map((name) => [name, headers.get(name)]);
  for (const file of FILES) {
    const electron = await serveRendererRequest(new Request(`kiosk://app/${file}`), dir);
    const browser = await fetch(`${host.origin}/${file}`);
    expect(browser.status, file).toBe(200);
    expect(pick(electron.headers), file).toEqual(pick(browser.headers));
  }
});
