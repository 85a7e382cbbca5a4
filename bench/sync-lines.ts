/**
 * The sync budgets of DESIGN.md §9 and issue 8 as bench lines: the drain of a kiosk's queue (worker vs a
 * plain loop, PGlite and PostgreSQL), a citizen's sessions during the drain, and a fleet of kiosks on two
 * back-office instances over one PostgreSQL. PostgreSQL comes from KIOSK_TEST_DATABASE_URL, as in the test
 * suite; without a reachable server its lines say they were skipped and why.
 *
 * Sizes: BENCH_DRAIN_ROWS (default 10,000, the budget's), BENCH_FLEET_KIOSKS (200) and
 * BENCH_FLEET_PER_KIOSK (25 queued each).
 */
import { measureDrain, measureDrainWithCitizens, type DrainSetup } from './drain.ts';
import type { BenchDatabase } from './back-office-db.ts';
import type { CpuSpent } from './cpu-time.ts';
import { measureFleet } from './fleet.ts';
import { postgresProblem } from './postgres-scratch.ts';
import { submissionTemplates } from './queued-submissions.ts';
import { shippedCatalog } from './shipped-catalog.ts';
import type { BudgetLine } from './stats.ts';

const DRAIN_ROWS = Number(process.env.BENCH_DRAIN_ROWS ?? 10_000);
const FLEET_KIOSKS = Number(process.env.BENCH_FLEET_KIOSKS ?? 200);
const FLEET_PER_KIOSK = Number(process.env.BENCH_FLEET_PER_KIOSK ?? 25);

/** Issue 8: "no synchronous work of more than a few ms on the event loop per row". */
const PER_ROW_MS = 3;

const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const fixed = (n: number, digits = 1) => n.toFixed(digits);

function cpuNote(cpu: CpuSpent): string {
  const postgres = cpu.postgresMs === undefined ? '' : `, PostgreSQL server ${s(cpu.postgresMs)} (all its clients)`;
  return `CPU time: kiosk ${s(cpu.kioskMs)}, back office ${s(cpu.backOfficeMs)}${postgres}`;
}

const note = (what: string, value = ''): BudgetLine => ({ what, value, budget: '', ok: true });

/** The sync runs take minutes: say on stderr what is running, so a long bench is seen to be alive. */
const progress = (what: string) => process.stderr.write(`bench: ${what}…\n`);

async function drainLines(database: BenchDatabase, setup: DrainSetup): Promise<BudgetLine[]> {
  progress(`drain of ${DRAIN_ROWS} on ${database}, plain loop then SyncWorker`);
  const d = await measureDrain(database, DRAIN_ROWS, setup);
  const w = d.worker;
  progress(`drain of ${DRAIN_ROWS} on ${database} with citizen sessions`);
  const c = await measureDrainWithCitizens(database, DRAIN_ROWS, setup);
  return [
    {
      what: `drain ${DRAIN_ROWS} queued submissions, SyncWorker → back office process on ${database}, loopback`,
      value: `${fixed(w.seconds)} s (${fixed(w.perSecond, 0)}/s)`,
      budget: '≤ 30 s',
      ok: w.seconds <= 30,
    },
    {
      what: `  vs a plain loop of the same signed requests, one at a time (${fixed(d.loop.seconds)} s, ${fixed(d.loop.perSecond, 0)}/s)`,
      value: `${fixed(d.ratio, 2)}× the loop's rate`,
      budget: '≥ 0.5×',
      ok: d.ratio >= 0.5,
    },
    note(`  worker's requests as the kiosk waits for them, p50 / p99`, `${fixed(w.requestP50Ms)} / ${fixed(w.requestP99Ms)} ms`),
    note(`  worker's ${cpuNote(w.cpu)}`),
    note(`  loop's ${cpuNote(d.loop.cpu)}`),
    {
      what: `  worker's kiosk CPU per row (store calls ${fixed(w.storeMsPerRow, 2)} ms/row, longest ${fixed(w.longestStoreCallMs)} ms a batch; loop delay max ${fixed(w.loopDelayMaxMs)} ms)`,
      value: `${fixed(w.kioskCpuMsPerRow, 2)} ms`,
      budget: `≤ ${PER_ROW_MS} ms`,
      ok: w.kioskCpuMsPerRow <= PER_ROW_MS,
    },
    {
      what: `  citizen sessions in the kiosk during a drain (${c.sessions} of ${fixed(c.msPerSession)} ms; drain ${fixed(c.drainSeconds)} s): loop delay p99 (max ${fixed(c.loopDelayMaxMs)} ms)`,
      value: `${fixed(c.loopDelayP99Ms)} ms`,
      budget: '≤ 50 ms',
      ok: c.loopDelayP99Ms <= 50,
    },
    note(`  the same citizen with no drain (sessions of ${fixed(c.alone.msPerSession)} ms): loop delay p99 (max ${fixed(c.alone.loopDelayMaxMs)} ms)`, `${fixed(c.alone.loopDelayP99Ms)} ms`),
  ];
}

async function fleetLines(setup: DrainSetup): Promise<BudgetLine[]> {
  progress(`fleet of ${FLEET_KIOSKS} kiosks`);
  const f = await measureFleet(FLEET_KIOSKS, FLEET_PER_KIOSK, setup);
  const { check } = f;
  const duplicates = check.submissions - check.distinctKeys + (check.submissions - check.distinctReceipts) + (check.cases - check.distinctCaseNumbers);
  const missing = f.expected.submissions - check.distinctKeys + (f.expected.cases - check.distinctCaseNumbers);
  return [
    {
      what: `fleet: ${f.kiosks} kiosks × ${f.perKiosk} queued, SyncWorkers at once → ${f.instances} back offices, one PostgreSQL`,
      value: `${fixed(f.perSecond, 0)} submissions/s (${fixed(f.seconds)} s)`,
      budget: '',
      ok: true,
    },
    note(`  requests as the kiosks wait for them, p50 / p99 (${f.retries} retries)`, `${fixed(f.requestP50Ms)} / ${fixed(f.requestP99Ms)} ms`),
    {
      what: `  counted in the database: ${check.submissions} submissions (${check.distinctKeys} keys, ${check.distinctReceipts} receipts), ${check.cases} cases (${check.distinctCaseNumbers} numbers)`,
      value: `${duplicates} duplicates, ${missing} missing`,
      budget: '0, 0',
      ok: duplicates === 0 && missing === 0,
    },
    note(`  ${cpuNote(f.cpu)}`),
  ];
}

export async function syncLines(): Promise<BudgetLine[]> {
  const catalog = await shippedCatalog();
  const setup = { catalog, templates: await submissionTemplates(catalog) };
  const lines = await drainLines('pglite', setup);
  const problem = await postgresProblem();
  if (problem) {
    const skipped = `skipped: ${problem}`;
    lines.push(note(`drain ${DRAIN_ROWS} queued submissions with PostgreSQL`, skipped), note(`fleet: ${FLEET_KIOSKS} kiosks on two back-office instances over PostgreSQL`, skipped));
    return lines;
  }
  lines.push(...(await drainLines('postgres', setup)), ...(await fleetLines(setup)));
  return lines;
}
