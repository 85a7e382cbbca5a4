/** Raw TCP to a network printer (port 9100 "JetDirect"/raw mode), bidirectional for status. */
import { Socket } from 'node:net';
import { DeviceError, DisconnectedError, TimeoutError } from '../contract/errors.ts';
import { withTimeout, type ByteTransport, type CloseInfo } from './byte-transport.ts';
import { LinkEvents } from './stream-transport.ts';

export interface TcpTransportOptions {
  readonly host: string;
  readonly port: number;
  readonly connectTimeoutMs?: number;
}

export class TcpTransport implements ByteTransport {
  private readonly link = new LinkEvents();
  private socket: Socket | undefined;

  constructor(private readonly options: TcpTransportOptions) {}

  get description(): string {
    return `tcp ${this.options.host}:${this.options.port}`;
  }

  get isOpen(): boolean {
    return this.socket !== undefined;
  }

  async open(): Promise<void> {
    if (this.socket) throw new DeviceError('E_ILLEGAL', `${this.description} is already open`);
    const socket = new Socket();
    this.link.reset();
    try {
      await withTimeout(
        new Promise<void>((resolve, reject) => {
          socket.once('error', reject);
          socket.connect(this.options.port, this.options.host, () => {
            socket.off('error', reject);
            resolve();
          });
        }),
        this.options.connectTimeoutMs ?? 5_000,
        () => new TimeoutError(`connecting to ${this.description} timed out`),
      );
    } catch (error) {
      socket.destroy();
      throw new DeviceError('E_NOHARDWARE', `cannot connect to ${this.description}: ${(error as Error).message}`, { cause: error });
    }
    socket.setNoDelay(true);
    socket.setKeepAlive(true, 10_000);
    socket.on('data', (chunk: Buffer) => this.link.data(new Uint8Array(chunk)));
    let lastError: Error | undefined;
    socket.on('error', (error) => (lastError = error));
    socket.on('close', () => {
      if (this.socket === socket) this.socket = undefined;
      this.link.closed(lastError);
    });
    this.socket = socket;
  }

  async write(bytes: Uint8Array, timeoutMs: number): Promise<void> {
    const socket = this.socket;
    if (!socket) throw new DisconnectedError(`${this.description} is not open`);
    await withTimeout(
      new Promise<void>((resolve, reject) => socket.write(bytes, (error) => (error ? reject(error) : resolve()))),
      timeoutMs,
      () => new TimeoutError(`writing ${bytes.length} bytes to ${this.description} timed out`),
    );
  }

  async close(): Promise<void> {
    const socket = this.socket;
    if (!socket) return;
    this.link.expectClose();
    await new Promise<void>((resolve) => {
      socket.once('close', () => resolve());
      socket.end();
      setTimeout(() => socket.destroy(), 1_000).unref();
    });
  }

  onData(listener: (bytes: Uint8Array) => void): () => void {
    return this.link.onData(listener);
  }

  onClose(listener: (info: CloseInfo) => void): () => void {
    return this.link.onClose(listener);
  }
}
