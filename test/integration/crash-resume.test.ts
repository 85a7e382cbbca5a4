/**
 * The crash test of issue 4: the core's session side runs in a child process on the real store and the
 * shipped catalog, and is SIGKILLed at a random transition in each of 50 sessions. The next child must
 * resume the session where the last durable snapshot left it, with its answers intact, and finish it; in
 * the end every completed session has exactly one submission in the outbox and no session is left behind.
 *
 * What each step should produce comes from the same machine run as a pure function (`transition`), so an
 * event lost in the kill can be told from one that was applied. One data directory serves the whole run
 * and the child that resumed a session carries on with the next one; the next child is started ahead
 * (it waits with the catalog loaded), so each kill costs a store open, not a process start.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { isDeepStrictEqual } from 'node:util';
import { initialTransition, transition } from 'xstate';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Bundle, Catalog } from '../../kiosk-config/catalog-schema.ts';
import { applicantFactsFromCard, mergeForm, questionsToAsk, validateValues, type FieldValue, type MergedField } from '../../core/bundle/index.ts';
import { loadCatalog } from '../../core/catalog/load-catalog.ts';
import { fileKeyProvider } from '../../core/store/crypto.ts';
import { openStore } from '../../core/store/database.ts';
import type { UnstampedEvent } from '../../core/transaction/session-runner.ts';
import { stepOf } from '../../core/transaction/session-view.ts';
import { today } from '../../core/transaction/transaction-context.ts';
import { createTransactionMachine, materialsPlanFor, transactionFacts, type Applicant, type TransactionEvent } from '../../core/transaction/transaction-machine.ts';
import { bundleScript } from '../support/bundle-script.ts';
import { mulberry32, pick, type Rng } from '../support/seeded-random.ts';
import { sessionLine, type SessionLine } from '../support/session-child.ts';

const ROUNDS = 50;
const SEED = Number(process.env.KIOSK_CRASH_SEED ?? randomInt(2 ** 31));
const CATALOG_DIR = resolve(import.meta.dirname, '../../kiosk-config/default/catalog');
/** Only a guard against a hung child: every wait is for a line, never for time to pass. */
const LINE_GUARD_MS = 15_000;
const STAGES = ['consent', 'gathering', 'choose', 'form', 'materials', 'review', 'submitting', 'printing', 'rating'] as const;
type Stage = (typeof STAGES)[number];

/** The GB 11643 sample number (female, born 1949, sample city region): eligible for all four bundles. */
const CARD = { name: '测试', idNumber: '11010519491231002X', gender: '2', birthDate: '1949-12-31', documentType: 'resident', nation: '01', address: '示例市测试路1号' };
const APPLICANT: Applicant = { via: 'idcard', card: CARD, facts: applicantFactsFromCard(CARD, new Date().toISOString().slice(0, 10)) };

const digits = (rng: Rng, n: number) => Array.from({ length: n }, () => Math.floor(rng() * 10)).join('');

/** A valid answer of the field's type, within its validation. */
function answer(rng: Rng, mf: MergedField): FieldValue {
  const { type, choices, validation } = mf.field;
  if (type === 'choice') return pick(rng, choices!).value;
  if (type === 'boolean') return rng() < 0.5;
  if (type === 'number') {
    const min = Math.ceil(validation?.min ?? 0);
    return min + Math.floor(rng() * (Math.min(Math.floor(validation?.max ?? min + 100), min + 100) - min + 1));
  }
  if (type === 'date') return `2025-02-${String(1 + Math.floor(rng() * 28)).padStart(2, '0')}`;
  if (type === 'phone') return `13${digits(rng, 9)}`;
  if (type === 'id-number') return CARD.idNumber;
  if (type === 'signature') return 'signature:stroke-data';
  if (type === 'address') return '示例市测试路1号';
  if (validation?.pattern) {
    const found = ['08:30', digits(rng, 16)].find((c) => new RegExp(validation.pattern!, 'u').test(c));
    if (!found) throw new Error(`no sample answer for ${mf.key} (pattern ${validation.pattern}): add one`);
    return found;
  }
  return '测试'.repeat(Math.ceil(Math.max(validation?.minLength ?? 1, 6) / 2)).slice(0, validation?.maxLength ?? 100);
}

interface Step {
  /** The event that leads here; none when the child gets here by itself (commit, print, wipe). */
  readonly send?: UnstampedEvent;
  readonly expect: SessionLine;
}

