/**
 * Model-based tests: @xstate/graph explores the transaction machine over a two-item catalog small enough to
 * traverse whole, with the citizen's events, the clock (warning and timeout), and the side effects' outcomes
 * as events (commit and print succeeding or failing: the device faults). Every step must be reachable, every
 * step must lead to the wiped end, and the invariants must hold on every path.
 */
import { getShortestPaths } from '@xstate/graph';
import { describe, expect, it } from 'vitest';
import { createActor, fromPromise, getNextSnapshot, waitFor, type SnapshotFrom } from 'xstate';
import * as v from 'valibot';
import { CatalogFilesSchema, type Catalog } from '../../kiosk-config/catalog-schema.ts';
import { applicantFactsFromCard } from '../bundle/index.ts';
import { createTransactionMachine, DEFAULT_REIDENTIFY_AFTER_MS, DEFAULT_TIMEOUTS, type Applicant, type TransactionEvent } from './transaction-machine.ts';

const t = (zh: string) => ({ 'zh-CN': zh, en: zh });
const item = (code: string, department: string, materials: string[]) => ({
  basicCode: `${code}-B`,
  implementationCode: code,
  handlingCode: `${code}-H`,
  name: t(`事项${code}`),
  department: t(department),
  handlingType: 'promised',
  timeLimit: { value: 5, unit: 'working-days' },
  selfService: true,
  fields: [{ key: 'applicant.name' }, { key: 'applicant.phone' }],
  materials: materials.map((key) => ({ key })),
});

const CATALOG: Catalog = {
  version: 'model',
  fields: new Map(
    v.parse(CatalogFilesSchema['fields.yaml'], {
      fields: [
        { key: 'applicant.name', type: 'text', label: t('姓名'), input: 'keyboard', source: { kind: 'idcard', attribute: 'name' }, personal: true },
        { key: 'applicant.phone', type: 'phone', label: t('电话'), input: 'keypad', source: { kind: 'manual' }, personal: true },
      ],
    }).fields.map((f) => [f.key, f]),
  ),
  materials: new Map(
    v.parse(CatalogFilesSchema['materials.yaml'], {
      materials: [
        { key: 'proof.residence', name: t('居住证明'), routes: [{ kind: 'commitment', promise: t('本人承诺居住属实') }, { kind: 'paper', original: true }] },
        { key: 'photo', name: t('照片'), routes: [{ kind: 'capture' }] },
      ],
    }).materials.map((m) => [m.key, m]),
  ),
  items: new Map(
    v.parse(CatalogFilesSchema['items.yaml'], { items: [item('ITEM-A', '公安', ['proof.residence']), item('ITEM-B', '医保', ['proof.residence', 'photo'])] }).items.map((i) => [
      i.implementationCode,
      i,
    ]),
  ),
  bundles: v.parse(CatalogFilesSchema['bundles.yaml'], {
    bundles: [
      {
        code: 'BUNDLE-1',
        theme: t('主题'),
        lifeEvent: t('事件'),
        name: t('一件事'),
        leadDepartment: t('公安'),
        order: 1,
        items: [
          { item: 'ITEM-A', required: true },
          { item: 'ITEM-B', required: true },
        ],
        eligibility: [{ unless: { fact: 'applicant.documentType', op: 'eq', value: 'resident' }, level: 'block', message: t('仅限居民身份证') }],
      },
    ],
  }).bundles,
  rating: { indicators: [{ key: 'overall', label: t('总体') }], lowLevelReasons: [{ key: 'slow', label: t('慢') }] },
};

const T0 = Date.parse('2025-03-01T09:00:00+08:00');
const AT = T0 + 1000;
const card = (documentType: string) => ({ name: '李梅', idNumber: '430102199506120026', gender: '2', birthDate: '1995-06-12', documentType });
const person = (documentType: string): Applicant => ({ via: 'idcard', card: card(documentType), facts: applicantFactsFromCard(card(documentType), '2025-03-01') });
/** Someone else at the kiosk: another ID number. */
const STRANGER: Applicant = { ...person('resident'), card: { ...card('resident'), name: '赵六', idNumber: '110101199001011237' } };
/** The kiosk restarted long after the citizen's last action: past the short window. */
const RESUMED = { type: 'system.resumed', reidentifyAfterMs: DEFAULT_REIDENTIFY_AFTER_MS, at: AT + 5 * DEFAULT_TIMEOUTS.stepMs } as TransactionEvent;

