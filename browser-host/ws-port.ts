/** Adapts one WebSocket connection to the RPC MessagePort: it only moves strings. */
import WebSocket from 'ws';
import type { MessagePort } from '../core/contract/rpc-endpoint.ts';

export function webSocketPort(socket: WebSocket): MessagePort {
  return {
    post(data) {
      if (socket.readyState === WebSocket.OPEN) socket.send(data);
    },
    subscribe(listener) {
      // Binary frames are passed on as they are: the endpoint rejects them as "not text".
      const onMessage = (data: WebSocket.RawData, isBinary: boolean) => listener(isBinary ? data : data.toString('utf8'));
      socket.on('message', onMessage);
      return () => socket.off('message', onMessage);
    },
  };
}
