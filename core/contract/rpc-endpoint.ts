/**
 * One RPC endpoint over any message port (Electron IPC, WebSocket, or an in-memory pair in tests).
 *
 * birpc does the bookkeeping (ids, timeouts, one-way events); this module adds the boundary checks it leaves
 * to us: every incoming message is size-limited, parsed and shape-checked before birpc sees it, and every
 * call is checked against its schema before a handler runs. Rejections are reported to `onReject` with the
 * method name and the failing paths only, never the payload, because payloads can carry personal data.
 */
import { createBirpc } from 'birpc';
import * as v from 'valibot';

/** Moves strings between the two sides; knows nothing about their meaning. */
export interface MessagePort {
  post(data: string): void;
  /** Returns a function that removes the listener. */
  subscribe(listener: (data: unknown) => void): () => void;
}

export type RpcErrorCode =
  | 'E_MALFORMED'
  | 'E_TOO_LARGE'
  | 'E_UNKNOWN_METHOD'
  | 'E_INVALID_INPUT'
  | 'E_INVALID_OUTPUT'
  | 'E_HANDLER'
  | 'E_TIMEOUT';

export class RpcError extends Error {
  override readonly name = 'RpcError';
  constructor(
    readonly code: RpcErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export interface RpcRejection {
  readonly code: RpcErrorCode;
  readonly method?: string;
  /** Where the message failed validation ("language: expected …"); no received values. */
  readonly problems?: readonly string[];
}

export interface EndpointOptions {
  readonly port: MessagePort;
  /** Called for every rejected or failed message; must not throw. */
  readonly onReject: (rejection: RpcRejection) => void;
  /** Milliseconds to wait for a response. */
  readonly timeoutMs?: number;
}

/**
 * Messages above this size are dropped unread: nothing legitimate in the contract comes close, except a call
 * of a method that declares a larger allowance of its own (`maxBytes`: a captured document's image).
 */
export const MAX_MESSAGE_BYTES = 256 * 1024;

const EnvelopeSchema = v.variant('t', [
  v.object({
    t: v.literal('q'),
    i: v.optional(v.pipe(v.string(), v.maxLength(64))),
    m: v.pipe(v.string(), v.maxLength(64)),
    a: v.array(v.unknown()),
    o: v.optional(v.boolean()),
  }),
  v.object({ t: v.literal('s'), i: v.pipe(v.string(), v.maxLength(64)), r: v.optional(v.unknown()), e: v.optional(v.unknown()) }),
]);

/**
 * A message dropped on arrival; kept apart from call failures, which birpc routes to the same hook.
 * `replyTo` is the id of a call we could still identify, so its caller gets an answer instead of a timeout.
 */
class InboundMessageError extends RpcError {
  constructor(
    code: RpcErrorCode,
    message: string,
    readonly replyTo?: string,
  ) {
    super(code, message);
  }
}

/** The id of a call whose envelope is otherwise broken, when it has a usable one. */
function callId(json: unknown): string | undefined {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return undefined;
  const { t, i } = json as { t?: unknown; i?: unknown };
  return t === 'q' && typeof i === 'string' && i.length > 0 && i.length <= 64 ? i : undefined;
}

const WireErrorSchema = v.object({ code: v.string(), message: v.string() });

function describeIssues(issues: readonly v.BaseIssue<unknown>[]): string[] {
  return issues.map((issue) => {
    const path = (issue.path ?? []).map((p) => String(p.key)).join('.');
    return `${path || '(root)'}: expected ${issue.expected ?? issue.type}`;
  });
}

/**
 * Parses and checks one incoming message. A message above MAX_MESSAGE_BYTES is read only when it fits the
 * largest allowance, and kept only when it is a call of the method that allows its size.
 */
function decoder(allowances: ReadonlyMap<string, number>): (data: unknown) => unknown {
  const largest = Math.max(MAX_MESSAGE_BYTES, ...allowances.values());
  return (data) => {
    if (typeof data !== 'string') throw new InboundMessageError('E_MALFORMED', 'message is not text');
    if (data.length > largest) throw new InboundMessageError('E_TOO_LARGE', `message exceeds ${largest} bytes`);
    let json: unknown;
    try {
      json = JSON.parse(data);
    } catch {
      throw new InboundMessageError('E_MALFORMED', 'message is not JSON');
    }
    const envelope = v.safeParse(EnvelopeSchema, json);
    if (!envelope.success) {
      throw new InboundMessageError('E_MALFORMED', `message is not an RPC envelope: ${describeIssues(envelope.issues).join('; ')}`, callId(json));
    }
    const message = envelope.output;
    const allowed = message.t === 'q' ? (allowances.get(message.m) ?? MAX_MESSAGE_BYTES) : MAX_MESSAGE_BYTES;
    if (data.length > allowed) throw new InboundMessageError('E_TOO_LARGE', `message exceeds ${allowed} bytes`, callId(json));
    return message;
  };
}

function encode(message: { t: string; i?: string; e?: unknown }): string {
  if (message.e === undefined) return JSON.stringify(message);
  // Only our own errors cross the boundary with their text; anything else could leak internals.
  const e = message.e instanceof RpcError ? { code: message.e.code, message: message.e.message } : { code: 'E_HANDLER', message: 'internal error' };
  return JSON.stringify({ ...message, e });
}

function toRpcError(error: unknown): RpcError {
  if (error instanceof RpcError) return error;
  const wire = v.safeParse(WireErrorSchema, error);
  if (wire.success) return new RpcError(wire.output.code as RpcErrorCode, wire.output.message);
  return new RpcError('E_HANDLER', error instanceof Error ? error.message : 'unknown error');
}

type Handler = (input: never) => unknown;

/** The untyped core of an endpoint; the typed faces are serveMethods and callMethods below. */
interface Endpoint {
  call(method: string, input: unknown): Promise<unknown>;
  event(method: string, payload: unknown): Promise<void>;
  readonly closed: boolean;
  close(): void;
}

/**
 * Builds the birpc instance shared by both sides. `local` maps each callable name to the schema of its
 * single argument and its handler.
 */
function createEndpoint(
  options: EndpointOptions,
  local: Readonly<Record<string, { schema: v.GenericSchema; handler: Handler; maxBytes?: number | undefined }>>,
  remoteEventNames: readonly string[],
): Endpoint {
  const allowances = new Map(Object.entries(local).flatMap(([name, { maxBytes }]) => (maxBytes === undefined ? [] : [[name, maxBytes] as const])));
  const { port, onReject } = options;
  let unsubscribe: (() => void) | undefined;

  function validated(method: string): (...args: unknown[]) => unknown {
    if (!Object.hasOwn(local, method)) {
      const name = method.slice(0, 64);
      onReject({ code: 'E_UNKNOWN_METHOD', method: name });
      return () => {
        throw new RpcError('E_UNKNOWN_METHOD', `unknown method ${JSON.stringify(name)}`);
      };
    }
    const { schema, handler } = local[method]!;
    return (...args: unknown[]) => {
      const parsed = args.length === 1 ? v.safeParse(schema, args[0]) : undefined;
      if (!parsed?.success) {
        const problems = parsed ? describeIssues(parsed.issues) : [`(root): expected exactly one argument`];
        onReject({ code: 'E_INVALID_INPUT', method, problems });
        throw new RpcError('E_INVALID_INPUT', `invalid input for ${method}: ${problems.join('; ')}`);
      }
      return (handler as (input: unknown) => unknown)(parsed.output);
    };
  }

  type Remote = Record<string, (input: unknown) => unknown>;
  const rpc = createBirpc<Remote, Record<string, never>, false>({}, {
    proxify: false,
    timeout: options.timeoutMs ?? 10_000,
    eventNames: remoteEventNames as never[],
    post: (data: string) => port.post(data),
    on: (fn) => {
      unsubscribe = port.subscribe(fn);
    },
    off: () => unsubscribe?.(),
    serialize: encode,
    deserialize: decoder(allowances),
    resolver: (method) => validated(method),
    onGeneralError(error) {
      if (!(error instanceof InboundMessageError)) return false;
      onReject({ code: error.code });
      if (error.replyTo !== undefined) port.post(encode({ t: 's', i: error.replyTo, e: error }));
      return true;
    },
    onFunctionError(error, method) {
      if (!(error instanceof RpcError)) onReject({ code: 'E_HANDLER', method });
    },
    onTimeoutError(method) {
      throw new RpcError('E_TIMEOUT', `no answer to ${method} within ${options.timeoutMs ?? 10_000} ms`);
    },
  });
  return {
    call: (method, input) => rpc.$call(method, input),
    event: (method, payload) => rpc.$callEvent(method, payload),
    get closed() {
      return rpc.$closed;
    },
    close: () => rpc.$close(),
  };
}

/** Methods as `{ input schema, output schema, larger message allowance }`, events as payload schemas. */
type MethodSpecs = Record<string, { input: v.GenericSchema; output: v.GenericSchema; maxBytes?: number }>;
type EventSpecs = Record<string, v.GenericSchema>;

export interface ServerEndpoint<Events> {
  /** Fire-and-forget pushes to the other side. */
  readonly emit: Events;
  close(): void;
}

/**
 * The side that implements methods and pushes events (core). Handlers receive validated input.
 */
export function serveMethods<M extends MethodSpecs, E extends EventSpecs, Api extends Record<keyof M, Handler>, Events>(
  options: EndpointOptions,
  methods: M,
  handlers: Api,
  events: E,
): ServerEndpoint<Events> {
  const local = Object.fromEntries(
    Object.keys(methods).map((name) => [name, { schema: methods[name]!.input, handler: handlers[name]!, maxBytes: methods[name]!.maxBytes }]),
  );
  const rpc = createEndpoint(options, local, Object.keys(events));
  const emit = Object.fromEntries(
    Object.keys(events).map((name) => [
      name,
      (payload: unknown) => {
        if (!rpc.closed) void rpc.event(name, payload).catch(() => undefined);
      },
    ]),
  ) as Events;
  return { emit, close: () => rpc.close() };
}

export interface ClientEndpoint<Client> {
  readonly call: Client;
  close(): void;
}

/**
 * The side that calls methods and receives events (renderer). Results are validated against the
 * method's output schema before the caller sees them.
 */
export function callMethods<M extends MethodSpecs, E extends EventSpecs, Sinks extends Record<keyof E, Handler>, Client>(
  options: EndpointOptions,
  methods: M,
  events: E,
  sinks: Sinks,
): ClientEndpoint<Client> {
  const local = Object.fromEntries(
    Object.keys(events).map((name) => [name, { schema: events[name]!, handler: sinks[name]! }]),
  );
  const rpc = createEndpoint(options, local, []);
  const call = Object.fromEntries(
    Object.keys(methods).map((name) => [
      name,
      async (input: unknown) => {
        let result: unknown;
        try {
          result = await rpc.call(name, input);
        } catch (error) {
          throw toRpcError(error);
        }
        const parsed = v.safeParse(methods[name]!.output, result);
        if (!parsed.success) {
          const problems = describeIssues(parsed.issues);
          options.onReject({ code: 'E_INVALID_OUTPUT', method: name, problems });
          throw new RpcError('E_INVALID_OUTPUT', `invalid result from ${name}`);
        }
        return parsed.output;
      },
    ]),
  ) as Client;
  return { call, close: () => rpc.close() };
}