const machine = createTransactionMachine(CATALOG).provide({
  actors: {
    commitSubmission: fromPromise(async () => ({ idempotencyKey: 'k', receiptNumber: 'SL-K1-20250301-000001' })),
    printReceipt: fromPromise(async (): Promise<void> => undefined),
    wipeSession: fromPromise(async (): Promise<void> => undefined),
  },
});
type Snapshot = SnapshotFrom<typeof machine>;

/** Every event of the model; `at` is the same for all, so the deadline is always AT + stepMs. */
const EVENTS = [
  { type: 'device.cardRead', applicant: person('resident'), at: AT },
  { type: 'device.qrIdentified', applicant: { ...person('resident'), via: 'qr' }, at: AT },
  { type: 'device.cardRead', applicant: person('hmt-permit'), at: AT },
  { type: 'user.consent', accepted: true, at: AT },
  { type: 'user.consent', accepted: false, at: AT },
  { type: 'user.chooseBundle', code: 'BUNDLE-1', optionalItems: [], at: AT },
  { type: 'user.setValue', key: 'applicant.phone', value: '13812345678', at: AT },
  { type: 'user.setValue', key: 'applicant.phone', value: '123', at: AT },
  { type: 'user.setValue', key: 'applicant.name', value: '王五', at: AT },
  { type: 'user.decideMaterial', key: 'proof.residence', decision: 'signed', at: AT },
  { type: 'user.captured', key: 'photo', page: { page: 0, sha256: 'a'.repeat(64), size: 1000 }, at: AT },
  // A page the material does not have is refused.
  { type: 'user.captured', key: 'photo', page: { page: 1, sha256: 'b'.repeat(64), size: 1000 }, at: AT },
  { type: 'user.decideMaterial', key: 'photo', decision: 'at-window', at: AT },
  { type: 'user.decideMaterial', key: 'photo', decision: 'authorised', at: AT },
  { type: 'user.submit', idempotencyKey: 'key-1', at: AT },
  { type: 'user.rate', rating: { level: 5, reasons: [] }, at: AT },
  { type: 'user.rate', rating: { level: 1, reasons: [] }, at: AT },
  { type: 'user.next', at: AT },
  { type: 'user.back', at: AT },
  { type: 'user.retry', at: AT },
  { type: 'user.cancel', at: AT },
  { type: 'user.extend', at: AT },
  { type: 'timer.tick', at: AT + DEFAULT_TIMEOUTS.stepMs - DEFAULT_TIMEOUTS.warningMs },
  { type: 'timer.tick', at: AT + DEFAULT_TIMEOUTS.stepMs },
  // The side effects' outcomes: the exchange answering or not, the commit or the printer succeeding or
  // failing, the wipe finishing.
  { type: 'xstate.done.actor.exchange', output: { datasets: {}, eLicences: [] } },
  { type: 'xstate.error.actor.exchange', error: new Error('offline') },
  { type: 'xstate.done.actor.commit', output: { idempotencyKey: 'key-1', receiptNumber: 'SL-K1-20250301-000001' } },
  { type: 'xstate.error.actor.commit', error: new Error('disk full') },
  { type: 'xstate.done.actor.print', output: undefined },
  { type: 'xstate.error.actor.print', error: new Error('paper out') },
  { type: 'xstate.done.actor.wipe', output: undefined },
] as unknown as TransactionEvent[];

const tick = (at: number) => ({ type: 'timer.tick', at }) as TransactionEvent;
/** The longest idle time of any step (the receipt shown on screen keeps longer). */
const LONGEST_STEP_MS = Math.max(DEFAULT_TIMEOUTS.stepMs, DEFAULT_TIMEOUTS.receiptMs ?? 0);
/** Idle for the longest step's timeout, twice over: a clock started by the first tick must have run out by the second. */
function idle(state: Snapshot): Snapshot {
  const first = getNextSnapshot(machine, state, tick(AT + 10 * LONGEST_STEP_MS));
  return first.value === 'ending' ? first : getNextSnapshot(machine, first, tick(AT + 12 * LONGEST_STEP_MS));
}
const CANCEL = EVENTS.find((e) => e.type === 'user.cancel')!;

