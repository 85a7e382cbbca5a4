import { describe, expect, it, vi } from 'vitest';
import { serveKioskRpc } from '../../../core/contract/kiosk-rpc.ts';
import type { KioskSnapshot, SessionView } from '../../../core/contract/kiosk-view.ts';
import type { CoreApi } from '../../../core/contract/rpc-contract.ts';
import type { MessagePort } from '../../../core/contract/rpc-endpoint.ts';
import type { TransactionView } from '../../../core/contract/transaction-view.ts';
import type { ReconnectingPort } from '../bridge/websocket-port.ts';
import { KioskModel } from './KioskModel.ts';

function view(step: TransactionView['step'], change: Partial<TransactionView> = {}): TransactionView {
  return {
    step,
    timer: { remainingMs: 120_000, warning: false, extensionsLeft: 10 },
    applicant: { via: 'idcard', name: '王*', idNumber: '110105********0029' },
    bundle: null,
    optionalItems: [],
    eligibility: [],
    fields: [],
    questionsLeft: 0,
    materials: [],
    departments: [],
    submission: null,
    submitFailure: null,
    receipt: null,
    rating: { indicators: [], lowLevelReasons: [] },
    endReason: null,
    exchange: null,
    allowed: ['user.cancel'],
    notice: null,
    ...change,
  };
}

const session = (transaction: TransactionView | null): SessionView => ({
  step: transaction?.step ?? 'attract',
  language: 'zh-CN',
  elderMode: false,
  transaction,
  query: null,
});

/** A model wired to a fake core over an in-memory port pair; `push` is core publishing a session view. */
function setup(accept: (type: string) => boolean, initial: TransactionView | null = view('consent')) {
  const listeners = { core: new Set<(d: unknown) => void>(), renderer: new Set<(d: unknown) => void>() };
  const port = (self: 'core' | 'renderer', peer: 'core' | 'renderer'): MessagePort => ({
    post: (data) => queueMicrotask(() => listeners[peer].forEach((l) => l(data))),
    subscribe: (l) => {
      listeners[self].add(l);
      return () => listeners[self].delete(l);
    },
  });
  const snapshot: KioskSnapshot = {
    kiosk: { status: { state: 'available' }, hall: null },
    session: session(initial),
    devices: [],
    sync: { backOffice: 'online', lastContactAt: null, queued: 0 },
  };
  const api: CoreApi = {
    getSnapshot: () => snapshot,
    setLanguage: () => snapshot.session,
    setElderMode: () => snapshot.session,
    wedgeScan: () => null,
    sessionEvent: vi.fn((event) => ({ accepted: accept(event.type) })),
    ownAnswer: () => ({ value: null }),
    captureMaterial: () => ({ accepted: false }),
    speak: () => null,
    speechChunk: () => null,
    pinyinCandidates: () => ({ available: true, candidates: [] }),
  };
  const server = serveKioskRpc({ port: port('core', 'renderer'), onReject: () => undefined }, api);
  const rendererPort: ReconnectingPort = {
    ...port('renderer', 'core'),
    onState: (listener) => {
      listener('open');
      return () => undefined;
    },
  };
  const model = new KioskModel(rendererPort, () => undefined);
  return { model, api, push: (transaction: TransactionView | null) => server.emit.session(session(transaction)) };
}

async function settled(model: KioskModel): Promise<void> {
  await vi.waitFor(() => expect(model.snapshot.value).not.toBeNull());
}

describe('KioskModel', () => {
  it('resolves an accepted event only once the view that follows has arrived', async () => {
    const { model, push } = setup(() => true);
    await settled(model);
    let resolved = false;
    const sent = model.sessionEvent({ type: 'user.consent', accepted: true }).then((accepted) => {
      resolved = true;
      return accepted;
    });
    await new Promise((r) => setTimeout(r, 20));
    expect(resolved).toBe(false);
    push(view('choose'));
    expect(await sent).toBe(true);
    expect(model.transaction.value?.step).toBe('choose');
  });

  it('resolves a refused event at once, with false', async () => {
    const { model } = setup(() => false);
    await settled(model);
    expect(await model.sessionEvent({ type: 'user.next' })).toBe(false);
    expect(model.transaction.value?.step).toBe('consent');
  });

  it('says goodbye on the attract screen when a session ends, until the next one starts', async () => {
    const { model, push } = setup(() => true);
    await settled(model);
    push(view('ending', { endReason: 'cancelled' }));
    push(null);
    await vi.waitFor(() => expect(model.farewell.value).toEqual({ reason: 'cancelled', submitted: false }));
    push(view('consent'));
    await vi.waitFor(() => expect(model.farewell.value).toBeNull());
  });

  it('keeps the attract screen quiet for a notice, which is no session ending', async () => {
    const { model, push } = setup(() => true, null);
    await settled(model);
    push(view('attract', { applicant: null, notice: { 'zh-CN': '证件已过期' } }));
    await vi.waitFor(() => expect(model.transaction.value?.notice).not.toBeNull());
    push(null);
    await vi.waitFor(() => expect(model.transaction.value).toBeNull());
    expect(model.farewell.value).toBeNull();
  });
});
