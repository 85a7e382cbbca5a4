/**
 * 1,000 consecutive citizen sessions through core (DESIGN.md §9: core RSS growth ≤ 30 MB): the shipped
 * catalog, the real SQLite store with every snapshot sealed and synced, receipts laid out and encoded for a
 * printer that accepts them. Each session goes card → consent → bundle → form → materials → submit →
 * receipt → rating → wipe, the four sample bundles in turn. RSS is sampled after a warm-up and a GC.
 */
import { DEFAULT_RECEIPT_WORDING } from '../kiosk-config/schema.ts';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { loadCatalog } from '../core/catalog/load-catalog.ts';
import { formatProblem } from '../core/config/load-config.ts';
import type { TransactionView } from '../core/contract/transaction-view.ts';
import { fileKeyProvider } from '../core/store/crypto.ts';
import { openStore } from '../core/store/database.ts';
import { KioskSessions } from '../core/transaction/kiosk-sessions.ts';
import type { IdCardRead } from '../devices/idcard/id-card-reader.ts';
import { withLabels } from '../devices/idcard/id-card-text.ts';
import { REPO_ROOT } from '../test/support/browser-host.ts';
import { fillAndSubmit } from '../test/support/scripted-citizen.ts';

/** A resident woman of 52, whom every sample bundle's rules accept (retirement: women from 45 or 50). */
const CARD: IdCardRead = {
  card: withLabels({
    type: 'resident',
    name: '测试员',
    gender: '2',
    nation: '01',
    birthDate: '1974-06-15',
    address: '北京市东城区测试路1号',
    idNumber: '110101197406150025',
    issuer: '北京市公安局东城分局',
    validFrom: '2020-01-01',
    validTo: '2040-01-01',
  }),
  valid: true,
  problems: [],
  photoWlt: new Uint8Array(1024),
  photo: null,
  fingerprint: null,
  readMs: 100,
  frameBytes: 1295,
};

export interface SessionsBench {
  readonly sessions: number;
  readonly msPerSession: number;
  readonly rssGrowthMb: number;
  readonly heapGrowthMb: number;
}

export async function measureSessions(count: number): Promise<SessionsBench> {
  const loaded = await loadCatalog(join(REPO_ROOT, 'kiosk-config/default/catalog'));
  if (!loaded.ok) throw new Error(loaded.problems.map(formatProblem).join('\n'));
  const dir = await mkdtemp(join(tmpdir(), 'kiosk-bench-sessions-'));
  const store = await openStore({ dir, keyProvider: fileKeyProvider(join(dir, 'store.key')) });
  let latest: TransactionView | null = null;
  let ended = 0;
  const sessions = new KioskSessions({
    catalog: loaded.catalog,
    store,
    kioskId: 'BENCH',
    hallName: '基准测试大厅',
    receiptWording: DEFAULT_RECEIPT_WORDING,
    log: pino({ level: 'silent' }),
    maxResumeAgeMs: 60_000,
    print: async () => undefined,
    resolveEid: async () => ({ ok: false, reason: 'offline' }),
    onView: (view, end) => {
      latest = view;
      if (end) ended++;
    },
  });
  const driver = { send: sessions.handle.bind(sessions), view: () => latest, settle: () => sessions.flush() };
  const until = async (done: () => boolean) => {
    while (!done()) await new Promise((resolve) => setImmediate(resolve));
  };
  const one = async (i: number) => {
    const bundle = loaded.catalog.bundles[i % loaded.catalog.bundles.length]!;
    sessions.cardRead(CARD);
    await fillAndSubmit(driver, bundle.code);
    await until(() => latest?.step === 'rating');
    sessions.handle({ type: 'user.rate', level: 5, reasons: [] });
    await until(() => ended === i + 1);
  };
  const sample = () => {
    global.gc?.();
    return process.memoryUsage();
  };
  try {
    const warmUp = Math.min(50, count);
    for (let i = 0; i < warmUp; i++) await one(i);
    const before = sample();
    const started = performance.now();
    for (let i = warmUp; i < warmUp + count; i++) await one(i);
    const elapsed = performance.now() - started;
    const after = sample();
    return {
      sessions: count,
      msPerSession: elapsed / count,
      rssGrowthMb: (after.rss - before.rss) / 2 ** 20,
      heapGrowthMb: (after.heapUsed - before.heapUsed) / 2 ** 20,
    };
  } finally {
    await sessions.stop();
    store.close();
    await rm(dir, { recursive: true, force: true });
  }
}
