/**
 * Shared plumbing for transports that sit on a Node stream-like handle (TCP socket, device file):
 * listeners, close reporting and the distinction between our own close and a lost link.
 */
import { TypedEmitter } from '../contract/emitter.ts';
import type { CloseInfo } from './byte-transport.ts';

interface Events {
  data: Uint8Array;
  close: CloseInfo;
}

export class LinkEvents {
  private readonly events = new TypedEmitter<Events>();
  private closing = false;

  data(bytes: Uint8Array): void {
    this.events.emit('data', bytes);
  }

  /** Call before closing the handle ourselves, so the resulting close is not reported as a disconnect. */
  expectClose(): void {
    this.closing = true;
  }

  reset(): void {
    this.closing = false;
  }

  closed(error?: Error): void {
    const info: CloseInfo = this.closing ? { disconnected: false } : { disconnected: true, ...(error ? { error } : {}) };
    this.closing = false;
    this.events.emit('close', info);
  }

  onData(listener: (bytes: Uint8Array) => void): () => void {
    return this.events.on('data', listener);
  }

  onClose(listener: (info: CloseInfo) => void): () => void {
    return this.events.on('close', listener);
  }
}
