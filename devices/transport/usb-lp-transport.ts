/**
 * USB printer class device file (`/dev/usb/lpN`, kernel usblp). Bidirectional printers answer status on
 * the same file. The file is opened non-blocking and polled: a blocking read would hold a libuv thread
 * forever and stop close() from ever completing, and a printer out of paper must not hang a write.
 */
import { constants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { DeviceError, DisconnectedError, TimeoutError } from '../contract/errors.ts';
import type { ByteTransport, CloseInfo } from './byte-transport.ts';
import { LinkEvents } from './stream-transport.ts';

const POLL_MS = 20;

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export class UsbLpTransport implements ByteTransport {
  private readonly link = new LinkEvents();
  private handle: FileHandle | undefined;

  constructor(private readonly path: string) {}

  get description(): string {
    return `usb-lp ${this.path}`;
  }

  get isOpen(): boolean {
    return this.handle !== undefined;
  }

  async open(): Promise<void> {
    if (this.handle) throw new DeviceError('E_ILLEGAL', `${this.description} is already open`);
    try {
      this.handle = await open(this.path, constants.O_RDWR | constants.O_NONBLOCK | constants.O_NOCTTY);
    } catch (error) {
      throw new DeviceError('E_NOHARDWARE', `cannot open ${this.description}: ${(error as Error).message}`, { cause: error });
    }
    this.link.reset();
    void this.readLoop(this.handle);
  }

  private async readLoop(handle: FileHandle): Promise<void> {
    const buffer = Buffer.alloc(512);
    let failure: Error | undefined;
    try {
      while (this.handle === handle) {
        const bytesRead = await handle.read(buffer, 0, buffer.length, null).then(
          (r) => r.bytesRead,
          (error: NodeJS.ErrnoException) => {
            if (error.code === 'EAGAIN') return 0;
            throw error;
          },
        );
        if (this.handle !== handle) return;
        // Nothing to read (EAGAIN, or usblp's 0): poll gently rather than spin.
        if (bytesRead === 0) await delay(POLL_MS);
        else this.link.data(new Uint8Array(buffer.subarray(0, bytesRead)));
      }
    } catch (error) {
      failure = error as Error;
    }
    if (this.handle === handle) {
      this.handle = undefined;
      await handle.close().catch(() => undefined);
      this.link.closed(failure);
    }
  }

  async write(bytes: Uint8Array, timeoutMs: number): Promise<void> {
    const handle = this.handle;
    if (!handle) throw new DisconnectedError(`${this.description} is not open`);
    const deadline = Date.now() + timeoutMs;
    let offset = 0;
    while (offset < bytes.length) {
      if (Date.now() > deadline) throw new TimeoutError(`writing ${bytes.length} bytes to ${this.description} timed out`);
      const written = await handle.write(bytes, offset, bytes.length - offset).then(
        (r) => r.bytesWritten,
        (error: NodeJS.ErrnoException) => {
          if (error.code === 'EAGAIN') return 0;
          throw new DisconnectedError(`${this.description}: ${error.message}`, { cause: error });
        },
      );
      offset += written;
      // The printer's buffer is full (or it is out of paper): wait for it, up to the deadline.
      if (written === 0) await delay(POLL_MS);
    }
  }

  async close(): Promise<void> {
    const handle = this.handle;
    if (!handle) return;
    this.handle = undefined;
    this.link.expectClose();
    await handle.close().catch(() => undefined);
    this.link.closed();
  }

  onData(listener: (bytes: Uint8Array) => void): () => void {
    return this.link.onData(listener);
  }

  onClose(listener: (info: CloseInfo) => void): () => void {
    return this.link.onClose(listener);
  }
}
