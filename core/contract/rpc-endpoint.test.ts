import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { connectKioskRpc, serveKioskRpc } from './kiosk-rpc.ts';
import type { CoreApi, RendererApi } from './rpc-contract.ts';
import { MAX_MESSAGE_BYTES, RpcError, type MessagePort, type RpcRejection } from './rpc-endpoint.ts';
import type { KioskSnapshot, SessionView } from './kiosk-view.ts';
import { CAPTURE_MESSAGE_BYTES } from './capture.ts';

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
    wedgeScan: vi.fn(() => null),
    sessionEvent: vi.fn(() => ({ accepted: true })),
    ownAnswer: vi.fn(() => ({ value: null })),
    captureMaterial: vi.fn(() => ({ accepted: true })),
    speak: vi.fn(() => null),
    speechChunk: vi.fn(() => null),
    pinyinCandidates: vi.fn(() => ({ available: true, candidates: [] })),
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
    // `simulate` drives the simulated devices: a staff/test surface, never the citizen's connection.
    for (const m of ['nope', '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'simulate']) {
      injectToCore(JSON.stringify({ t: 'q', i: `id-${m}`, m, a: [{}] }));
    }
    await flush();
    expect(coreRejections.map((r) => r.code)).toEqual(Array(6).fill('E_UNKNOWN_METHOD'));
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
    // Larger than the largest allowance (the capture call's): not even parsed.
    injectToCore('x'.repeat(CAPTURE_MESSAGE_BYTES + 1));
    await flush();
    expect(coreRejections.map((r) => r.code)).toEqual(['E_MALFORMED', 'E_MALFORMED', 'E_MALFORMED', 'E_MALFORMED', 'E_TOO_LARGE']);
    expect(handlers.getSnapshot).not.toHaveBeenCalled();
  });

  it('lets the capture call carry its image, up to its own allowance; every other call keeps the default', async () => {
    const { client, handlers, injectToCore, coreRejections } = setup();
    // About 930 KB of base64: well over the default limit, within the capture's.
    const image = 'A'.repeat(933_336);
    await expect(client.call.captureMaterial({ key: 'idPhoto', page: 0, image, thumbnail: 'AAAA' })).resolves.toEqual({ accepted: true });
    expect(handlers.captureMaterial).toHaveBeenCalledTimes(1);
    // The same size on another method is dropped unread, and its caller answered instead of left waiting.
    const refused = (await client.call.wedgeScan({ text: image.slice(0, MAX_MESSAGE_BYTES + 10) }).catch((e: unknown) => e)) as RpcError;
    expect(refused).toMatchObject({ code: 'E_TOO_LARGE' });
    expect(handlers.wedgeScan).not.toHaveBeenCalled();
    // Past the capture's own allowance nothing is read either.
    injectToCore(JSON.stringify({ t: 'q', i: 'big', m: 'captureMaterial', a: [{ key: 'idPhoto', page: 0, image: 'A'.repeat(CAPTURE_MESSAGE_BYTES), thumbnail: 'AAAA' }] }));
    await flush();
    expect(handlers.captureMaterial).toHaveBeenCalledTimes(1);
    expect(coreRejections.map((r) => r.code)).toEqual(['E_TOO_LARGE', 'E_TOO_LARGE']);
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

  it('answers a call whose envelope is broken, instead of leaving it to time out', async () => {
    const { injectToCore, renderer, coreRejections, handlers } = setup();
    const answers: unknown[] = [];
    renderer.subscribe((data) => answers.push(JSON.parse(data as string)));
    injectToCore(JSON.stringify({ t: 'q', i: 'call-7', m: 'getSnapshot', a: 'not an array' }));
    injectToCore(JSON.stringify({ t: 'q', i: 'call-8', m: 42, a: [{}] }));
    await flush();
    expect(answers).toEqual([
      { t: 's', i: 'call-7', e: { code: 'E_MALFORMED', message: expect.stringContaining('a: expected Array') } },
      { t: 's', i: 'call-8', e: { code: 'E_MALFORMED', message: expect.stringContaining('m: expected string') } },
    ]);
    expect(coreRejections.map((r) => r.code)).toEqual(['E_MALFORMED', 'E_MALFORMED']);
    expect(handlers.getSnapshot).not.toHaveBeenCalled();
  });

  it('reaches a handler exactly for the calls that match its schema, and answers every call', async () => {
    const { injectToCore, renderer, handlers } = setup();
    const answered = new Set<string>();
    renderer.subscribe((data) => {
      const message = JSON.parse(data as string) as { t: string; i?: string };
      if (message.t === 's' && message.i) answered.add(message.i);
    });
    const valid = fc.oneof(
      fc.record({ m: fc.constant('setLanguage'), arg: fc.record({ language: fc.constantFrom('zh-CN', 'en') }) }),
      fc.record({ m: fc.constant('setElderMode'), arg: fc.record({ enabled: fc.boolean() }) }),
    );
    // Near misses of a valid call: a wrong value, a wrong type, an extra key, a missing key.
    const nearMiss = fc.oneof(
      fc.record({ m: fc.constant('setLanguage'), arg: fc.record({ language: fc.string() }) }),
      fc.record({ m: fc.constant('setElderMode'), arg: fc.record({ enabled: fc.anything() }) }),
      fc.record({ m: fc.constantFrom('setLanguage', 'setElderMode'), arg: fc.record({ enabled: fc.boolean(), extra: fc.anything() }) }),
      fc.record({ m: fc.constantFrom('setLanguage', 'setElderMode', 'nope'), arg: fc.anything() }),
    );
    let calls = 0;
    let expectedLanguage = 0;
    let expectedElder = 0;
    await fc.assert(
      fc.asyncProperty(fc.oneof(valid, nearMiss), fc.boolean(), async ({ m, arg }, brokenEnvelope) => {
        const i = `c${calls++}`;
        const wire = brokenEnvelope ? { t: 'q', i, m, a: arg } : { t: 'q', i, m, a: [arg] };
        const text = JSON.stringify(wire);
        if (!brokenEnvelope && Array.isArray(JSON.parse(text).a)) {
          const sent = (JSON.parse(text) as { a: [unknown] }).a[0] as Record<string, unknown> | null;
          const keys = sent !== null && typeof sent === 'object' && !Array.isArray(sent) ? Object.keys(sent) : undefined;
          if (m === 'setLanguage' && keys?.join() === 'language' && ['zh-CN', 'en'].includes(sent!.language as string)) expectedLanguage++;
          if (m === 'setElderMode' && keys?.join() === 'enabled' && typeof sent!.enabled === 'boolean') expectedElder++;
        }
        injectToCore(text);
        await Promise.resolve();
      }),
      { numRuns: 1_000 },
    );
    await flush();
    expect(vi.mocked(handlers.setLanguage)).toHaveBeenCalledTimes(expectedLanguage);
    expect(vi.mocked(handlers.setElderMode)).toHaveBeenCalledTimes(expectedElder);
    // The generator must reach the handlers, or this property checks nothing.
    expect(expectedLanguage).toBeGreaterThan(50);
    expect(expectedElder).toBeGreaterThan(50);
    for (const call of vi.mocked(handlers.setLanguage).mock.calls) expect(['zh-CN', 'en']).toContain(call[0].language);
    for (const call of vi.mocked(handlers.setElderMode).mock.calls) expect(typeof call[0].enabled).toBe('boolean');
    expect(answered.size).toBe(calls);
  });

  it('never throws for arbitrary text and data', async () => {
    const { injectToCore, handlers } = setup();
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string(), fc.anything(), fc.json()), async (data) => {
        injectToCore(data);
        await Promise.resolve();
      }),
      { numRuns: 300 },
    );
    await flush();
    expect(handlers.getSnapshot).not.toHaveBeenCalled();
  });
});
