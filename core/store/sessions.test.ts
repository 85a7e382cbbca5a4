import { afterEach, describe, expect, it } from 'vitest';
import type { Store } from './database.ts';
import { manualClock, openTempStore, staticKeyProvider, TempDirs, thrown } from './test-helpers.ts';

const dirs = new TempDirs();
const stores: Store[] = [];
afterEach(async () => {
  stores.splice(0).forEach((s) => s.close());
  await dirs.cleanup();
});

const clock = () => manualClock(1_000_000);

async function open(now = clock().now): Promise<Store> {
  const { store } = await openTempStore(dirs, { now });
  stores.push(store);
  return store;
}


const MINUTE = 60_000;

describe('SessionRepository', () => {
  it('saves and loads a snapshot, keeping created_at and moving updated_at', async () => {
    const c = clock();
    const store = await open(c.now);
    const snapshot = { status: 'active', value: { form: 'review' }, context: { applicant: { name: '张三' } } };
    store.sessions.save('s1', 3, snapshot);
    c.advance(5_000);
    store.sessions.save('s1', 4, { ...snapshot, value: 'materials' });
    expect(store.sessions.load('s1')).toEqual({
      id: 's1',
      machineVersion: 4,
      snapshot: { ...snapshot, value: 'materials' },
      createdAt: 1_000_000,
      updatedAt: 1_005_000,
    });
    expect(store.sessions.load('nope')).toBeUndefined();
  });

  it('stores the snapshot sealed, not as JSON text', async () => {
    const store = await open();
    store.sessions.save('s1', 1, { marker: 'plain-marker-text' });
    const raw = store.db.prepare('SELECT state_json FROM sessions').pluck().get() as Buffer;
    expect(raw.includes('plain-marker-text')).toBe(false);
    expect(raw[0]).toBe(1);
  });

  it('binds a sealed snapshot to its session id and its key', async () => {
    const dir = await dirs.make();
    const { store } = await openTempStore(dirs, { dir });
    stores.push(store);
    store.sessions.save('a', 1, { who: 'a' });
    store.sessions.save('b', 1, { who: 'b' });
    store.db.prepare(`UPDATE sessions SET state_json = (SELECT state_json FROM sessions WHERE id = 'a') WHERE id = 'b'`).run();
    expect(thrown(() => store.sessions.load('b')).code).toBe('E_DECRYPT');
    store.close();
    const { store: other } = await openTempStore(dirs, { dir, keyProvider: staticKeyProvider() });
    stores.push(other);
    expect(thrown(() => other.sessions.load('a')).code).toBe('E_DECRYPT');
  });

  it('finds the most recently saved session, the later save winning a tie', async () => {
    const c = clock();
    const store = await open(c.now);
    expect(store.sessions.latest()).toBeUndefined();
    store.sessions.save('old', 1, { n: 1 });
    c.advance(MINUTE);
    store.sessions.save('new', 1, { n: 2 });
    expect(store.sessions.latest()?.id).toBe('new');
    c.advance(MINUTE);
    store.sessions.save('old', 1, { n: 3 });
    expect(store.sessions.latest()).toMatchObject({ id: 'old', snapshot: { n: 3 } });
    store.sessions.save('tie', 1, { n: 4 });
    expect(store.sessions.latest()?.id).toBe('tie');
  });

  it('deletes a session and reports whether there was one', async () => {
    const store = await open();
    store.sessions.save('s1', 1, {});
    expect(store.sessions.delete('s1')).toEqual({ deleted: true, busy: false });
    expect(store.sessions.load('s1')).toBeUndefined();
    expect(store.sessions.delete('s1')).toEqual({ deleted: false, busy: false });
  });

  it('discards sessions past the maximum age or from another machine version, oldest first', async () => {
    const c = clock();
    const store = await open(c.now);
    store.sessions.save('expired', 5, {});
    c.advance(MINUTE);
    store.sessions.save('old-machine', 4, {});
    c.advance(20 * MINUTE);
    store.sessions.save('fresh', 5, {});
    expect(store.sessions.discardStale({ maxAgeMs: 10 * MINUTE, machineVersion: 5 })).toEqual([
      { id: 'expired', machineVersion: 5, updatedAt: 1_000_000, reason: 'expired' },
      { id: 'old-machine', machineVersion: 4, updatedAt: 1_000_000 + MINUTE, reason: 'machine-version' },
    ]);
    expect(store.db.prepare('SELECT id FROM sessions').pluck().all()).toEqual(['fresh']);
    expect(store.sessions.discardStale({ maxAgeMs: 10 * MINUTE, machineVersion: 5 })).toEqual([]);
  });

  it('refuses values it cannot store, without echoing them', async () => {
    const store = await open();
    const circular: Record<string, unknown> = { idNumber: '11010519491231002X' };
    circular.self = circular;
    for (const bad of [undefined, () => 1, { n: 1n }, circular]) {
      const error = thrown(() => store.sessions.save('s1', 1, bad));
      expect(error.code).toBe('E_INVALID');
      expect(error.message).not.toContain('11010519491231002X');
    }
    expect(thrown(() => store.sessions.save('', 1, {})).code).toBe('E_INVALID');
    expect(thrown(() => store.sessions.save('s1', 1.5, {})).code).toBe('E_INVALID');
    expect(thrown(() => store.sessions.discardStale({ maxAgeMs: -1, machineVersion: 1 })).code).toBe('E_INVALID');
    expect(store.sessions.load('s1')).toBeUndefined();
  });
});
