import { describe, expect, it } from 'vitest';
import { BIRTH_CATALOG } from '../bundle/birth-catalog.fixture.ts';
import { ownAnswer, transactionView } from './session-view.ts';
import { fillForm, start, toForm } from './test-helpers.ts';

describe("the applicant's own answers in full (ownAnswer)", () => {
  it('gives back what the citizen typed, one field at a time, while they fill in and check the form', async () => {
    const { actor, send, now } = start();
    const own = (key: string) => ownAnswer(BIRTH_CATALOG, actor.getSnapshot(), key);
    await toForm({ actor, send });
    expect(own('child.name')).toBeNull();
    send({ type: 'user.setValue', key: 'child.name', value: '李小明' });
    send({ type: 'user.setValue', key: 'child.birthDate', value: '2025-02-20' });
    expect(own('child.name')).toBe('李小明');
    expect(own('child.birthDate')).toBe('2025-02-20');
    // The view itself stays masked.
    const view = transactionView(BIRTH_CATALOG, actor.getSnapshot(), { now: now() });
    expect(JSON.stringify(view)).not.toContain('李小明');
    expect(view.fields.find((f) => f.key === 'child.birthDate')?.display).toBe('2025-**-**');
  });

  it("never gives the ID card's data, a department's record, a signature, an unknown field, nor on a step without the form", async () => {
    const { actor, send } = start();
    const own = (key: string) => ownAnswer(BIRTH_CATALOG, actor.getSnapshot(), key);
    expect(own('child.name')).toBeNull();
    await toForm({ actor, send });
    const ctx = () => actor.getSnapshot().context;
    fillForm(ctx, send);
    expect(own('applicant.name')).toBeNull();
    expect(own('applicant.idNumber')).toBeNull();
    expect(own('applicant.signature')).toBeNull();
    expect(own('no.such.field')).toBeNull();
    expect(own('child.name')).not.toBeNull();
    send({ type: 'user.next' });
    expect(actor.getSnapshot().value).toMatchObject({ session: 'materials' });
    expect(own('child.name')).toBeNull();
  });
});
