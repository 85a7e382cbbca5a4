import { getShortestPaths } from '@xstate/graph';
import { describe, expect, it } from 'vitest';
import { getNextSnapshot } from 'xstate';
import { BIRTH_BUNDLE, MOTHER_CARD } from '../bundle/birth-catalog.fixture.ts';
import { applicant, decideAll, fakes, fillForm, FORM, machineWith, settle, start, T0, stuckInCommit, toForm } from './test-helpers.ts';
import type { TransactionEvent } from './transaction-machine.ts';

describe('transaction machine', () => {
  it('takes a citizen from the card to a printed receipt, committing once with one idempotency key', async () => {
    const { actor, send, f } = start();
    const ctx = () => actor.getSnapshot().context;
    send({ type: 'device.cardRead', applicant });
    expect(actor.getSnapshot().value).toEqual({ session: 'consent' });
    send({ type: 'user.consent', accepted: true });
    await settle(actor, { session: 'choose' });
    send({ type: 'user.chooseBundle', code: BIRTH_BUNDLE.code, optionalItems: [] });
    expect(actor.getSnapshot().value).toEqual(FORM);
    expect(ctx().values['applicant.name']).toBe(MOTHER_CARD.name);

    send({ type: 'user.next' });
    expect(actor.getSnapshot().value).toEqual(FORM);
    fillForm(ctx, send);
    send({ type: 'user.next' });
    expect(actor.getSnapshot().value).toEqual({ session: 'materials' });
    decideAll(ctx, send);
    send({ type: 'user.next' });
    expect(actor.getSnapshot().value).toEqual({ session: 'review' });
    send({ type: 'user.submit', idempotencyKey: 'key-1' });
    await settle(actor, 'rating');
    expect(f.commit).toHaveBeenCalledTimes(1);
    expect(f.commit.mock.calls[0]![0].input.idempotencyKey).toBe('key-1');
    expect(f.print.mock.calls[0]![0].input.jobId).toBe('receipt-key-1');
    expect(ctx().submission).toEqual({ idempotencyKey: 'key-1', receiptNumber: 'SL-K1-20250301-000001' });
    send({ type: 'user.rate', rating: { level: 5, reasons: [] } });
    await settle(actor, 'done');
    expect(f.wipe).toHaveBeenCalledTimes(1);
    // The rating leaves with the wipe, to be queued for the back office in the same store transaction.
    expect(f.wipe.mock.calls[0]![0].input).toEqual({ sessionId: 'session-1', rating: { level: 5, reasons: [] }, submission: ctx().submission });
    expect(actor.getSnapshot().status).toBe('done');
  });

  it('shows the receipt on screen when the printer fails, after the submission is durable', async () => {
    const f = fakes();
    f.print.mockRejectedValue(new Error('paper out'));
    const { actor, send } = start(f);
    const ctx = () => actor.getSnapshot().context;
    send({ type: 'device.cardRead', applicant });
    send({ type: 'user.consent', accepted: true });
    await settle(actor, { session: 'choose' });
    send({ type: 'user.chooseBundle', code: BIRTH_BUNDLE.code, optionalItems: [] });
    fillForm(ctx, send);
    send({ type: 'user.next' });
    decideAll(ctx, send);
    send({ type: 'user.next' });
    send({ type: 'user.submit', idempotencyKey: 'key-2' });
    await settle(actor, 'receiptOnScreen');
    expect(ctx().receipt).toBe('fallback');
    expect(ctx().submission).not.toBeNull();
  });

  it('ends and wipes on cancel from any step, and on a declined consent', async () => {
    for (const steps of [[], ['consent'], ['consent', 'choose']]) {
      const { actor, send, f } = start();
      send({ type: 'device.cardRead', applicant });
      if (steps.includes('consent')) {
        send({ type: 'user.consent', accepted: true });
        await settle(actor, { session: 'choose' });
      }
      if (steps.includes('choose')) send({ type: 'user.chooseBundle', code: BIRTH_BUNDLE.code, optionalItems: [] });
      send({ type: 'user.cancel' });
      await settle(actor, 'done');
      expect(actor.getSnapshot().context.endReason).toBe('cancelled');
      expect(f.wipe).toHaveBeenCalledTimes(1);
    }
    const { actor, send } = start();
    send({ type: 'device.cardRead', applicant });
    send({ type: 'user.consent', accepted: false });
    await settle(actor, 'done');
    expect(actor.getSnapshot().context.endReason).toBe('declined');
  });

  it('warns before the idle timeout, allows extensions, then ends the session', async () => {
    const { actor, send, now } = start();
    const ctx = () => actor.getSnapshot().context;
    send({ type: 'device.cardRead', applicant });
    const deadline = ctx().deadline!;
    actor.send({ type: 'timer.tick', at: deadline - 31_000 });
    expect(ctx().warning).toBe(false);
    actor.send({ type: 'timer.tick', at: deadline - 25_000 });
    expect(ctx().warning).toBe(true);
    for (let i = 0; i < 10; i++) {
      const d = ctx().deadline!;
      actor.send({ type: 'timer.tick', at: d - 20_000 });
      actor.send({ type: 'user.extend', at: d - 20_000 });
      expect(ctx().extensions).toBe(i + 1);
    }
    const last = ctx().deadline!;
    actor.send({ type: 'timer.tick', at: last - 20_000 });
    actor.send({ type: 'user.extend', at: last - 20_000 });
    expect(ctx().extensions).toBe(10);
    actor.send({ type: 'timer.tick', at: last });
    await settle(actor, 'done');
    expect(ctx().endReason).toBe('timeout');
    expect(now()).toBeGreaterThan(T0);
  });

  it('resumes from a persisted snapshot with its answers, and re-runs the commit with the same key', async () => {
    const first = start();
    const ctx = () => first.actor.getSnapshot().context;
    await toForm(first);
    fillForm(ctx, first.send);
    const atForm = JSON.parse(JSON.stringify(first.actor.getPersistedSnapshot()));
    first.actor.stop();

    const resumed = start(fakes(), atForm);
    expect(resumed.actor.getSnapshot().value).toEqual(FORM);
    expect(resumed.actor.getSnapshot().context.values).toEqual(atForm.context.values);

    const committing = await stuckInCommit('key-3');
    expect(committing.actor.getSnapshot().value).toBe('submitting');
    const crashed = JSON.parse(JSON.stringify(committing.actor.getPersistedSnapshot()));
    committing.actor.stop();

    const after = fakes();
    const restored = start(after, crashed);
    await settle(restored.actor, 'rating');
    expect(after.commit).toHaveBeenCalledTimes(1);
    expect(after.commit.mock.calls[0]![0].input.idempotencyKey).toBe('key-3');
  });

  it('reaches every step, with a path to the end from each (model-based)', () => {
    const machine = machineWith(fakes());
    const at = T0 + 1000;
    const events: TransactionEvent[] = [
      { type: 'device.cardRead', applicant, at },
      { type: 'user.consent', accepted: true, at },
      { type: 'user.consent', accepted: false, at },
      { type: 'user.chooseBundle', code: BIRTH_BUNDLE.code, optionalItems: [], at },
      { type: 'user.chooseBundle', code: 'NO-SUCH-BUNDLE', optionalItems: [], at },
      { type: 'user.next', at },
      { type: 'user.back', at },
      { type: 'user.cancel', at },
      { type: 'timer.tick', at: at + 10 * 60_000 },
      // The exchange answering (or not) is an event from its actor.
      { type: 'xstate.done.actor.exchange', output: { datasets: {}, eLicences: [] } } as unknown as TransactionEvent,
      { type: 'xstate.error.actor.exchange', error: new Error('offline') } as unknown as TransactionEvent,
    ];
    const paths = getShortestPaths(machine, {
      events,
      input: { sessionId: 's', catalogVersion: 'test', now: T0 },
      serializeState: (s) => JSON.stringify(s.value),
    });
    const reached = new Set(paths.map((p) => JSON.stringify(p.state.value)));
    for (const state of [{ session: 'consent' }, { session: 'gathering' }, { session: 'choose' }, FORM, 'ending', 'idle']) {
      expect(reached).toContain(JSON.stringify(state));
    }
    // Every reached state can be left by cancel or timeout (ending), except the idle start and ending itself.
    for (const path of paths) {
      const value = JSON.stringify(path.state.value);
      if (value === '"idle"' || value === '"ending"') continue;
      const next = getNextSnapshot(machine, path.state, { type: 'timer.tick', at: at + 10 * 60_000 });
      expect(JSON.stringify(next.value)).toBe('"ending"');
    }
  });
});
