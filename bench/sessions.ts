/**
 * 1,000 consecutive citizen sessions through core (DESIGN.md §9: core RSS growth ≤ 30 MB): the shipped
 * catalog, the real SQLite store with every snapshot sealed and synced, receipts laid out and encoded for a
 * printer that accepts them. Each session goes card → consent → bundle → form → materials → submit →
 * receipt → rating → wipe, the four sample bundles in turn. RSS is sampled after a warm-up and a GC.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileKeyProvider } from '../core/store/crypto.ts';
import { openStore } from '../core/store/database.ts';
import { scriptedKiosk } from './citizen-sessions.ts';
import { shippedCatalog } from './shipped-catalog.ts';

export interface SessionsBench {
  readonly sessions: number;
  readonly msPerSession: number;
  readonly rssGrowthMb: number;
  readonly heapGrowthMb: number;
}

export async function measureSessions(count: number): Promise<SessionsBench> {
  const catalog = await shippedCatalog();
  const dir = await mkdtemp(join(tmpdir(), 'kiosk-bench-sessions-'));
  const store = await openStore({ dir, keyProvider: fileKeyProvider(join(dir, 'store.key')) });
  const kiosk = scriptedKiosk(store, catalog, 'BENCH');
  const sample = () => {
    global.gc?.();
    return process.memoryUsage();
  };
  try {
    const warmUp = Math.min(50, count);
    for (let i = 0; i < warmUp; i++) await kiosk.session(i);
    const before = sample();
    const started = performance.now();
    for (let i = warmUp; i < warmUp + count; i++) await kiosk.session(i);
    const elapsed = performance.now() - started;
    const after = sample();
    return {
      sessions: count,
      msPerSession: elapsed / count,
      rssGrowthMb: (after.rss - before.rss) / 2 ** 20,
      heapGrowthMb: (after.heapUsed - before.heapUsed) / 2 ** 20,
    };
  } finally {
    await kiosk.stop();
    store.close();
    await rm(dir, { recursive: true, force: true });
  }
}
