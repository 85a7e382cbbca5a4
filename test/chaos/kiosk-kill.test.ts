/**
 * kill -9 of the kiosk core at random points of submission and sync (DESIGN.md §6, §10). A child process
 * runs the session side (SessionRunner on the real store, the shipped catalog, a citizen in the same
 * process) and the sync worker, delivering to the reference back office in this process on loopback. Each
 * round a citizen goes through a bundle while one kill point is armed, and the child is SIGKILLed there:
 *
 * - in the child, which freezes at the point and waits for the kill: before, inside (receipt number and
 *   outbox row written, transaction open) and after the commit, while printing, after claiming rows, before
 *   and after recording acknowledgements, while ending the session;
 * - in the back office's request path: when a submission arrives (before it is stored), and after it was
 *   committed but before the answer leaves (the kiosk never hears of it);
 * - at a random moment after the citizen started.
 *
 * The next child (started ahead, waiting with the catalog loaded) opens the same data directory, resumes
 * the session, finishes it with the same citizen and goes on delivering. In the end the receipts the
 * children printed, the kiosk's outbox and the back office's tables must agree: exactly once, nothing lost.
 */
import { randomInt } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { newSecret } from '../../backoffice/api/signing.ts';
import { openDatabase, type Database, type Queryable } from '../../backoffice/db/database.ts';
import { startBackOffice, type BackOfficeServer } from '../../backoffice/server.ts';
import { loadCatalog, selfServiceBundles } from '../../core/catalog/load-catalog.ts';
import { fileKeyProvider } from '../../core/store/crypto.ts';
import { openStore } from '../../core/store/database.ts';
import { bundleScript } from '../support/bundle-script.ts';
import { KILL_POINTS } from '../support/chaos-kiosk.ts';
import { expectExactlyOnce, type Receipt } from '../support/exactly-once.ts';
import { LineProcess } from '../support/line-process.ts';
import { mulberry32, pick } from '../support/seeded-random.ts';
import { until } from '../support/until.ts';

const KILLS = Number(process.env.KIOSK_CHAOS_KILLS ?? 200);
const SEED = Number(process.env.KIOSK_CHAOS_SEED ?? randomInt(2 ** 31));
const CATALOG_DIR = resolve(import.meta.dirname, '../../kiosk-config/default/catalog');
const BACK_OFFICE_POINTS = ['bo:arrived', 'bo:committed'] as const;
const POINTS = [...KILL_POINTS, ...BACK_OFFICE_POINTS, 'random'] as const;
/** A random kill lands within this long of the citizen's card read: about one session's length. */
const RANDOM_WITHIN_MS = 250;

type Hook = (typeof BACK_OFFICE_POINTS)[number];

/** The back office's database, calling `hook` when a submission's transaction starts and after it commits. */
function hooked(db: Database, hook: (point: Hook) => Promise<void>): Database {
  return {
    kind: db.kind,
    query: (sql, params) => db.query(sql, params),
    exec: (sql) => db.exec(sql),
    close: () => db.close(),
    async transaction(fn) {
      let submission = false;
      const result = await db.transaction((tx) => {
        const spied: Queryable = {
          async query(sql, params) {
            if (!submission && sql.includes('INSERT INTO submissions')) {
              submission = true;
              await hook('bo:arrived');
            }
            return tx.query(sql, params);
          },
          exec: (sql) => tx.exec(sql),
        };
        return fn(spied);
      });
      if (submission) await hook('bo:committed');
      return result;
    },
  };
}

let work: string;
let script: string;
let db: Database;
let server: BackOfficeServer;
const children: LineProcess[] = [];

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'kiosk-chaos-kill-'));
  script = join(work, 'chaos-kiosk.mjs');
  await bundleScript(resolve(import.meta.dirname, '../support/chaos-kiosk.ts'), script);
  db = await openDatabase({ memory: true });
}, 60_000);

afterAll(async () => {
  for (const child of children) child.dispose();
  await server?.close();
  await db?.close();
  await rm(work, { recursive: true, force: true });
});

