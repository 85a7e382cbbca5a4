import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { connectKioskRpc, serveKioskRpc } from './kiosk-rpc.ts';
import type { CoreApi, RendererApi } from './rpc-contract.ts';
import { MAX_MESSAGE_BYTES, RpcError, type MessagePort, type RpcRejection } from './rpc-endpoint.ts';
import type { KioskSnapshot, SessionView } from './kiosk-view.ts';

/** Two ports wired back to back; `inject` delivers raw data to one side as if the peer had sent it. */
function portPair() {
  const listeners = { a: new Set<(d: unknown) => void>(), b: new Set<(d: unknown) => void>() };
  const make = (self: 'a' | 'b', peer: 'a' | 'b'): MessagePort => ({
    post: (data) => queueMicrotask(() => listeners[peer].forEach((l) => l(data))),
    subscribe: (l) => {
      listeners[self].add(l);
      return () => listeners[self].delete(l);
    },
  });
  return {
    core: make('a', 'b'),
    renderer: make('b', 'a'),
    injectToCore: (data: unknown) => listeners.a.forEach((l) => l(data)),
    injectToRenderer: (data: unknown) => listeners.b.forEach((l) => l(data)),
  };
}

const session: SessionView = { step: 'attract', language: 'zh-CN', elderMode: false, transaction: null, query: null };
const snapshot: KioskSnapshot = {
  kiosk: { status: { state: 'available' }, hall: null },
  session,
  devices: [],
  sync: { backOffice: 'unknown', lastContactAt: null, queued: 0 },
};

function setup(api: Partial<CoreApi> = {}) {
  const ports = portPair();
  const coreRejections: RpcRejection[] = [];
  const rendererRejections: RpcRejection[] = [];
  const handlers: CoreApi = {
    getSnapshot: vi.fn(() => snapshot),
    setLanguage: vi.fn(({ language }) => ({ ...session, language })),
    setElderMode: vi.fn(({ enabled }) => ({ ...session, elderMode: enabled })),
    simulate: vi.fn(() => ({ ok: false, message: 'not simulated' })),
    wedgeScan: vi.fn(() => null),
    sessionEvent: vi.fn(() => ({ accepted: true })),
    ...api,
  };
  const sinks: RendererApi = { kiosk: vi.fn(), session: vi.fn(), devices: vi.fn(), sync: vi.fn() };
  const server = serveKioskRpc({ port: ports.core, onReject: (r) => coreRejections.push(r) }, handlers);
  const client = connectKioskRpc(
    { port: ports.renderer, onReject: (r) => rendererRejections.push(r), timeoutMs: 200 },
    sinks,
  );
  return { ...ports, handlers, sinks, server, client, coreRejections, rendererRejections };
}

const flush = () => new Promise((r) => setTimeout(r, 5));

