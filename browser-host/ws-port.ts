/**
 * Adapts one WebSocket connection to the RPC MessagePort: it moves strings, and keeps one peer from
 * making the host work or buffer without bound.
 *
 * - Inbound: a page sends a handful of messages a second (taps, keys, a snapshot after a reload), so
 *   messages beyond a generous burst are dropped before they are parsed. A flooding peer's calls go
 *   unanswered and time out on its side; the host's answers to it, which is where memory went, never exist.
 * - Outbound: a page reads as fast as it renders. When unsent data passes the high-water mark the peer is not
 *   reading: we stop reading its requests until its backlog drains, and cut it if it stays stuck. A real page
 *   then reconnects and asks for a snapshot; nothing it needs is lost.
 */
import WebSocket from 'ws';
import { MAX_MESSAGE_BYTES, type MessagePort } from '../core/contract/rpc-endpoint.ts';
import { createRateLimiter, type RateLimit } from '../core/runtime/rate-limiter.ts';

/** Unsent bytes above which the peer's requests are no longer read. A snapshot is a few KB. */
export const HIGH_WATER_BYTES = 256 * 1024;
/** How long a peer may stay above the high-water mark before it is cut. */
export const STALL_MS = 5_000;
const DRAIN_CHECK_MS = 50;
/** Inbound messages a peer may send at once, and per second after that. */
export const INBOUND_LIMIT: RateLimit = { burst: 100, perSecond: 50 };
/**
 * Messages above the default size (only a captured page is allowed to be) count against a limit of their
 * own as well: a page is laid down and held still for seconds, and a flood of them must not be parsed.
 */
export const LARGE_INBOUND_LIMIT: RateLimit = { burst: 4, perSecond: 1 };

export interface BackpressureOptions {
  /** Called once, just before a stuck peer is cut, with its unsent bytes. */
  readonly onStalled?: (unsent: number) => void;
  readonly stallMs?: number;
  /** Called when a peer starts flooding, then again for each further 1,000 dropped messages. */
  readonly onFlood?: (dropped: number) => void;
  readonly now?: () => number;
}

export function webSocketPort(socket: WebSocket, options: BackpressureOptions = {}): MessagePort {
  const stallMs = options.stallMs ?? STALL_MS;
  const inbound = createRateLimiter({ default: INBOUND_LIMIT, byKey: { large: LARGE_INBOUND_LIMIT } }, options.now ?? Date.now);
  let dropped = 0;
  let drainCheck: NodeJS.Timeout | undefined;

  function stopChecking(): void {
    clearInterval(drainCheck);
    drainCheck = undefined;
  }

  function holdPeer(): void {
    const since = Date.now();
    socket.pause();
    drainCheck = setInterval(() => {
      if (socket.bufferedAmount <= HIGH_WATER_BYTES) {
        stopChecking();
        socket.resume();
      } else if (Date.now() - since >= stallMs) {
        stopChecking();
        options.onStalled?.(socket.bufferedAmount);
        socket.terminate();
      }
    }, DRAIN_CHECK_MS);
  }

  socket.once('close', stopChecking);
  return {
    post(data) {
      if (socket.readyState !== WebSocket.OPEN) return;
      socket.send(data);
      if (drainCheck === undefined && socket.bufferedAmount > HIGH_WATER_BYTES) holdPeer();
    },
    subscribe(listener) {
      // Binary frames are passed on as they are: the endpoint rejects them as "not text".
      const onMessage = (data: WebSocket.RawData, isBinary: boolean) => {
        const size = Array.isArray(data) ? data.reduce((n, b) => n + b.length, 0) : (data as Buffer | ArrayBuffer).byteLength;
        if (!inbound.take('message') || (size > MAX_MESSAGE_BYTES && !inbound.take('large'))) {
          if (dropped++ % 1000 === 0) options.onFlood?.(dropped);
          return;
        }
        listener(isBinary ? data : data.toString('utf8'));
      };
      socket.on('message', onMessage);
      return () => socket.off('message', onMessage);
    },
  };
}
