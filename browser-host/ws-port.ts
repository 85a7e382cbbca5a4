/** Adapts one WebSocket connection to the RPC MessagePort: it only moves strings. */
import WebSocket from 'ws';
import type { MessagePort } from '../core/contract/rpc-endpoint.ts';

/**
 * What may wait unsent for a peer that does not read. A snapshot is a few KB and the page reads as fast as
 * it renders, so a backlog this size means the peer stopped reading: the connection is cut (a real page
 * reconnects and asks for a snapshot) rather than letting the backlog grow the host.
 */
export const MAX_UNSENT_BYTES = 1024 * 1024;

export function webSocketPort(socket: WebSocket, onOverflow: (unsent: number) => void = () => undefined): MessagePort {
  return {
    post(data) {
      if (socket.readyState !== WebSocket.OPEN) return;
      if (socket.bufferedAmount > MAX_UNSENT_BYTES) {
        onOverflow(socket.bufferedAmount);
        socket.terminate();
        return;
      }
      socket.send(data);
    },
    subscribe(listener) {
      // Binary frames are passed on as they are: the endpoint rejects them as "not text".
      const onMessage = (data: WebSocket.RawData, isBinary: boolean) => listener(isBinary ? data : data.toString('utf8'));
      socket.on('message', onMessage);
      return () => socket.off('message', onMessage);
    },
  };
}