const stageOf = (line: SessionLine): string => (typeof line.value === 'string' ? line.value : stepOf(line.value));

/** One citizen's session as steps, each with the state the machine must reach. */
function script(rng: Rng, catalog: Catalog, bundle: Bundle, idempotencyKey: string): { steps: Step[]; completes: boolean } {
  const machine = createTransactionMachine(catalog);
  let [snapshot] = initialTransition(machine, { sessionId: 'oracle', catalogVersion: catalog.version, now: Date.now() });
  const steps: Step[] = [{ expect: sessionLine(snapshot) }];
  const send = (event: UnstampedEvent) => {
    const [next] = transition(machine, snapshot, { ...event, at: Date.now() } as TransactionEvent);
    // Every step must change the snapshot: a refused event is never saved, so it would never be acknowledged.
    if (next === snapshot) throw new Error(`the machine refused ${JSON.stringify(event)} in ${JSON.stringify(snapshot.value)}`);
    snapshot = next;
    steps.push({ send: event, expect: sessionLine(snapshot) });
  };
  /** A step the child takes by itself, when one of its actors reports back. */
  const follow = (event: { type: string; [key: string]: unknown }) => {
    [snapshot] = transition(machine, snapshot, event as unknown as TransactionEvent);
    steps.push({ expect: sessionLine(snapshot) });
  };
  const reach = (value: SessionLine['value'], change: Partial<SessionLine> = {}, event?: UnstampedEvent) =>
    steps.push({ ...(event ? { send: event } : {}), expect: { ...steps.at(-1)!.expect, value, ...change } });

  const optionalItems = bundle.items.filter((i) => !i.required && rng() < 0.5).map((i) => i.item);
  send({ type: 'device.cardRead', applicant: APPLICANT });
  send({ type: 'user.consent', accepted: true });
  // The child has no exchange: the actor fails at once and the session goes on as offline.
  follow({ type: 'xstate.error.actor.exchange', error: new Error('offline') });
  send({ type: 'user.chooseBundle', code: bundle.code, optionalItems });
  const form = mergeForm(catalog, bundle, optionalItems);
  // One question at a time: an answer can make another question relevant (an address for delivery by post).
  for (let q = questionsToAsk(form, snapshot.context.values, transactionFacts(snapshot.context))[0]; q; ) {
    send({ type: 'user.setValue', key: q.key, value: answer(rng, q) });
    q = questionsToAsk(form, snapshot.context.values, transactionFacts(snapshot.context))[0];
  }
  // A bundle whose form needs data only a department holds (not fetched yet) cannot pass the form here.
  const completes = validateValues(form, snapshot.context.values, transactionFacts(snapshot.context), today(snapshot.context.now)).length === 0;
  if (completes) {
    send({ type: 'user.next' });
    const plan = materialsPlanFor(catalog, snapshot.context)!;
    const decisions = [
      ...plan.needsAuthorisation.map((key) => ({ key, decision: 'authorised' as const })),
      ...plan.needsSignature.map((key) => ({ key, decision: 'signed' as const })),
      ...plan.toCapture.map((key) => ({ key, decision: 'at-window' as const })),
    ].sort(() => rng() - 0.5);
    for (const d of decisions) send({ type: 'user.decideMaterial', ...d });
    send({ type: 'user.next' });
    send({ type: 'user.submit', idempotencyKey });
    reach('printing', { submission: { idempotencyKey, receiptNumber: '' } });
    reach('rating');
    // 好差评: the two lowest levels need a reason.
    const level = pick(rng, [1, 2, 3, 4, 5] as const);
    reach('ending', {}, { type: 'user.rate', rating: { level, reasons: level <= 2 ? [catalog.rating.lowLevelReasons[0]!.key] : [] } });
  } else {
    send({ type: 'user.cancel' });
  }
  reach('done', { status: 'done' });
  steps.push({ expect: steps[0]!.expect });
  return { steps, completes };
}

interface Round {
  readonly stage: Stage;
  readonly kind: 'acked' | 'in-flight';
  readonly steps: Step[];
  readonly completes: boolean;
  /** The kill comes after this step's ACK ('acked') or right after writing the next step's event ('in-flight'). */
  readonly killAfter: number;
  readonly idempotencyKey: string;
  /** The print job the killed child never finishes, so the kill lands while it prints. */
  readonly hangJob: string;
}

