/**
 * The kiosk core as a child process for the kill -9 chaos test: the session side (a SessionRunner on the
 * real store with the shipped catalog, driven by a resuming citizen in the same process) and the sync
 * worker delivering to a back office on loopback, so the test can SIGKILL it anywhere in submission and
 * sync and start it again on the same data directory.
 *
 * Usage: `chaos-kiosk <data dir> <catalog dir> <link file>`; the link file (mode 0600, never a command-line
 * argument) holds `{url, kioskId, secret}`. The child loads the catalog, then waits for `start` before it
 * opens the store, so the test can start the next child ahead of a kill. After `start` it resumes an
 * interrupted session (finishing it with the same citizen) and starts the worker.
 *
 * Lines in: `arm <point>` (freeze at the next pass through that point), `citizen <bundle code>` (a citizen
 * puts a card on the reader and goes through that bundle to the end). Closing stdin stops everything cleanly.
 * Lines out (written synchronously, so a line is out before a freeze or a kill):
 * - `READY <step>`, then `IDLE` whenever no session runs and the child waits for the next citizen;
 * - `SESSION <id>` once a session is durable (again by the child that resumes it);
 * - `PRINT {"sessionId","key","receiptNumber"}` when the print actor runs: the citizen got that receipt;
 * - `SYNC {"state","pending","messages"}` on every change of the worker's status;
 * - `AT <point>`: the child froze there (the event loop blocked) and waits for the test's SIGKILL.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { formatProblem } from '../../core/config/load-config.ts';
import { loadCatalog } from '../../core/catalog/load-catalog.ts';
import type { CitizenEvent } from '../../core/contract/transaction-view.ts';
import { applicantFactsFromCard } from '../../core/bundle/index.ts';
import { fileKeyProvider } from '../../core/store/crypto.ts';
import { openStore, type Store } from '../../core/store/database.ts';
import { BackOfficeClient } from '../../core/sync/backoffice-client.ts';
import { SyncWorker } from '../../core/sync/sync-worker.ts';
import { SessionRunner, type UnstampedEvent } from '../../core/transaction/session-runner.ts';
import { stepOf, transactionView } from '../../core/transaction/session-view.ts';
import type { Catalog } from '../../kiosk-config/catalog-schema.ts';
import { finishSession } from './resuming-citizen.ts';
import type { CitizenDriver } from './scripted-citizen.ts';

/** Where the child can freeze for the test's kill. */
export const KILL_POINTS = ['commit:before', 'commit:inside', 'commit:after', 'print', 'claim', 'record:before', 'record:after', 'end'] as const;
export type KillPoint = (typeof KILL_POINTS)[number];

/** A frozen child that was not killed within this long says so and exits: the test is broken. */
const FREEZE_MS = 20_000;

/** The GB 11643 sample number (female, born 1949): eligible for every bundle of the sample catalog. */
const CARD = { name: '测试', idNumber: '11010519491231002X', gender: '2', birthDate: '1949-12-31', documentType: 'resident', nation: '01', address: '示例市测试路1号' };

function say(line: string): void {
  writeSync(1, `${line}\n`);
}

/** Replaces `target[name]` with `wrap(original)`: the test's hooks into the store, nothing else changes. */
function intercept<T extends object, K extends keyof T>(target: T, name: K, wrap: (original: T[K]) => T[K]): void {
  const original = (target[name] as (...args: unknown[]) => unknown).bind(target) as T[K];
  target[name] = wrap(original);
}

class Hooks {
  armed: KillPoint | null = null;
  committing = false;

  /** Freezes here if this point is armed: says where, then blocks the event loop until the kill. */
  at(point: KillPoint): void {
    if (this.armed !== point) return;
    this.armed = null;
    say(`AT ${point}`);
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, FREEZE_MS);
    process.stderr.write(`frozen at ${point} for ${FREEZE_MS} ms without being killed\n`);
    process.exit(3);
  }

  install(store: Store): void {
    intercept(store.outbox, 'commitSubmission', (commit) => (input) => {
      this.at('commit:before');
      this.committing = true;
      try {
        return commit(input);
      } finally {
        this.committing = false;
        this.at('commit:after');
      }
    });
    // Called inside the commit's transaction, after the receipt number and the outbox row were written.
    intercept(store.sessions, 'save', (save) => (...args) => {
      if (this.committing) this.at('commit:inside');
      return save(...args);
    });
    intercept(store.outbox, 'claimDue', (claim) => (limit) => {
      const rows = claim(limit);
      if (rows.length > 0) this.at('claim');
      return rows;
    });
    intercept(store.outbox, 'record', (record) => (outcomes) => {
      const acks = outcomes.some((o) => o.kind === 'delivered');
      if (acks) this.at('record:before');
      record(outcomes);
      if (acks) this.at('record:after');
    });
    intercept(store, 'endSession', (end) => (...args) => {
      this.at('end');
      return end(...args);
    });
  }
}

