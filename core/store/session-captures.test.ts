import { afterEach, describe, expect, it } from 'vitest';
import type { Store } from './database.ts';
import { openTempStore, readAllFiles, TempDirs, thrown } from './test-helpers.ts';

const dirs = new TempDirs();
const stores: Store[] = [];
afterEach(async () => {
  stores.splice(0).forEach((s) => s.close());
  await dirs.cleanup();
});

async function open(): Promise<{ store: Store; dir: string }> {
  const dir = await dirs.make();
  const { store } = await openTempStore(dirs, { dir });
  stores.push(store);
  return { store, dir };
}

/** Bytes that stand out in a file: a made-up page image with a marker no cipher text contains by chance. */
const page = (marker: string) => Buffer.from(`\xff\xd8\xff${marker}-${'x'.repeat(2000)}\xff\xd9`, 'latin1');

describe('SessionCaptures', () => {
  it('keeps a page sealed, opens it for its session, and a retake replaces it', async () => {
    const { store } = await open();
    store.sessions.save('s1', 3, { step: 'materials' });
    const first = store.captures.put({ sessionId: 's1', materialKey: 'idPhoto', page: 0, image: page('FIRST-PAGE'), thumbnail: page('THUMB') });
    expect(first).toMatchObject({ page: 0, size: page('FIRST-PAGE').length });
    const retake = store.captures.put({ sessionId: 's1', materialKey: 'idPhoto', page: 0, image: page('RETAKE'), thumbnail: page('THUMB2') });
    expect(retake.sha256).not.toBe(first.sha256);
    const pages = store.captures.pages('s1');
    expect(pages).toHaveLength(1);
    expect(pages[0]).toMatchObject({ materialKey: 'idPhoto', page: 0, sha256: retake.sha256 });
    expect(pages[0]!.image.equals(page('RETAKE'))).toBe(true);
    expect(store.captures.thumbnails('s1').get(retake.sha256)?.equals(page('THUMB2'))).toBe(true);
    const raw = store.db.prepare('SELECT image FROM session_captures').pluck().get() as Buffer;
    expect(raw.includes('RETAKE')).toBe(false);
  });

  it('binds a page to its session: moved to another, it does not open', async () => {
    const { store } = await open();
    store.sessions.save('a', 3, {});
    store.sessions.save('b', 3, {});
    store.captures.put({ sessionId: 'a', materialKey: 'bankCard', page: 0, image: page('A'), thumbnail: page('TA') });
    store.db.prepare(`UPDATE session_captures SET session_id = 'b'`).run();
    expect(thrown(() => store.captures.pages('b')).code).toBe('E_DECRYPT');
  });

  it('refuses a page of no session, and drops a material brought to the window instead', async () => {
    const { store } = await open();
    expect(thrown(() => store.captures.put({ sessionId: 'none', materialKey: 'idPhoto', page: 0, image: page('X'), thumbnail: page('T') })).code).toBe('E_CONSTRAINT');
    store.sessions.save('s1', 3, {});
    store.captures.put({ sessionId: 's1', materialKey: 'idPhoto', page: 0, image: page('X'), thumbnail: page('T') });
    store.captures.put({ sessionId: 's1', materialKey: 'bankCard', page: 0, image: page('Y'), thumbnail: page('T') });
    store.captures.removeMaterial('s1', 'idPhoto');
    expect(store.captures.pages('s1').map((p) => p.materialKey)).toEqual(['bankCard']);
  });

  it('is wiped with its session, leaving no trace in the files', async () => {
    const { store, dir } = await open();
    store.sessions.save('s1', 3, {});
    store.captures.put({ sessionId: 's1', materialKey: 'idPhoto', page: 0, image: page('WIPED-PAGE'), thumbnail: page('T') });
    const sealed = store.db.prepare('SELECT image FROM session_captures').pluck().get() as Buffer;
    store.endSession('s1', []);
    expect(store.captures.pages('s1')).toEqual([]);
    const probe = sealed.subarray(40, 72);
    for (const file of await readAllFiles(dir)) expect(file.bytes.includes(probe), file.path).toBe(false);
  });
});
