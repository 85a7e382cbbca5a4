/**
 * A flood of citizen events into core (DESIGN.md §9: every other call answered < 1 s, issue 9): a session
 * on the consent step of the shipped catalog, the real SQLite store (sealed, fsync'd writes), and a renderer
 * on the RPC sending `user.active` as fast as the report did (30,000 in 3 s) while another call
 * (getSnapshot) is timed every 50 ms and the event loop's delay is sampled.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import pino from 'pino';
import { connectKioskRpc } from '../core/contract/kiosk-rpc.ts';
import { KioskRuntime } from '../core/runtime/kiosk-runtime.ts';
import { fileKeyProvider } from '../core/store/crypto.ts';
import { openStore } from '../core/store/database.ts';
import { KioskSessions } from '../core/transaction/kiosk-sessions.ts';
import { DEFAULT_RECEIPT_WORDING } from '../kiosk-config/schema.ts';
import { motherCardRead } from '../test/support/card-read.ts';
import { portPair } from '../test/support/port-pair.ts';
import { shippedCatalog } from './shipped-catalog.ts';
import { percentile } from './stats.ts';

export interface FloodBench {
  readonly events: number;
  readonly accepted: number;
  /** Snapshot writes to the store during the flood. */
  readonly writes: number;
  /** From the first event sent to the last answer. */
  readonly answeredInMs: number;
  readonly loopDelayP99Ms: number;
  readonly loopDelayMaxMs: number;
  /**
   * The slowest getSnapshot answer during the flood, from when it was due (every 50 ms): a renderer's call
   * over a socket waits in the socket while core's loop is busy, so its wait starts when it was sent.
   */
  readonly otherCallMaxMs: number;
}

const TICK_MS = 10;
const PROBE_MS = 50;

export async function measureCitizenFlood(events: number, overMs: number): Promise<FloodBench> {
  const catalog = await shippedCatalog();
  const dir = await mkdtemp(join(tmpdir(), 'kiosk-bench-flood-'));
  const store = await openStore({ dir, keyProvider: fileKeyProvider(join(dir, 'store.key')) });
  const log = pino({ level: 'silent' });
  const runtime: KioskRuntime = new KioskRuntime({
    kiosk: { status: { state: 'available' }, hall: null },
    session: { language: 'zh-CN', elderMode: false },
    log,
    onSessionEvent: (event) => sessions.handle(event),
  });
  const sessions = new KioskSessions({
    catalog,
    store,
    kioskId: 'BENCH',
    hallName: '基准测试大厅',
    receiptWording: DEFAULT_RECEIPT_WORDING,
    log,
    maxResumeAgeMs: 60_000,
    print: async () => undefined,
    resolveEid: async () => ({ ok: false, reason: 'offline' }),
    onView: (view, ended) => runtime.setTransaction(view, ended),
  });
  const [core, renderer] = portPair();
  runtime.connect(core, 'bench');
  const client = connectKioskRpc({ port: renderer, onReject: () => undefined, timeoutMs: 600_000 }, { kiosk: () => undefined, session: () => undefined, devices: () => undefined, sync: () => undefined });
  let writes = 0;
  const save = store.sessions.save.bind(store.sessions);
  store.sessions.save = (...args) => {
    writes++;
    return save(...args);
  };
  try {
    sessions.cardRead(motherCardRead(new Date()));
    await sessions.flush();
    if (runtime.snapshot().session.step !== 'consent') throw new Error(`the flood needs a session on the consent step, not ${runtime.snapshot().session.step}`);
    writes = 0;

    const delay = monitorEventLoopDelay({ resolution: 5 });
    const probes: number[] = [];
    delay.enable();
    const started = performance.now();
    let fired = started;
    const probe = setInterval(() => {
      // Due a period after the last one fired: a busy loop fires it late, and the call waited that long.
      const sent = fired + PROBE_MS;
      fired = performance.now();
      void client.call.getSnapshot({}).then(() => probes.push(performance.now() - sent));
    }, PROBE_MS);
    const answers: Promise<{ accepted: boolean }>[] = [];
    const ticks = Math.max(1, Math.round(overMs / TICK_MS));
    for (let tick = 0; tick < ticks; tick++) {
      const count = Math.floor(((tick + 1) * events) / ticks) - Math.floor((tick * events) / ticks);
      for (let i = 0; i < count; i++) answers.push(client.call.sessionEvent({ type: 'user.active' }));
      await new Promise((resolve) => setTimeout(resolve, TICK_MS));
    }
    const accepted = (await Promise.all(answers)).filter((a) => a.accepted).length;
    const answeredInMs = performance.now() - started;
    await sessions.flush();
    delay.disable();
    clearInterval(probe);
    return {
      events,
      accepted,
      writes,
      answeredInMs,
      loopDelayP99Ms: delay.percentile(99) / 1e6,
      loopDelayMaxMs: delay.max / 1e6,
      otherCallMaxMs: probes.length ? percentile(probes, 100) : Number.NaN,
    };
  } finally {
    client.close();
    await sessions.stop();
    store.close();
    await rm(dir, { recursive: true, force: true });
  }
}
