/**
 * A session resumed after a restart (DESIGN.md §7): within the short window it goes straight back to its
 * step; past it, it shows nothing and does nothing until the same applicant's card is read again, refuses
 * anyone else's, and otherwise times out or is ended like any step.
 */
import { describe, expect, it } from 'vitest';
import { MOTHER_CARD } from '../bundle/birth-catalog.fixture.ts';
import { applicant, fakes, FORM, settle, start, stuckInCommit, toForm } from './test-helpers.ts';
import type { Applicant, TransactionEvent } from './transaction-machine.ts';

describe('a resumed session', () => {
  const WINDOW = 120_000;
  const stranger: Applicant = { via: 'idcard', card: { ...MOTHER_CARD, name: '王五', idNumber: '110101199001011237' }, facts: applicant.facts };

  /** A session on the form, persisted as a crash leaves it, and when its citizen last acted. */
  async function atForm() {
    const first = start();
    await toForm(first);
    first.send({ type: 'user.setValue', key: 'applicant.phone', value: '13812345678' });
    const lastActive = first.now();
    // The warning is not activity: a resume is measured from the citizen's last action, not from it.
    first.actor.send({ type: 'timer.tick', at: first.actor.getSnapshot().context.deadline! - 25_000 });
    expect(first.actor.getSnapshot().context.warning).toBe(true);
    const snapshot = JSON.parse(JSON.stringify(first.actor.getPersistedSnapshot()));
    first.actor.stop();
    return { snapshot, lastActive };
  }

  it('goes straight back within the short window; past it, asks for the same card, refuses anyone else, and goes back to where it was', async () => {
    const { snapshot, lastActive } = await atForm();
    const quick = start(fakes(), snapshot);
    quick.actor.send({ type: 'system.resumed', reidentifyAfterMs: WINDOW, at: lastActive + WINDOW });
    expect(quick.actor.getSnapshot().value).toEqual(FORM);
    expect(quick.actor.getSnapshot().context.deadline).toBe(lastActive + WINDOW + quick.actor.getSnapshot().context.timeouts.stepMs);
    quick.actor.stop();

    const { actor } = start(fakes(), snapshot);
    const ctx = () => actor.getSnapshot().context;
    const at = lastActive + WINDOW + 1;
    actor.send({ type: 'system.resumed', reidentifyAfterMs: WINDOW, at });
    expect(actor.getSnapshot().value).toBe('reidentify');
    expect(ctx().reidentify).toEqual({ resumeTo: 'session.form.editing', otherCard: false });
    expect(ctx().deadline).toBe(at + ctx().timeouts.stepMs);
    // Nothing of the session can be done meanwhile.
    for (const event of [{ type: 'user.setValue', key: 'applicant.phone', value: '13900000000' }, { type: 'user.next' }, { type: 'user.back' }] as const) {
      expect(actor.getSnapshot().can({ ...event, at: at + 1 } as TransactionEvent), event.type).toBe(false);
    }
    actor.send({ type: 'device.cardRead', applicant: stranger, at: at + 1000 });
    expect(actor.getSnapshot().value).toBe('reidentify');
    expect(ctx().reidentify?.otherCard).toBe(true);
    // The stranger's card leaves nothing behind.
    expect(JSON.stringify(actor.getPersistedSnapshot())).not.toContain(stranger.card.idNumber);
    // The same person, the check character written in lower case.
    const same = { ...applicant, card: { ...MOTHER_CARD, idNumber: MOTHER_CARD.idNumber!.toLowerCase() } };
    actor.send({ type: 'device.cardRead', applicant: same, at: at + 2000 });
    expect(actor.getSnapshot().value).toEqual(FORM);
    expect(ctx().reidentify).toBeNull();
    expect(ctx().applicant).toEqual(snapshot.context.applicant);
    expect(ctx().values).toEqual(snapshot.context.values);
    expect(ctx().deadline).toBe(at + 2000 + ctx().timeouts.stepMs);
  });

  it('waiting for the card, times out or is cancelled like any step, and is wiped; an ending session just finishes its wipe', async () => {
    const { snapshot, lastActive } = await atForm();
    for (const end of ['timeout', 'cancelled'] as const) {
      const { actor, f } = start(fakes(), snapshot);
      actor.send({ type: 'system.resumed', reidentifyAfterMs: WINDOW, at: lastActive + 10 * WINDOW });
      expect(actor.getSnapshot().value).toBe('reidentify');
      if (end === 'timeout') actor.send({ type: 'timer.tick', at: actor.getSnapshot().context.deadline! });
      else actor.send({ type: 'user.cancel', at: lastActive + 10 * WINDOW + 1000 });
      await settle(actor, 'done');
      expect(actor.getSnapshot().context.endReason).toBe(end);
      expect(f.wipe).toHaveBeenCalledTimes(1);
    }

    const never = fakes();
    never.wipe.mockImplementation(() => new Promise(() => undefined));
    const first = start(never);
    first.send({ type: 'device.cardRead', applicant });
    first.send({ type: 'user.cancel' });
    expect(first.actor.getSnapshot().value).toBe('ending');
    const crashed = JSON.parse(JSON.stringify(first.actor.getPersistedSnapshot()));
    first.actor.stop();
    const after = fakes();
    const { actor } = start(after, crashed);
    actor.send({ type: 'system.resumed', reidentifyAfterMs: WINDOW, at: first.now() + 10 * WINDOW });
    await settle(actor, 'done');
    expect(after.wipe).toHaveBeenCalled();
  });

  it('goes back to the commit it was making, with the same key', async () => {
    const committing = await stuckInCommit('key-4');
    const crashed = JSON.parse(JSON.stringify(committing.actor.getPersistedSnapshot()));
    committing.actor.stop();
    const later = committing.now() + 10 * WINDOW;

    const after = fakes();
    const restored = start(after, crashed);
    restored.actor.send({ type: 'system.resumed', reidentifyAfterMs: WINDOW, at: later });
    expect(restored.actor.getSnapshot().value).toBe('reidentify');
    restored.actor.send({ type: 'device.cardRead', applicant, at: later + 1000 });
    await settle(restored.actor, 'rating');
    expect(after.commit.mock.calls.at(-1)![0].input.idempotencyKey).toBe('key-4');
  });
});