describe('kiosk RPC endpoint', () => {
  it('calls a method and returns its validated result', async () => {
    const { client, handlers } = setup();
    await expect(client.call.setLanguage({ language: 'en' })).resolves.toEqual({ ...session, language: 'en' });
    expect(handlers.setLanguage).toHaveBeenCalledWith({ language: 'en' });
    await expect(client.call.getSnapshot({})).resolves.toEqual(snapshot);
  });

  it('delivers events to the renderer sinks', async () => {
    const { server, sinks } = setup();
    server.emit.session({ ...session, elderMode: true });
    await flush();
    expect(sinks.session).toHaveBeenCalledWith({ ...session, elderMode: true });
  });

  it('rejects invalid input before the handler and logs no payload', async () => {
    const { client, handlers, coreRejections } = setup();
    const bad = { language: '11010519491231002X' } as never;
    const error = await client.call.setLanguage(bad).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RpcError);
    expect((error as RpcError).code).toBe('E_INVALID_INPUT');
    expect(handlers.setLanguage).not.toHaveBeenCalled();
    expect(coreRejections).toEqual([
      { code: 'E_INVALID_INPUT', method: 'setLanguage', problems: ['language: expected ("zh-CN" | "en")'] },
    ]);
    expect(JSON.stringify(coreRejections)).not.toContain('11010519491231002X');
    expect((error as Error).message).not.toContain('11010519491231002X');
  });

  it('rejects extra keys and wrong argument counts', async () => {
    const { client, handlers, injectToCore, coreRejections } = setup();
    await expect(client.call.setElderMode({ enabled: true, extra: 1 } as never)).rejects.toMatchObject({ code: 'E_INVALID_INPUT' });
    injectToCore(JSON.stringify({ t: 'q', i: 'x1', m: 'setElderMode', a: [{ enabled: true }, 2] }));
    await flush();
    expect(handlers.setElderMode).not.toHaveBeenCalled();
    expect(coreRejections.map((r) => r.code)).toEqual(['E_INVALID_INPUT', 'E_INVALID_INPUT']);
  });

  it('takes only the citizen events of the contract, each with its own payload', async () => {
    const { client, handlers } = setup();
    await expect(client.call.sessionEvent({ type: 'user.setValue', key: 'child.name', value: '李小明' })).resolves.toEqual({ accepted: true });
    const invalid = [
      { type: 'user.submit', idempotencyKey: 'chosen-by-the-renderer' },
      { type: 'helper.identify', applicant: {} },
      { type: 'device.cardRead' },
      { type: 'user.setValue', key: '__proto__', value: 1 },
      { type: 'user.setValue', key: 'child.name', value: { nested: true } },
      { type: 'user.rate', level: 6, reasons: [] },
      { type: 'user.decideMaterial', key: 'birth.certificate', decision: 'exempt' },
    ];
    for (const event of invalid) {
      await expect(client.call.sessionEvent(event as never)).rejects.toMatchObject({ code: 'E_INVALID_INPUT' });
    }
    expect(handlers.sessionEvent).toHaveBeenCalledTimes(1);
  });

  it('rejects unknown and prototype method names', async () => {
    const { injectToCore, coreRejections, injectToRenderer, rendererRejections } = setup();
    for (const m of ['nope', '__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      injectToCore(JSON.stringify({ t: 'q', i: `id-${m}`, m, a: [{}] }));
    }
    await flush();
    expect(coreRejections.map((r) => r.code)).toEqual(Array(5).fill('E_UNKNOWN_METHOD'));
    // The error replies reach the renderer as responses to ids it never issued: ignored, no crash.
    expect(rendererRejections).toEqual([]);
    injectToRenderer(JSON.stringify({ t: 'q', m: 'getSnapshot', a: [{}] }));
    await flush();
    expect(rendererRejections).toEqual([{ code: 'E_UNKNOWN_METHOD', method: 'getSnapshot' }]);
  });

  it('drops malformed, oversized and non-text messages with a logged reason', async () => {
    const { injectToCore, coreRejections, handlers } = setup();
    injectToCore('not json');
    injectToCore(JSON.stringify({ t: 'q', m: 'getSnapshot' }));
    injectToCore(JSON.stringify({ t: 'z' }));
    injectToCore(new Uint8Array([1, 2, 3]));
    injectToCore('x'.repeat(MAX_MESSAGE_BYTES + 1));
    await flush();
    expect(coreRejections.map((r) => r.code)).toEqual(['E_MALFORMED', 'E_MALFORMED', 'E_MALFORMED', 'E_MALFORMED', 'E_TOO_LARGE']);
    expect(handlers.getSnapshot).not.toHaveBeenCalled();
  });

  it('hides internal handler errors from the caller', async () => {
    const { client, coreRejections } = setup({
      getSnapshot: () => {
        throw new Error('disk path /secret and 11010519491231002X');
      },
    });
    const error = (await client.call.getSnapshot({}).catch((e: unknown) => e)) as RpcError;
    expect(error).toMatchObject({ code: 'E_HANDLER', message: 'internal error' });
    expect(coreRejections).toEqual([{ code: 'E_HANDLER', method: 'getSnapshot' }]);
  });

  it('rejects a result that breaks the contract', async () => {
    const { client, rendererRejections } = setup({ getSnapshot: () => ({ nonsense: true }) as never });
    await expect(client.call.getSnapshot({})).rejects.toMatchObject({ code: 'E_INVALID_OUTPUT' });
    expect(rendererRejections[0]).toMatchObject({ code: 'E_INVALID_OUTPUT', method: 'getSnapshot' });
  });

  it('does not deliver an invalid event', async () => {
    const { injectToRenderer, sinks, rendererRejections } = setup();
    injectToRenderer(JSON.stringify({ t: 'q', m: 'session', a: [{ step: 'attract', language: 'xx', elderMode: 1 }] }));
    await flush();
    expect(sinks.session).not.toHaveBeenCalled();
    expect(rendererRejections[0]?.code).toBe('E_INVALID_INPUT');
  });

  it('times out when core does not answer', async () => {
    const ports = portPair();
    const client = connectKioskRpc(
      { port: ports.renderer, onReject: () => undefined, timeoutMs: 20 },
      { kiosk: vi.fn(), session: vi.fn(), devices: vi.fn(), sync: vi.fn() },
    );
    await expect(client.call.getSnapshot({})).rejects.toMatchObject({ code: 'E_TIMEOUT' });
  });

  it('never throws and never reaches a handler for arbitrary input', async () => {
    const { injectToCore, handlers } = setup();
    const request = fc.record({
      t: fc.constantFrom('q', 's', 'x'),
      i: fc.option(fc.string(), { nil: undefined }),
      m: fc.constantFrom('getSnapshot', 'setLanguage', 'setElderMode', 'x'),
      a: fc.array(fc.anything(), { maxLength: 3 }),
    });
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string(), fc.anything(), request.map((r) => JSON.stringify(r))), async (data) => {
        injectToCore(data);
        await Promise.resolve();
      }),
      { numRuns: 300 },
    );
    await flush();
    // Only inputs that match a schema exactly may reach a handler.
    for (const call of vi.mocked(handlers.setLanguage).mock.calls) expect(['zh-CN', 'en']).toContain(call[0].language);
    for (const call of vi.mocked(handlers.setElderMode).mock.calls) expect(typeof call[0].enabled).toBe('boolean');
  });
});