function planRound(rng: Rng, catalog: Catalog, index: number): Round {
  // Stages in turn, so every stage is hit whatever the seed; the first pass kills after an ACK for certain.
  const stage = STAGES[index % STAGES.length]!;
  const hung = stage === 'submitting' || stage === 'printing';
  const idempotencyKey = `crash-${SEED}-${index}`;
  for (;;) {
    const { steps, completes } = script(rng, catalog, pick(rng, catalog.bundles), idempotencyKey);
    const inStage = (j: number) => j > 0 && stageOf(steps[j]!.expect) === stage;
    const inFlight = steps.flatMap((s, j) => (inStage(j) && steps[j + 1]?.send ? [j] : []));
    const kind = index >= STAGES.length && inFlight.length > 0 && rng() < 0.5 ? 'in-flight' : 'acked';
    const candidates = kind === 'in-flight' ? inFlight : steps.flatMap((s, j) => (inStage(j) ? [j] : []));
    if (candidates.length === 0) continue;
    return { stage, kind, steps, completes, killAfter: pick(rng, candidates), idempotencyKey, hangJob: hung ? `receipt-${idempotencyKey}` : '' };
  }
}

/** The last step the child can reach from `from` without another event (not past a print that hangs). */
function lastUnprompted(round: Round, from: number): number {
  let j = from;
  while (round.steps[j + 1] && !round.steps[j + 1]!.send && !(round.hangJob && stageOf(round.steps[j + 1]!.expect) === 'rating')) j++;
  return j;
}

/** What must match across a crash: everything but the session id (random while idle) and the receipt number. */
const comparable = ({ sessionId: _id, submission, ...rest }: SessionLine) => ({ ...rest, submitted: submission?.idempotencyKey ?? null });

class Child {
  private readonly proc: ChildProcessWithoutNullStreams;
  private readonly lines: AsyncIterator<string>;
  private stderr = '';

  constructor(script: string, dir: string, hangJob: string) {
    this.proc = spawn(process.execPath, [script, dir, CATALOG_DIR], { env: { ...process.env, KIOSK_CRASH_HANG_JOB: hangJob } });
    this.proc.stderr.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.lines = createInterface({ input: this.proc.stdout })[Symbol.asyncIterator]();
  }

  async start(where: string): Promise<SessionLine> {
    this.proc.stdin.write('start\n');
    return this.read('READY', where);
  }

  send(event: UnstampedEvent): void {
    this.proc.stdin.write(`${JSON.stringify(event)}\n`);
  }

