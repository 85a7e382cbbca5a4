/**
 * `npm run bench`: measures the DESIGN.md §9 budgets that exist so far, on this machine, and prints them
 * with their budgets. Benchmarks report; they never run inside the test suite.
 */
import { join } from 'node:path';
import { rendererJsGzipBytes } from './bundle-size.ts';
import { measureColdStart } from './cold-start.ts';
import { median, printTable, type BudgetLine } from './stats.ts';
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
  lines.push({
    what: `cold start → interactive attract screen, median of ${RUNS} (worst ${worst.toFixed(0)} ms)`,
    value: `${total.toFixed(0)} ms`,
    budget: '≤ 2000 ms',
    ok: total <= 2000,
  });
  lines.push({ what: '  of which: host process ready (KIOSK_URL printed)', value: `${median(runs.map((r) => r.hostReadyMs)).toFixed(0)} ms`, budget: '', ok: true });
  lines.push({ what: '  of which: Chromium launch (in parallel with the host)', value: `${launch.toFixed(0)} ms`, budget: '', ok: true });

  printTable(lines);
}

void main();
