/**
 * The renderer is served from `kiosk://app/`, a privileged custom scheme, instead of `file://`: a page on
 * file:// may read other local files, while this scheme answers only for the files of the built renderer.
 * Pure Node (web Request/Response, node:fs), so it is tested without the Electron binary; index.ts only
 * registers the scheme and hands requests here. Inside a packaged app the directory is in app.asar, which
 * Electron's fs reads (and checks against the asar integrity hash).
 */
import { readFile } from 'node:fs/promises';
import { extname, isAbsolute, relative, resolve } from 'node:path';
import type { CustomScheme } from 'electron';

export const RENDERER_SCHEME = 'kiosk';
const RENDERER_HOST = 'app';
/** The one page the kiosk window loads, and the only one whose main frame may speak RPC (policy.ts). */
export const RENDERER_ENTRY_URL = `${RENDERER_SCHEME}://${RENDERER_HOST}/index.html`;

/**
 * Standard, so relative URLs resolve and the page has an origin of its own for `'self'` in the CSP; secure,
 * so it is a secure context like https. V8 caches its scripts (cold start). Nothing else: no CSP bypass, no
 * service workers, and no `corsEnabled`, which would let other origins read these files.
 */
export const RENDERER_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: RENDERER_SCHEME,
  privileges: { standard: true, secure: true, codeCache: true },
};

/**
 * The same headers the browser host sends with every file (browser-host/http-server.ts; a test compares
 * them): what a <meta> CSP cannot express, the full policy being in renderer/index.html.
 */
export const RENDERER_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': "frame-ancestors 'none'; base-uri 'none'; object-src 'none'; form-action 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

/** The kinds of file the built renderer contains; anything else is not served (nosniff needs a true type). */
const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html;charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
};

/**
 * Names Vite gives the renderer's files (`index-l3a77B1g.js`): no dot first (so neither `.` nor `..` nor a
 * hidden file), no slash or backslash once decoded, no drive colon, no NUL, no percent left over.
 */
const SAFE_SEGMENT = /^[\w-][\w.-]*$/;

export type RendererTarget =
  | { readonly ok: true; readonly file: string; readonly contentType: string; readonly immutable: boolean }
  | { readonly ok: false; readonly status: 400 | 404; readonly reason: string };

const refuse = (status: 400 | 404, reason: string): RendererTarget => ({ ok: false, status, reason });

/**
 * The file a `kiosk://app/…` URL names under `rendererDir`, or why none is served. Chromium has already
 * removed `.` and `..` segments from a standard scheme's URL; nothing here relies on that: every decoded
 * segment must be a plain file name, and the result must still lie inside the directory.
 */
export function rendererTarget(requestUrl: string, rendererDir: string): RendererTarget {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return refuse(400, 'unparseable URL');
  }
  if (url.protocol !== `${RENDERER_SCHEME}:` || url.host !== RENDERER_HOST) return refuse(404, 'not the renderer origin');
  const pathname = url.pathname === '' || url.pathname === '/' ? '/index.html' : url.pathname;
  const segments: string[] = [];
  for (const raw of pathname.slice(1).split('/')) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return refuse(400, 'malformed percent-encoding');
    }
    if (!SAFE_SEGMENT.test(segment)) return refuse(400, 'unsafe path segment');
    segments.push(segment);
  }
  const root = resolve(rendererDir);
  const file = resolve(root, ...segments);
  const inside = relative(root, file);
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) return refuse(400, 'outside the renderer directory');
  const contentType = CONTENT_TYPES[extname(file).toLowerCase()];
  if (!contentType) return refuse(404, 'not a renderer file type');
  // Vite puts content-hashed files under assets/: their bytes never change under the same name.
  return { ok: true, file, contentType, immutable: segments[0] === 'assets' };
}

/** The response to one request on the scheme: the file with its type and the security headers, or an empty error. */
export async function serveRendererRequest(request: Request, rendererDir: string): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return new Response(null, { status: 405, headers: { ...RENDERER_SECURITY_HEADERS, Allow: 'GET, HEAD' } });
  }
  const target = rendererTarget(request.url, rendererDir);
  if (!target.ok) return new Response(null, { status: target.status, headers: RENDERER_SECURITY_HEADERS });
  let body: Buffer;
  try {
    body = await readFile(target.file);
  } catch {
    // Missing, a directory, unreadable: the page only asks for files the build produced.
    return new Response(null, { status: 404, headers: RENDERER_SECURITY_HEADERS });
  }
  const headers = {
    ...RENDERER_SECURITY_HEADERS,
    'Content-Type': target.contentType,
    'Content-Length': String(body.byteLength),
    'Cache-Control': target.immutable ? 'public, max-age=31536000, immutable' : 'no-store',
  };
  return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers });
}