  async read(tag: 'READY' | 'ACK', where: string): Promise<SessionLine> {
    let timer: NodeJS.Timeout | undefined;
    const guard = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${where}: no ${tag} from the session child within ${LINE_GUARD_MS} ms; stderr: ${this.stderr}`)), LINE_GUARD_MS);
    });
    try {
      const { value, done } = await Promise.race([this.lines.next(), guard]);
      if (done || !value.startsWith(`${tag} `)) throw new Error(`${where}: expected ${tag} from the session child, got ${done ? 'its exit' : value}; stderr: ${this.stderr}`);
      if (process.env.DEBUG_CRASH) console.warn(where, value.slice(0, 60));
      return JSON.parse(value.slice(tag.length + 1)) as SessionLine;
    } finally {
      clearTimeout(timer);
    }
  }

  /** For clean-up after a failure: ends the child if it still runs. */
  dispose(): void {
    if (this.proc.exitCode === null && this.proc.signalCode === null) this.proc.kill('SIGKILL');
  }

  async kill(): Promise<void> {
    const exit = once(this.proc, 'exit');
    this.proc.kill('SIGKILL');
    const [code, signal] = (await exit) as [number | null, NodeJS.Signals | null];
    if (signal !== 'SIGKILL') throw new Error(`the session child had already exited (code ${code}); stderr: ${this.stderr}`);
  }

  async close(): Promise<void> {
    if (this.proc.exitCode !== null || this.proc.signalCode !== null) return;
    const exit = once(this.proc, 'exit');
    this.proc.stdin.end();
    const [code] = (await exit) as [number | null];
    if (code !== 0) throw new Error(`the session child exited with ${code}; stderr: ${this.stderr}`);
  }
}

let catalog: Catalog;
let work: string;
let childScript: string;
const children: Child[] = [];

beforeAll(async () => {
  const loaded = await loadCatalog(CATALOG_DIR);
  if (!loaded.ok) throw new Error('the sample catalog does not load');
  catalog = loaded.catalog;
  work = await mkdtemp(join(tmpdir(), 'kiosk-crash-'));
  childScript = join(work, 'session-child.mjs');
  await bundleScript(resolve(import.meta.dirname, '../support/session-child.ts'), childScript);
});

afterAll(async () => {
  for (const child of children) child.dispose();
  await rm(work, { recursive: true, force: true });
});

it(`resumes each of ${ROUNDS} sessions killed at a random transition with its answers intact (seed ${SEED}; rerun with KIOSK_CRASH_SEED)`, async () => {
  const rng = mulberry32(SEED);
  const rounds = Array.from({ length: ROUNDS }, (_, i) => planRound(rng, catalog, i));
  const dir = join(work, 'data');
  const launch = (round: Round | undefined) => {
    const child = new Child(childScript, dir, round?.hangJob ?? '');
    children.push(child);
    return child;
  };
  let active = launch(rounds[0]);
  expect((await active.start('first start')).value).toBe('idle');
  // The spare resumes round i, then runs round i + 1 to its kill: it must hang that round's print job.
  let spare = launch(rounds[1]);
  const hits = new Map<string, number>();
  const submitted: { sessionId: string; idempotencyKey: string; receiptNumber: string }[] = [];

  for (const [i, round] of rounds.entries()) {
    const where = `round ${i} (${round.stage}, ${round.kind} kill after step ${round.killAfter}, seed ${SEED})`;
    let sessionId: string | undefined;
    let receiptNumber: string | undefined;
    const check = (line: SessionLine, j: number) => {
      expect(comparable(line), `${where}: step ${j}`).toEqual(comparable(round.steps[j]!.expect));
      if (j === round.steps.length - 1) expect(line.sessionId, `${where}: the next session`).not.toBe(sessionId);
      else if (line.value !== 'idle') expect(line.sessionId, `${where}: step ${j}`).toBe((sessionId ??= line.sessionId));
      if (line.submission) expect(line.submission.receiptNumber, `${where}: step ${j}`).toBe((receiptNumber ??= line.submission.receiptNumber));
    };
    const drive = async (from: number, to: number) => {
      for (let j = from; j <= to; j++) {
        const { send } = round.steps[j]!;
        if (send) active.send(send);
        check(await active.read('ACK', `${where}: step ${j}`), j);
      }
    };

    await drive(1, round.killAfter);
    if (round.kind === 'in-flight') active.send(round.steps[round.killAfter + 1]!.send!);
    await active.kill();
    const resumed = await spare.start(`${where}: restart`);
    active = spare;
    spare = launch(rounds[i + 2]);

    // Acknowledged means durable: the session is at the step acknowledged last, or at one the child could
    // reach on its own from there or from the event in flight.
    const last = lastUnprompted(round, round.kind === 'acked' ? round.killAfter : round.killAfter + 1);
    const at = round.steps.findIndex((s, j) => j >= round.killAfter && j <= last && isDeepStrictEqual(comparable(resumed), comparable(s.expect)));
    expect(at, `${where}: resumed as ${JSON.stringify(resumed)}, expected one of steps ${round.killAfter}..${last}`).toBeGreaterThanOrEqual(0);
    check(resumed, at);
    hits.set(stageOf(resumed), (hits.get(stageOf(resumed)) ?? 0) + 1);
    await drive(at + 1, round.steps.length - 1);
    if (round.completes) submitted.push({ sessionId: sessionId!, idempotencyKey: round.idempotencyKey, receiptNumber: receiptNumber! });
  }
  await active.close();
  await spare.close();

  expect([...hits.keys()], `kills landed in ${JSON.stringify(Object.fromEntries(hits))}`).toEqual(
    expect.arrayContaining(['consent', 'form', 'materials', 'review', 'printing']),
  );
  const store = await openStore({ dir, keyProvider: fileKeyProvider(join(dir, 'store.key')) });
  try {
    const outbox = store.outbox.pending(ROUNDS * 2).map((e) => ({
      sessionId: (e.payload as { sessionId: string }).sessionId,
      idempotencyKey: e.idempotencyKey,
      receiptNumber: e.receiptNumber,
    }));
    // Exactly one submission per completed session, under its key and the receipt number it showed; none twice.
    expect(outbox.sort((a, b) => a.receiptNumber.localeCompare(b.receiptNumber))).toEqual(submitted);
    expect(store.sessions.latest(), 'a session left behind').toBeUndefined();
  } finally {
    store.close();
  }
}, 120_000);
