import { describe, expect, it } from 'vitest';
import { BIRTH_CATALOG } from '../bundle/birth-catalog.fixture.ts';
import { MAX_MESSAGE_BYTES } from '../contract/rpc-endpoint.ts';
import { decideAll, fillForm, start, toForm } from './test-helpers.ts';
import { THUMBNAILS_PER_VIEW, transactionView } from './session-view.ts';

describe('captured pages in the session view', () => {
  it('carries thumbnails up to what one view may hold, then lists the pages without their picture', async () => {
    const { actor, send, now } = start();
    await toForm({ actor, send });
    const ctx = () => actor.getSnapshot().context;
    fillForm(ctx, send);
    send({ type: 'user.next' });
    decideAll(ctx, send);
    const pages = Object.values(ctx().captures).flat();
    expect(pages.length).toBeGreaterThanOrEqual(2);
    // Each thumbnail 60 % of the budget: the first fits, the others are listed by their number only.
    const big = new Uint8Array(Math.floor((THUMBNAILS_PER_VIEW * 0.6 * 3) / 4));
    const thumbnails = new Map(pages.map((p) => [p.sha256, big]));
    const view = transactionView(BIRTH_CATALOG, actor.getSnapshot(), { now: now(), thumbnails });
    const taken = view.materials.flatMap((m) => m.capture?.taken ?? []);
    expect(taken).toHaveLength(pages.length);
    expect(taken.filter((t) => t.thumbnail).length).toBe(1);
    expect(JSON.stringify(view).length).toBeLessThan(MAX_MESSAGE_BYTES);
  });
});
