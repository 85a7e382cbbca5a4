import { afterEach, describe, expect, it, vi } from 'vitest';
import { startBackOffice, type BackOfficeServer } from '../../backoffice/server.ts';
import { startBackOfficeProbe, type BackOfficeProbe } from './backoffice-probe.ts';
import type { SyncStatus } from '../contract/kiosk-view.ts';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function track(probe: BackOfficeProbe): BackOfficeProbe {
  cleanups.push(() => probe.stop());
  return probe;
}

describe('back office probe (real HTTP on loopback)', () => {
  it('reports online, then offline when the server goes away, then online again', async () => {
    let server: BackOfficeServer = await startBackOffice();
    const port = Number(new URL(server.url).port);
    const changes: SyncStatus['backOffice'][] = [];
    const probe = track(
      startBackOfficeProbe({ baseUrl: server.url, intervalMs: 60_000, onChange: (s) => changes.push(s.backOffice) }),
    );
    expect((await probe.probe()).backOffice).toBe('online');
    expect(probe.status.lastContactAt).toBeTypeOf('number');

    await server.close();
    expect((await probe.probe()).backOffice).toBe('offline');

    server = await startBackOffice({ port });
    cleanups.push(() => server.close());
    expect((await probe.probe()).backOffice).toBe('online');
    expect(changes).toEqual(['online', 'offline', 'online']);
  });

  it('treats a hung or failing back office as offline', async () => {
    const hung = vi.fn((_url: unknown, init?: RequestInit) => new Promise<Response>((_, reject) => {
      init?.signal?.addEventListener('abort', () => reject(init.signal?.reason));
    }));
    const probe = track(
      startBackOfficeProbe({ baseUrl: 'http://127.0.0.1:1', intervalMs: 60_000, timeoutMs: 20, onChange: () => undefined, fetch: hung as never }),
    );
    expect((await probe.probe()).backOffice).toBe('offline');

    const failing = vi.fn(async () => new Response('no', { status: 503 }));
    const probe2 = track(
      startBackOfficeProbe({ baseUrl: 'http://127.0.0.1:1', intervalMs: 60_000, onChange: () => undefined, fetch: failing as never }),
    );
    expect((await probe2.probe()).backOffice).toBe('offline');
  });
});