it(`delivers exactly once what got a receipt, through ${KILLS} kill -9 of the kiosk (seed ${SEED}; rerun with KIOSK_CHAOS_SEED)`, async ({ annotate }) => {
  const started = performance.now();
  const rng = mulberry32(SEED);
  const loaded = await loadCatalog(CATALOG_DIR);
  if (!loaded.ok) throw new Error('the sample catalog does not load');
  const bundles = selfServiceBundles(loaded.catalog).map((b) => b.code);
  const plans = Array.from({ length: KILLS }, (_, i) => ({
    // Every point in turn first, so each is hit whatever the seed; then at random.
    point: i < POINTS.length ? POINTS[i]! : pick(rng, POINTS),
    bundle: pick(rng, bundles),
    delayMs: Math.floor(rng() * RANDOM_WITHIN_MS),
  }));

  const receipts: Receipt[] = [];
  const sessions = new Set<string>();
  let drained = false;
  const onLine = (line: string) => {
    const [tag] = line.split(' ', 1);
    const rest = line.slice(tag!.length + 1);
    if (tag === 'SESSION') sessions.add(rest);
    else if (tag === 'PRINT') receipts.push(JSON.parse(rest) as Receipt);
    else if (tag === 'SYNC') {
      const status = JSON.parse(rest) as { state: string; pending: number; messages: number };
      drained = status.state === 'idle' && status.pending === 0 && status.messages === 0;
    } else if (tag === 'AT') void killCurrent(rest);
  };

  const dir = join(await mkdtemp(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'kiosk-chaos-data-')), 'data');
  const credentials = { kioskId: 'CHAOS-K1', secret: newSecret() };
  let current: { child: LineProcess; killedBy: string | null };
  const landed = new Map<string, number>();
  const killCurrent = (where: string): Promise<void> => {
    if (current.killedBy) return current.child.exited();
    current.killedBy = where;
    landed.set(where, (landed.get(where) ?? 0) + 1);
    return current.child.kill();
  };
  let armed: Hook | null = null;
  server = await startBackOffice({
    database: hooked(db, async (point) => {
      if (armed !== point) return;
      armed = null;
      await killCurrent(point);
    }),
  });
  await server.registerKiosk(credentials);
  const linkFile = join(work, 'link.json');
  await writeFile(linkFile, JSON.stringify({ url: server.url, ...credentials }), { mode: 0o600 });

  const launch = () => {
    const child = new LineProcess(`kiosk child ${children.length}`, [script, dir, CATALOG_DIR, linkFile], onLine);
    children.push(child);
    return child;
  };
  const startChild = async (child: LineProcess) => {
    drained = false;
    current = { child, killedBy: null };
    const idle = child.next((line) => line === 'IDLE', 'the resumed session to end');
    child.write('start');
    await idle;
  };
  await startChild(launch());
  // Two children wait ahead, catalog loaded: starting one takes longer than a round.
  const spares = [launch(), launch()];

  for (const [i, plan] of plans.entries()) {
    const { child } = current!;
    const where = `round ${i} (${plan.point}, ${plan.bundle}, seed ${SEED})`;
    let timer: NodeJS.Timeout | undefined;
    if ((KILL_POINTS as readonly string[]).includes(plan.point)) child.write(`arm ${plan.point}`);
    else if (plan.point === 'random') timer = setTimeout(() => void killCurrent('random'), plan.delayMs);
    else armed = plan.point as Hook;
    const ended = child.next((line) => line === 'IDLE', `${where}: the citizen's session to end`);
    child.write(`citizen ${plan.bundle}`);
    // The session's end is not enough for the worker's points: its last acknowledgement may come later.
    await Promise.race([child.exited(), ended.then(() => until(() => drained || !child.running, 15_000, `${where}: the queue to drain`))]);
    clearTimeout(timer);
    armed = null;
    // A point the round did not pass (the worker was quicker than the session): kill it idle.
    await killCurrent('idle');
    await startChild(spares.shift()!);
    spares.push(launch());
  }

  // The last child finishes and drains: every receipt at the back office, every session rated.
  const count = async (sql: string) => (await db.query<{ n: number }>(sql, [credentials.kioskId]))[0]!.n;
  const deadline = Date.now() + 30_000;
  for (;;) {
    const delivered = await count('SELECT count(*)::int AS n FROM submissions WHERE kiosk_id = $1');
    const rated = await count('SELECT count(*)::int AS n FROM ratings WHERE kiosk_id = $1');
    if (drained && delivered === new Set(receipts.map((r) => r.key)).size && rated === sessions.size) break;
    if (Date.now() > deadline) throw new Error(`not drained: ${delivered} submissions and ${rated} ratings at the back office, ${sessions.size} sessions`);
    await new Promise((r) => setTimeout(r, 50));
  }
  await current!.child.close();
  for (const spare of spares) await spare.close();

  // Every session the kiosk held got exactly one receipt (nothing lost), and the back office agrees.
  expect([...new Set(receipts.map((r) => r.sessionId))].sort(), 'sessions with a receipt').toEqual([...sessions].sort());
  const store = await openStore({ dir, keyProvider: fileKeyProvider(join(dir, 'store.key')) });
  try {
    const figures = await expectExactlyOnce(db, credentials.kioskId, store, receipts);
    const hits = Object.fromEntries([...landed].sort());
    await annotate(`${KILLS} kills in ${Math.round(performance.now() - started)} ms, seed ${SEED}: ${JSON.stringify({ ...figures, printed: receipts.length, hits })}`);
    for (const point of POINTS) expect(landed.get(point) ?? 0, `kills at ${point}: ${JSON.stringify(hits)}`).toBeGreaterThan(0);
  } finally {
    store.close();
  }
}, 600_000);
