/**
 * Picks the transport: the Electron preload's `window.kiosk` when present, otherwise the browser host's
 * WebSocket. Either way the renderer gets the same MessagePort.
 */
import type { KioskBridge } from '../../../core/contract/bridge.ts';
import { reconnectingWebSocketPort, type LinkState, type ReconnectingPort } from './websocket-port.ts';

declare global {
  interface Window {
    readonly kiosk?: KioskBridge;
  }
}

const alwaysOpen = (port: KioskBridge): ReconnectingPort => ({
  post: (data) => port.post(data),
  subscribe: (listener) => port.subscribe(listener),
  onState: (listener: (state: LinkState) => void) => {
    listener('open');
    return () => undefined;
  },
});

export function connectToCore(): ReconnectingPort {
  if (window.kiosk) return alwaysOpen(window.kiosk);
  const url = new URL('/rpc', window.location.href);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return reconnectingWebSocketPort(url.toString());
}
