/** Two connected in-memory RPC ports, as a renderer window and core have: each delivers on a microtask. */
import type { MessagePort } from '../../core/contract/rpc-endpoint.ts';

export function portPair(): [MessagePort, MessagePort] {
  const a = new Set<(d: unknown) => void>();
  const b = new Set<(d: unknown) => void>();
  const port = (self: typeof a, peer: typeof a): MessagePort => ({
    post: (d) => queueMicrotask(() => peer.forEach((l) => l(d))),
    subscribe: (l) => (self.add(l), () => self.delete(l)),
  });
  return [port(a, b), port(b, a)];
}