/** The state, plus just enough of the context to tell apart what guards depend on. */
function serialize(s: Snapshot): string {
  const c = s.context;
  return JSON.stringify([s.value, c.applicant?.facts.documentType ?? null, c.warning, c.values['applicant.phone'] ?? null, Object.keys(c.decisions).sort(), !!c.submission, c.receipt, c.endReason, c.extensions > 0]);
}

const paths = getShortestPaths(machine, { events: EVENTS, input: { sessionId: 's', catalogVersion: 'model', now: T0 }, serializeState: serialize });
const step = (s: Snapshot) => JSON.stringify(s.value);

describe('transaction machine (model-based)', () => {
  it('reaches every step, including the failure and fallback steps', () => {
    const reached = new Set(paths.map((p) => step(p.state)));
    const steps = ['consent', 'gathering', 'choose', 'ineligible', { form: 'editing' }, 'materials', 'review'].map((s) => JSON.stringify({ session: s }));
    for (const s of [...steps, ...['submitting', 'submitFailed', 'printing', 'receiptOnScreen', 'rating', 'ending', 'done'].map((x) => JSON.stringify(x))]) {
      expect(reached, `step ${s} not reached`).toContain(s);
    }
  });

  it('ends every session by timeout and by cancel, except while the submission is being made durable or printed', () => {
    for (const { state } of paths) {
      const s = step(state);
      if (['"idle"', '"ending"', '"done"'].includes(s)) continue;
      const protectedStep = s === '"submitting"' || s === '"printing"';
      expect(step(idle(state)), `timeout from ${s}`).toBe(protectedStep ? s : '"ending"');
      expect(step(getNextSnapshot(machine, state, CANCEL)), `cancel from ${s}`).toBe(protectedStep ? s : '"ending"');
    }
  });

  it('resumed past the short window from any step, shows nothing until the same card, then goes back to that step', () => {
    const same = EVENTS.find((e) => e.type === 'device.cardRead')!;
    const stranger = { type: 'device.cardRead', applicant: STRANGER, at: AT } as TransactionEvent;
    const citizens = EVENTS.filter((e) => e.type.startsWith('user.') && !['user.cancel', 'user.extend', 'user.active'].includes(e.type));
    /** The context without the clock and the card check, which the wait for the card changes. */
    const kept = ({ now: _n, deadline: _d, clockPending: _p, warning: _w, reidentify: _r, ...rest }: Snapshot['context']) => rest;
    const resumable = paths.filter((p) => !['"idle"', '"ending"', '"done"'].includes(step(p.state)));
    expect(resumable.length).toBeGreaterThan(10);
    for (const { state } of resumable) {
      const waiting = getNextSnapshot(machine, state, RESUMED);
      expect(step(waiting), `resumed from ${step(state)}`).toBe('"reidentify"');
      for (const event of citizens) expect(waiting.can(event), `${event.type} while waiting for the card`).toBe(false);
      expect(step(idle(waiting)), 'timeout while waiting for the card').toBe('"ending"');
      expect(step(getNextSnapshot(machine, waiting, CANCEL)), 'cancel while waiting for the card').toBe('"ending"');
      const refused = getNextSnapshot(machine, waiting, stranger);
      expect(step(refused)).toBe('"reidentify"');
      expect(refused.context.reidentify?.otherCard).toBe(true);
      // The same card, at once or after a stranger's: the same step, with everything as it was.
      for (const from of [waiting, refused]) {
        const back = getNextSnapshot(machine, from, same);
        expect(step(back), `back to ${step(state)}`).toBe(step(state));
        expect(kept(back.context)).toEqual(kept(state.context));
        expect(back.context.reidentify).toBeNull();
      }
    }
  });

  it('can reach the wiped end from every state it reaches', () => {
    for (const { state } of paths) {
      if (state.status === 'done') continue;
      const toEnd = getShortestPaths(machine, {
        events: EVENTS,
        fromState: state,
        serializeState: serialize,
        toState: (s) => s.status === 'done',
      });
      expect(toEnd.length, `no way to the end from ${serialize(state)}`).toBeGreaterThan(0);
    }
  });

  it('holds its invariants on the way to every receipt', () => {
    const receipts = paths.filter((p) => p.state.value === 'rating' || p.state.value === 'receiptOnScreen');
    expect(receipts.length).toBeGreaterThan(0);
    for (const { state, steps } of receipts) {
      const { context } = state;
      // Nothing is submitted without consent, a complete valid form, every commitment signed, the card's name kept.
      expect(context.consented).toBe(true);
      expect(context.values['applicant.phone']).toBe('13812345678');
      expect(context.decisions).toMatchObject({ 'proof.residence': 'signed' });
      // The photo is captured only with its page stored, or brought to the window with none.
      if (context.decisions.photo === 'captured') expect(context.captures.photo?.map((p) => p.page)).toEqual([0]);
      else expect([context.decisions.photo, context.captures.photo]).toEqual(['at-window', undefined]);
      expect(context.values['applicant.name']).toBe('李梅');
      expect(context.submission?.idempotencyKey).toBe('key-1');
      expect(steps.filter((s) => (s.event.type as string) === 'xstate.done.actor.commit')).toHaveLength(1);
    }
  });

  it('keeps the first idempotency key through a failed commit and its retry', () => {
    const failed = paths.find((p) => p.state.value === 'submitFailed')!;
    const again = getNextSnapshot(machine, failed.state, EVENTS.find((e) => e.type === 'user.retry')!);
    expect(again.value).toBe('submitting');
    expect(again.context.idempotencyKey).toBe(failed.state.context.idempotencyKey);
  });

  it('lets the citizen leave an optional material out', async () => {
    const optionalPhoto: Catalog = {
      ...CATALOG,
      items: new Map(
        [...CATALOG.items].map(([code, i]) => [code, code === 'ITEM-B' ? { ...i, materials: i.materials.map((m) => (m.key === 'photo' ? { ...m, required: false } : m)) } : i]),
      ),
    };
    const offline = createTransactionMachine(optionalPhoto).provide({ actors: { fetchExchange: fromPromise(async () => Promise.reject(new Error('offline'))) } });
    const actor = createActor(offline, { input: { sessionId: 's', catalogVersion: 'model', now: T0 } }).start();
    const send = (type: string, extra: Record<string, unknown> = {}) => actor.send({ type, ...extra, at: AT } as TransactionEvent);
    send('device.cardRead', { applicant: person('resident') });
    send('user.consent', { accepted: true });
    await waitFor(actor, (s) => s.matches({ session: 'choose' }));
    send('user.chooseBundle', { code: 'BUNDLE-1', optionalItems: [] });
    send('user.setValue', { key: 'applicant.phone', value: '13812345678' });
    send('user.next');
    send('user.next');
    expect(actor.getSnapshot().value).toEqual({ session: 'materials' });
    send('user.decideMaterial', { key: 'proof.residence', decision: 'signed' });
    send('user.next');
    expect(actor.getSnapshot().value).toEqual({ session: 'review' });
    actor.stop();
  });

  it('restarts the idle clock on screen activity, but once the warning shows only an extension does', () => {
    const actor = createActor(machine, { input: { sessionId: 's', catalogVersion: 'model', now: T0 } }).start();
    actor.send({ type: 'device.cardRead', applicant: person('resident'), at: AT });
    const { stepMs, warningMs } = DEFAULT_TIMEOUTS;
    actor.send({ type: 'user.active', at: AT + 60_000 });
    expect(actor.getSnapshot().context.deadline).toBe(AT + 60_000 + stepMs);
    actor.send(tick(AT + 60_000 + stepMs - warningMs));
    expect(actor.getSnapshot().context.warning).toBe(true);
    actor.send({ type: 'user.active', at: AT + 60_000 + stepMs - 1000 });
    expect(actor.getSnapshot().context.deadline).toBe(AT + 60_000 + stepMs);
    actor.send(tick(AT + 60_000 + stepMs));
    expect(actor.getSnapshot().value).toBe('ending');
    actor.stop();
  });
});
