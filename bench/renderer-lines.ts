/**
 * The renderer's budgets as bench lines: Playwright runs bench/ui/renderer.bench.ts (the e2e Citizen through
 * the real browser host and Chromium), which writes its figures as JSON; this turns them into lines.
 * BENCH_SOAK_SESSIONS sets the soak's length (1,000).
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../test/support/browser-host.ts';
import type { LatencySamples } from './ui/input-latency.ts';
import { median, percentile, type BudgetLine } from './stats.ts';

interface Soak {
  readonly sessions: number;
  readonly before: number;
  readonly after: number;
  readonly msPerSession: number;
}

const MB = 1024 * 1024;

export async function rendererLines(): Promise<BudgetLine[]> {
  const results = await mkdtemp(join(tmpdir(), 'kiosk-bench-ui-'));
  try {
    process.stderr.write('bench: the renderer (four bundles, then the session soak)…\n');
    const run = spawnSync(process.execPath, [join(REPO_ROOT, 'node_modules/@playwright/test/cli.js'), 'test', '-c', join(REPO_ROOT, 'bench/ui/playwright.config.ts')], {
      cwd: REPO_ROOT,
      env: { ...process.env, BENCH_UI_RESULTS: results },
      stdio: ['ignore', process.stderr, 'inherit'],
    });
    const read = async <T>(name: string): Promise<T | undefined> =>
      JSON.parse(await readFile(join(results, name), 'utf8').catch(() => 'null')) ?? undefined;
    const latency = await read<LatencySamples>('latency.json');
    const soak = await read<Soak>('soak.json');
    const failed = (what: string): BudgetLine => ({ what, value: `failed (playwright exit ${run.status})`, budget: '', ok: false });
    const lines: BudgetLine[] = [];
    if (latency) {
      const p95 = percentile(latency.answeredMs, 95);
      lines.push({
        what: `touch → next paint over the four sample bundles, ${latency.answeredMs.length} inputs answered (median ${median(latency.answeredMs).toFixed(1)} ms, worst ${Math.max(...latency.answeredMs).toFixed(1)} ms; ${latency.unanswered} with nothing to paint), p95`,
        value: `${p95.toFixed(1)} ms`,
        budget: '≤ 50 ms',
        ok: p95 <= 50,
      });
    } else lines.push(failed('touch → next paint over the four sample bundles'));
    if (soak) {
      const growth = (soak.after - soak.before) / MB;
      lines.push({
        what: `${soak.sessions} consecutive sessions through the renderer (${(soak.msPerSession / 1000).toFixed(2)} s each): renderer JS heap ${(soak.before / MB).toFixed(1)} → ${(soak.after / MB).toFixed(1)} MB, growth`,
        value: `${growth.toFixed(2)} MB`,
        budget: '≤ 5 MB',
        ok: growth <= 5,
      });
    } else lines.push(failed('consecutive sessions through the renderer'));
    return lines;
  } finally {
    await rm(results, { recursive: true, force: true });
  }
}
