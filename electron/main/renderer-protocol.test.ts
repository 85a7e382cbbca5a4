import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RENDERER_ENTRY_URL, RENDERER_SCHEME_PRIVILEGES, rendererTarget, serveRendererRequest } from './renderer-protocol.ts';

const SECRET = 'secret beside the renderer';
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A built renderer in <tmp>/out/renderer, with a secret in <tmp>/out and <tmp>. */
async function builtRenderer() {
  const root = await mkdtemp(join(tmpdir(), 'kiosk-protocol-'));
  cleanups.push(() => rm(root, { recursive: true, force: true }));
  const dir = join(root, 'out', 'renderer');
  await mkdir(join(dir, 'assets'), { recursive: true });
  await writeFile(join(dir, 'index.html'), '<!doctype html><title>kiosk</title>');
  await writeFile(join(dir, 'assets', 'index-l3a77B1g.js'), 'console.log(1)');
  await writeFile(join(dir, 'assets', 'index-O-4XpGyI.css'), 'body{}');
  await writeFile(join(dir, 'assets', 'noto-sans-sc-1-400-normal-Ab_c.woff2'), 'wOF2');
  await writeFile(join(dir, '.env'), SECRET);
  await writeFile(join(root, 'out', 'secret.json'), SECRET);
  await writeFile(join(root, 'secret.json'), SECRET);
  return { dir };
}

const get = (url: string, method = 'GET') => new Request(url, { method });

/** Raw paths that try to leave the renderer directory or reach a file the build did not make. */
const ESCAPES = [
  'kiosk://app/../secret.json',
  'kiosk://app/../../secret.json',
  'kiosk://app/assets/../../secret.json',
  'kiosk://app/%2e%2e/secret.json',
  'kiosk://app/.%2E/.%2e/secret.json',
  'kiosk://app/..%2fsecret.json',
  'kiosk://app/..%2F..%2Fsecret.json',
  'kiosk://app/%2e%2e%2f%2e%2e%2fsecret.json',
  'kiosk://app/assets%2f..%2f..%2fsecret.json',
  'kiosk://app/..%5csecret.json',
  'kiosk://app/assets\\..\\..\\secret.json',
  'kiosk://app/..\\..\\secret.json',
  'kiosk://app//etc/passwd',
  'kiosk://app/%2fetc%2fpasswd',
  'kiosk://app/C:%5cWindows%5cwin.ini',
  'kiosk://app/C:/Windows/win.ini',
  'kiosk://app/%252e%252e%252fsecret.json',
  'kiosk://app/index.html%00.png',
  'kiosk://app/.env',
  'kiosk://app/assets/',
  'kiosk://app/%E0%A4%A',
];

describe('kiosk:// renderer protocol', () => {
  it('registers a standard, secure scheme without extra powers', () => {
    expect(RENDERER_SCHEME_PRIVILEGES).toEqual({ scheme: 'kiosk', privileges: { standard: true, secure: true, codeCache: true } });
    expect(RENDERER_ENTRY_URL).toBe('kiosk://app/index.html');
  });

  it('maps the page and its assets to files under the renderer directory', async () => {
    const { dir } = await builtRenderer();
    expect(rendererTarget('kiosk://app/index.html', dir)).toEqual({
      ok: true,
      file: join(dir, 'index.html'),
      contentType: 'text/html;charset=utf-8',
      immutable: false,
    });
    expect(rendererTarget('kiosk://app/', dir)).toMatchObject({ ok: true, file: join(dir, 'index.html') });
    expect(rendererTarget('kiosk://app/assets/index-l3a77B1g.js?v=1#x', dir)).toEqual({
      ok: true,
      file: join(dir, 'assets', 'index-l3a77B1g.js'),
      contentType: 'text/javascript',
      immutable: true,
    });
  });

  it('serves files with their type and the security headers', async () => {
    const { dir } = await builtRenderer();
    const page = await serveRendererRequest(get(RENDERER_ENTRY_URL), dir);
    expect(page.status).toBe(200);
    expect(await page.text()).toBe('<!doctype html><title>kiosk</title>');
    expect(page.headers.get('content-type')).toBe('text/html;charset=utf-8');
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(page.headers.get('cache-control')).toBe('no-store');
    for (const [path, type] of [
      ['assets/index-l3a77B1g.js', 'text/javascript'],
      ['assets/index-O-4XpGyI.css', 'text/css'],
      ['assets/noto-sans-sc-1-400-normal-Ab_c.woff2', 'font/woff2'],
    ]) {
      const response = await serveRendererRequest(get(`kiosk://app/${path}`), dir);
      expect([response.status, response.headers.get('content-type')], path).toEqual([200, type]);
    }
    const head = await serveRendererRequest(get(RENDERER_ENTRY_URL, 'HEAD'), dir);
    expect([head.status, await head.text(), head.headers.get('content-length')]).toEqual([200, '', '35']);
  });

  it('never serves a file outside the renderer directory, whatever the path looks like', async () => {
    const { dir } = await builtRenderer();
    for (const url of ESCAPES) {
      // A raw `..` is resolved as part of the URL (as Chromium does), naming a file inside the directory.
      const target = rendererTarget(url, dir);
      if (target.ok) expect(relative(dir, target.file), url).not.toMatch(/^\.\.|^[/\\]/);
      const response = await serveRendererRequest(get(url), dir);
      expect(response.status, url).toBeGreaterThanOrEqual(400);
      expect(await response.text(), url).not.toContain(SECRET);
    }
    expect(rendererTarget('kiosk://app/..%2fsecret.json', dir)).toMatchObject({ ok: false, status: 400 });
    expect(rendererTarget('kiosk://app/assets\\..\\..\\secret.json', dir)).toMatchObject({ ok: false, status: 400 });
  });

  it('answers only for its own origin, known file types, files that exist and GET or HEAD', async () => {
    const { dir } = await builtRenderer();
    for (const url of ['kiosk://evil/index.html', 'kiosk://app:8080/index.html', 'file:///etc/passwd', 'https://app/index.html']) {
      expect(rendererTarget(url, dir), url).toMatchObject({ ok: false, status: 404 });
    }
    expect(rendererTarget('not a url', dir)).toMatchObject({ ok: false, status: 400 });
    expect(rendererTarget('kiosk://app/assets/index-l3a77B1g.js.map', dir)).toMatchObject({ ok: false, status: 404 });
    expect((await serveRendererRequest(get('kiosk://app/missing.js'), dir)).status).toBe(404);
    expect((await serveRendererRequest(get('kiosk://app/assets.js'), dir)).status).toBe(404);
    const post = await serveRendererRequest(new Request(RENDERER_ENTRY_URL, { method: 'POST', body: 'x' }), dir);
    expect([post.status, post.headers.get('allow')]).toEqual([405, 'GET, HEAD']);
  });
});