/** What the renderer would send, as the machine takes it: core adds the idempotency key and the rating's shape. */
function machineEvent(event: CitizenEvent): UnstampedEvent {
  if (event.type === 'user.submit') return { type: 'user.submit', idempotencyKey: randomUUID() };
  if (event.type === 'user.rate') return { type: 'user.rate', rating: { level: event.level, reasons: event.reasons } };
  if (event.type === 'user.setValue') return { type: 'user.setValue', key: event.key, value: event.value ?? undefined };
  return event as UnstampedEvent;
}

async function begin(dir: string, catalog: Catalog, link: { url: string; kioskId: string; secret: string }, hooks: Hooks) {
  const store = await openStore({ dir, keyProvider: fileKeyProvider(join(dir, 'store.key')) });
  hooks.install(store);
  const announced = new Set<string>();
  const runner = SessionRunner.start({
    catalog,
    store,
    kioskId: link.kioskId,
    maxResumeAgeMs: 24 * 3600_000,
    // No ticks: the idle timeout is not what this child is for.
    tickMs: 3600_000,
    printReceipt: async ({ context }) => {
      const { sessionId, submission } = context;
      say(`PRINT ${JSON.stringify({ sessionId, key: submission!.idempotencyKey, receiptNumber: submission!.receiptNumber })}`);
      hooks.at('print');
    },
    onChange: (snapshot) => {
      const { sessionId } = snapshot.context;
      if (snapshot.value !== 'idle' && snapshot.status !== 'done' && !announced.has(sessionId)) {
        announced.add(sessionId);
        say(`SESSION ${sessionId}`);
      }
    },
    onError: (error) => {
      process.stderr.write(`session error: ${error.stack ?? error.message}\n`);
      process.exit(1);
    },
  });
  const client = new BackOfficeClient({ baseUrl: link.url, credentials: link, connectTimeoutMs: 1_000, responseTimeoutMs: 3_000 });
  const worker = new SyncWorker({
    outbox: store.outbox,
    messages: store.messages,
    client,
    probeIntervalMs: { online: 60_000, offline: 100 },
    backoff: { baseMs: 20, maxMs: 200, jitter: 0.5 },
    onStatus: ({ state, submissions, messages }) => say(`SYNC ${JSON.stringify({ state, pending: submissions.pending, messages: messages.pending })}`),
  });
  worker.start();
  const view = () => (stepOf(runner.snapshot.value) === 'attract' ? null : transactionView(catalog, runner.snapshot, { now: Date.now() }));
  const driver: CitizenDriver = {
    send(event) {
      const unstamped = machineEvent(event);
      if (!runner.snapshot.can({ ...unstamped, at: Date.now() } as never)) return false;
      runner.send(unstamped);
      return true;
    },
    view,
    settle: () => runner.flush(),
  };
  const resumed = runner.snapshot;
  say(`READY ${stepOf(resumed.value)}`);
  if (resumed.value !== 'idle' && !announced.has(resumed.context.sessionId)) {
    announced.add(resumed.context.sessionId);
    say(`SESSION ${resumed.context.sessionId}`);
  }
  return { store, runner, worker, client, driver };
}

async function main(): Promise<void> {
  const [dir, catalogDir, linkFile] = process.argv.slice(2);
  if (!dir || !catalogDir || !linkFile) throw new Error('usage: chaos-kiosk <data dir> <catalog dir> <link file>');
  const loaded = await loadCatalog(catalogDir);
  if (!loaded.ok) throw new Error(loaded.problems.map(formatProblem).join('\n'));
  const catalog = loaded.catalog;
  const hooks = new Hooks();
  let kiosk: Awaited<ReturnType<typeof begin>> | undefined;
  // One thing at a time: the resumed session, then each citizen in turn.
  let work: Promise<void> = Promise.resolve();
  const then = (task: () => Promise<void>) => {
    work = work.then(task).then(
      () => say('IDLE'),
      (error: unknown) => {
        process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
        process.exit(1);
      },
    );
  };
  const finish = (bundleCode: string) => finishSession(kiosk!.driver, kiosk!.runner.snapshot.context.bundleCode ?? bundleCode);

  const lines = createInterface({ input: process.stdin });
  lines.on('line', (line) => {
    const [command, argument = ''] = line.split(' ');
    if (command === 'start' && !kiosk) {
      then(async () => {
        kiosk = await begin(dir, catalog, JSON.parse(readFileSync(linkFile, 'utf8')), hooks);
        await finish(catalog.bundles[0]!.code);
      });
    } else if (command === 'arm' && (KILL_POINTS as readonly string[]).includes(argument)) {
      hooks.armed = argument as KillPoint;
    } else if (command === 'citizen' && kiosk) {
      then(async () => {
        kiosk!.runner.send({ type: 'device.cardRead', applicant: { via: 'idcard', card: CARD, facts: applicantFactsFromCard(CARD, new Date().toISOString().slice(0, 10)) } });
        await finish(argument);
      });
    } else {
      throw new Error(`unexpected line: ${line}`);
    }
  });
  lines.on('close', () => {
    void work.then(async () => {
      if (!kiosk) return;
      await kiosk.worker.stop();
      await kiosk.runner.stop();
      kiosk.client.close();
      kiosk.store.close();
    });
  });
}

// Run as a script only: the test imports KILL_POINTS from here.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
}
