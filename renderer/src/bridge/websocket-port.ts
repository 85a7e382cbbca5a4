/**
 * The browser host's transport: a WebSocket to the host on the page's own origin, reconnecting with
 * backoff when the host restarts. The per-start token arrives in the page URL once and is kept in
 * sessionStorage so a reload still connects, then removed from the visible URL.
 */
import type { MessagePort } from '../../../core/contract/rpc-endpoint.ts';

export type LinkState = 'connecting' | 'open' | 'closed';

export interface ReconnectingPort extends MessagePort {
  onState(listener: (state: LinkState) => void): () => void;
}

const TOKEN_KEY = 'kiosk.token';

export function takeToken(location: Location, storage: Storage, history: History): string | null {
  const url = new URL(location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    storage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    history.replaceState(null, '', url.pathname + url.search + url.hash);
  }
  return fromUrl ?? storage.getItem(TOKEN_KEY);
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
