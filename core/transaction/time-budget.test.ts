import { describe, expect, it } from 'vitest';
import { withinBudget } from './time-budget.ts';

describe('withinBudget', () => {
  it('gives the answer when it comes in time', async () => {
    await expect(withinBudget(1000, undefined, async () => 'records')).resolves.toBe('records');
  });

  it('gives up when the budget is spent, even on a call that ignores its signal', async () => {
    const started = Date.now();
    await expect(withinBudget(50, undefined, () => new Promise(() => undefined))).rejects.toMatchObject({ name: 'TimeoutError' });
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('aborts the call’s signal at the budget, and when the caller gives up first', async () => {
    let seen: AbortSignal | undefined;
    await expect(withinBudget(30, undefined, (signal) => ((seen = signal), new Promise(() => undefined)))).rejects.toBeDefined();
    expect(seen?.aborted).toBe(true);
    const caller = new AbortController();
    const pending = withinBudget(60_000, caller.signal, () => new Promise(() => undefined));
    caller.abort(new Error('session stopped'));
    await expect(pending).rejects.toThrow('session stopped');
  });

  it('passes a failure of the call through', async () => {
    await expect(withinBudget(1000, undefined, async () => Promise.reject(new Error('503')))).rejects.toThrow('503');
  });
});
