/**
 * Serial link through node-serialport's stream over an injected binding: the native binding on a kiosk,
 * serialport's MockBinding in unit tests, our simulator binding for `npm start`, a pty in integration tests.
 */
import { SerialPortStream } from '@serialport/stream';
import type { BindingInterface } from '@serialport/bindings-interface';
import { TypedEmitter } from '../contract/emitter.ts';
import { DeviceError, DisconnectedError, TimeoutError } from '../contract/errors.ts';
import { withTimeout, type CloseInfo, type SerialByteTransport } from './byte-transport.ts';

export interface SerialTransportOptions {
  readonly binding: BindingInterface;
  readonly path: string;
  readonly baudRate: number;
  /** Milliseconds allowed for open(). */
  readonly openTimeoutMs?: number;
}

interface Events {
  data: Uint8Array;
  close: CloseInfo;
}

function callback(fn: (cb: (error: Error | null | undefined) => void) => void): Promise<void> {
  return new Promise((resolve, reject) => fn((error) => (error ? reject(error) : resolve())));
}

export class SerialTransport implements SerialByteTransport {
  private readonly events = new TypedEmitter<Events>();
  private port: SerialPortStream | undefined;
  private speed: number;

  constructor(private readonly options: SerialTransportOptions) {
    this.speed = options.baudRate;
  }

  get description(): string {
    return `serial ${this.options.path}@${this.speed}`;
  }

  get isOpen(): boolean {
    return this.port?.isOpen ?? false;
  }

  get baudRate(): number {
    return this.speed;
  }

  async open(): Promise<void> {
    if (this.port) throw new DeviceError('E_ILLEGAL', `${this.description} is already open`);
    const port = new SerialPortStream({ binding: this.options.binding, path: this.options.path, baudRate: this.speed, autoOpen: false });
    try {
      await withTimeout(
        callback((cb) => port.open(cb)),
        this.options.openTimeoutMs ?? 5_000,
        () => new TimeoutError(`opening ${this.description} timed out`),
      );
    } catch (error) {
      port.destroy();
      throw new DeviceError('E_NOHARDWARE', `cannot open ${this.description}: ${(error as Error).message}`, { cause: error });
    }
    this.port = port;
    port.on('data', (chunk: Buffer) => this.events.emit('data', new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.length)));
    port.on('error', () => undefined);
    port.on('close', (error?: Error & { disconnected?: boolean }) => {
      if (this.port !== port) return;
      this.port = undefined;
      this.events.emit('close', error?.disconnected ? { disconnected: true, error } : { disconnected: false });
    });
  }

  async write(bytes: Uint8Array, timeoutMs: number): Promise<void> {
    const port = this.port;
    if (!port) throw new DisconnectedError(`${this.description} is not open`);
    await withTimeout(
      callback((cb) => port.write(Buffer.from(bytes), (error) => (error ? cb(error) : port.drain(cb)))),
      timeoutMs,
      () => new TimeoutError(`writing ${bytes.length} bytes to ${this.description} timed out`),
    );
  }

  async setBaudRate(baudRate: number): Promise<void> {
    const port = this.port;
    if (!port) throw new DisconnectedError(`${this.description} is not open`);
    await callback((cb) => port.update({ baudRate }, cb));
    this.speed = baudRate;
  }

  async close(): Promise<void> {
    const port = this.port;
    if (!port) return;
    this.port = undefined;
    await callback((cb) => port.close(cb)).catch(() => undefined);
    this.events.emit('close', { disconnected: false });
  }

  onData(listener: (bytes: Uint8Array) => void): () => void {
    return this.events.on('data', listener);
  }

  onClose(listener: (info: CloseInfo) => void): () => void {
    return this.events.on('close', listener);
  }
}
