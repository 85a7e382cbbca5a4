/**
 * The browser host's transport: a WebSocket to the host on the page's own origin, reconnecting with
 * backoff when the host restarts. The credential is an HttpOnly cookie the browser sends by itself: no
 * script here ever holds it (browser-host/renderer-credential.ts).
 */
import type { MessagePort } from '../../../core/contract/rpc-endpoint.ts';

export type LinkState = 'connecting' | 'open' | 'closed';

export interface ReconnectingPort extends MessagePort {
  onState(listener: (state: LinkState) => void): () => void;
}

export function reconnectingWebSocketPort(url: string): ReconnectingPort {
  const listeners = new Set<(data: unknown) => void>();
  const stateListeners = new Set<(state: LinkState) => void>();
  let socket: WebSocket;
  let attempt = 0;

  const setState = (state: LinkState) => stateListeners.forEach((l) => l(state));

  function connect(): void {
    setState('connecting');
    socket = new WebSocket(url);
    socket.addEventListener('open', () => {
      attempt = 0;
      setState('open');
    });
    socket.addEventListener('message', (event) => listeners.forEach((l) => l(event.data)));
    socket.addEventListener('close', () => {
      setState('closed');
      const delay = Math.min(5_000, 250 * 2 ** attempt++);
      setTimeout(connect, delay);
    });
  }
  connect();

  return {
    post(data) {
      if (socket.readyState === WebSocket.OPEN) socket.send(data);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onState(listener) {
      stateListeners.add(listener);
      return () => stateListeners.delete(listener);
    },
  };
}
