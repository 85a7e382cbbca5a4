/**
 * The core's session side as a child process, for the crash-resume test: the real store and the shipped
 * catalog under a SessionRunner, so the test can SIGKILL it between transitions and start it again.
 *
 * Usage: `session-child <data dir> <catalog dir>`. With KIOSK_CRASH_HANG_JOB=<job id> that print job never
 * finishes, so a kill can land while the receipt is printing.
 * Protocol: the child loads the catalog, then waits for a `start` line before it opens the store, so the
 * test can start the next child ahead of the kill without it touching the store early. It answers with one
 * `READY <json>` line (the resumed or fresh session), then takes one JSON event per stdin line and prints
 * one `ACK <json>` line per snapshot once it is durable. Closing stdin stops the runner cleanly.
 */
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { formatProblem } from '../../core/config/load-config.ts';
import { loadCatalog } from '../../core/catalog/load-catalog.ts';
import { fileKeyProvider } from '../../core/store/crypto.ts';
import { openStore, type Store } from '../../core/store/database.ts';
import { SessionRunner, type TransactionSnapshot, type UnstampedEvent } from '../../core/transaction/session-runner.ts';

/** What the test compares across a crash; the same shape on both sides of the pipe. */
export interface SessionLine {
  readonly value: TransactionSnapshot['value'];
  readonly status: TransactionSnapshot['status'];
  readonly sessionId: string;
  readonly bundleCode: string | null;
  readonly optionalItems: readonly string[];
  readonly values: Readonly<Record<string, unknown>>;
  readonly decisions: Readonly<Record<string, string>>;
  readonly idempotencyKey: string | null;
  readonly submission: { readonly idempotencyKey: string; readonly receiptNumber: string } | null;
}

export function sessionLine(snapshot: TransactionSnapshot): SessionLine {
  const { sessionId, bundleCode, optionalItems, values, decisions, idempotencyKey, submission } = snapshot.context;
  // Through JSON, so a line compares equal to its parsed copy (no undefined members).
  return JSON.parse(
    JSON.stringify({ value: snapshot.value, status: snapshot.status, sessionId, bundleCode, optionalItems, values, decisions, idempotencyKey, submission }),
  ) as SessionLine;
}

async function main(): Promise<void> {
  const [dir, catalogDir] = process.argv.slice(2);
  if (!dir || !catalogDir) throw new Error('usage: session-child <data dir> <catalog dir>');
  const loaded = await loadCatalog(catalogDir);
  if (!loaded.ok) throw new Error(loaded.problems.map(formatProblem).join('\n'));
  const catalog = loaded.catalog;
  const hangJob = process.env.KIOSK_CRASH_HANG_JOB;
  const emit = (tag: string, snapshot: TransactionSnapshot) => process.stdout.write(`${tag} ${JSON.stringify(sessionLine(snapshot))}\n`);

  const begin = async () => {
    const store = await openStore({ dir, keyProvider: fileKeyProvider(join(dir, 'store.key')) });
    // Start-up snapshots (the restored one, then the one with the clock restarted) are not ACKed: READY
    // reports the last of them, and ACKs begin after it is durable.
    const startup: { last?: TransactionSnapshot; live: boolean } = { live: false };
    const runner = SessionRunner.start({
      catalog,
      store,
      kioskId: 'K1',
      printReceipt: ({ jobId }) => (jobId === hangJob ? new Promise<void>(() => undefined) : Promise.resolve()),
      maxResumeAgeMs: 24 * 3600_000,
      // No ticks during a round: the idle timeout is not what this child is for.
      tickMs: 3600_000,
      onChange: (snapshot) => {
        if (startup.live) emit('ACK', snapshot);
        else if (snapshot === startup.last) startup.live = true;
      },
      onError: (error) => {
        process.stderr.write(`session error: ${error.stack ?? error.message}\n`);
        process.exit(1);
      },
    });
    startup.last = runner.snapshot;
    // An idle runner reported its snapshot synchronously, inside start().
    startup.live = startup.last.value === 'idle';
    emit('READY', startup.last);
    return { store, runner };
  };

  let started: Promise<{ store: Store; runner: SessionRunner }> | undefined;
  const lines = createInterface({ input: process.stdin });
  lines.on('line', (line) => {
    if (started) {
      void started.then(({ runner }) => runner.send(JSON.parse(line) as UnstampedEvent));
    } else if (line === 'start') {
      started = begin();
    } else {
      throw new Error(`expected "start", got ${line}`);
    }
  });
  lines.on('close', () => {
    void started?.then(async ({ store, runner }) => {
      await runner.stop();
      store.close();
    });
  });
}

// Run as a script only: the test imports `sessionLine` from here for its expectations.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
}
