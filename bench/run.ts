/**
 * `npm run bench`: measures the DESIGN.md §9 budgets that exist so far, on this machine, and prints them
 * with their budgets. Benchmarks report; they never run inside the test suite.
 */
import { join } from 'node:path';
import { rendererJsGzipBytes } from './bundle-size.ts';
import { measureColdStart } from './cold-start.ts';
import { measureCitizenFlood } from './citizen-flood.ts';
import { measureBundleEffort } from './effort.ts';
import { measureEncoder } from './encoder.ts';
import { measureReads, WIRE_MS } from './reader-read.ts';
import { rendererLines } from './renderer-lines.ts';
import { measureSessions } from './sessions.ts';
import { median, printTable, type BudgetLine } from './stats.ts';
import { syncLines } from './sync-lines.ts';
import { REPO_ROOT } from '../test/support/browser-host.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 7);

async function main(): Promise<void> {
  const lines: BudgetLine[] = [];

  const size = await rendererJsGzipBytes(join(REPO_ROOT, 'out/renderer/assets'));
  lines.push({
    what: `renderer JS, gzipped (${size.files} file(s), ${(size.rawBytes / 1024).toFixed(1)} KB raw)`,
    value: `${(size.gzipBytes / 1024).toFixed(1)} KB`,
    budget: '≤ 120 KB',
    ok: size.gzipBytes <= 120 * 1024,
  });

  const runs = await measureColdStart(RUNS);
  const total = median(runs.map((r) => r.attractInteractiveMs));
  const worst = Math.max(...runs.map((r) => r.attractInteractiveMs));
  const launch = median(runs.map((r) => r.browserLaunchMs));
  const base = median(runs.map((r) => r.baselineMs));
  lines.push({
    what: `cold start → interactive attract screen, median of ${RUNS} (${total.toFixed(0)} ms, worst ${worst.toFixed(0)} ms) / a static page in the same font (${base.toFixed(0)} ms)`,
    value: `${(total / base).toFixed(2)}×`,
    budget: '≤ 1.2×',
    ok: total / base <= 1.2,
  });
  lines.push({ what: '  of which: until the host serves the page (KIOSK_URL printed)', value: `${median(runs.map((r) => r.hostServingMs)).toFixed(0)} ms`, budget: '', ok: true });
  lines.push({ what: '  of which: Chromium launch (in parallel with the host)', value: `${launch.toFixed(0)} ms`, budget: '', ok: true });

  const reads = await measureReads(Number(process.env.BENCH_READS ?? 20));
  const readMs = median(reads);
  const overhead = (readMs - WIRE_MS) / WIRE_MS;
  lines.push({
    what: `ID-card read through the adapter at 115200 baud over a pty, median of ${reads.length} (wire ${WIRE_MS.toFixed(1)} ms)`,
    value: `${readMs.toFixed(1)} ms (+${(overhead * 100).toFixed(1)} %)`,
    budget: '≤ +10 %',
    ok: overhead <= 0.1,
  });

  const encoder = measureEncoder(2000);
  lines.push({
    what: `ESC/POS encoding of a typical receipt (${encoder.bytesPerReceipt} bytes)`,
    value: `${encoder.receiptsPerSecond.toFixed(0)} receipts/s`,
    budget: '',
    ok: true,
  });
  lines.push({ what: '  a receipt with a rare-character line printed as raster', value: `${encoder.rasterReceiptMs.toFixed(2)} ms`, budget: '', ok: true });

  // Before the effort lines: those start a back office with PGlite in this process, whose memory the
  // process gives back only later, which would make the RSS growth meaningless (it came out at -320 MB).
  const sessions = await measureSessions(Number(process.env.BENCH_SESSIONS ?? 1000));
  lines.push({
    what: `${sessions.sessions} consecutive sessions through core, card to wipe (${sessions.msPerSession.toFixed(1)} ms each): core RSS growth`,
    value: `${sessions.rssGrowthMb.toFixed(1)} MB (heap ${sessions.heapGrowthMb.toFixed(1)} MB)`,
    budget: '≤ 30 MB',
    ok: sessions.rssGrowthMb <= 30,
  });

  lines.push(...(await rendererLines()));

  const flood = await measureCitizenFlood(30_000, 3_000);
  lines.push({
    what: `${flood.events} user.active in 3 s over the RPC: ${flood.accepted} taken, ${flood.writes} snapshot writes, all answered in ${(flood.answeredInMs / 1000).toFixed(1)} s; slowest other call`,
    value: `${flood.otherCallMaxMs.toFixed(1)} ms (loop delay p99 ${flood.loopDelayP99Ms.toFixed(1)} ms)`,
    budget: '< 1000 ms',
    ok: flood.otherCallMaxMs < 1000,
  });

  // The budget applies to the bundle as a life event with the back office online: every item, shared data.
  for (const effort of await measureBundleEffort()) {
    for (const mode of ['online', 'offline'] as const) {
      for (const [label, c] of [['all items', effort[mode].allItems], ['required items', effort[mode].requiredOnly]] as const) {
        const headline = mode === 'online' && label === 'all items';
        lines.push({
          what: `${effort.name}, ${mode}, ${label}: inputs vs item by item (repeated fields ${c.bundle.repeatedFields} vs ${c.itemByItem.repeatedFields})`,
          value: `${c.bundle.total} / ${c.itemByItem.total} = ${(c.ratio * 100).toFixed(1)} %`,
          budget: headline ? '≤ 30 %, 0 repeated' : '0 repeated',
          ok: (!headline || c.ratio <= 0.3) && c.bundle.repeatedFields === 0,
        });
      }
    }
  }

  // Last: the sync runs start back-office processes and fill stores, which would blur the figures above.
  lines.push(...(await syncLines()));

  printTable(lines);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
