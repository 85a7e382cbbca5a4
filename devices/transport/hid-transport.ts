/**
 * HID reports through node-hid (hidraw on Linux). node-hid is reached only through `openHid`, injected,
 * so tests run without libusb or a device.
 */
import { DeviceError } from '../contract/errors.ts';
import { TypedEmitter } from '../contract/emitter.ts';
import type { CloseInfo, ReportTransport } from './byte-transport.ts';

/** The part of node-hid's HIDAsync we use. */
export interface HidHandle {
  on(event: 'data', listener: (data: Buffer) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  close(): Promise<void>;
}

export type OpenHid = (vendorId: number, productId: number) => Promise<HidHandle>;

/** The production opener; loads node-hid (and its native library) only when a HID device is configured. */
export const openNodeHid: OpenHid = async (vendorId, productId) => {
  const { HIDAsync } = await import('node-hid');
  return HIDAsync.open(vendorId, productId);
};

interface Events {
  report: Uint8Array;
  close: CloseInfo;
}

function hex(n: number): string {
  return n.toString(16).padStart(4, '0');
}

export class HidTransport implements ReportTransport {
  private readonly events = new TypedEmitter<Events>();
  private handle: HidHandle | undefined;

  constructor(
    private readonly vendorId: number,
    private readonly productId: number,
    private readonly openHid: OpenHid = openNodeHid,
  ) {}

  get description(): string {
    return `hid ${hex(this.vendorId)}:${hex(this.productId)}`;
  }

  get isOpen(): boolean {
    return this.handle !== undefined;
  }

  async open(): Promise<void> {
    if (this.handle) throw new DeviceError('E_ILLEGAL', `${this.description} is already open`);
    let handle: HidHandle;
    try {
      handle = await this.openHid(this.vendorId, this.productId);
    } catch (error) {
      throw new DeviceError('E_NOHARDWARE', `cannot open ${this.description}: ${(error as Error).message}`, { cause: error });
    }
    this.handle = handle;
    handle.on('data', (data) => this.events.emit('report', new Uint8Array(data)));
    // node-hid reports an unplug as an error from its read loop.
    handle.on('error', (error) => {
      if (this.handle !== handle) return;
      this.handle = undefined;
      void handle.close().catch(() => undefined);
      this.events.emit('close', { disconnected: true, error });
    });
  }

  async close(): Promise<void> {
    const handle = this.handle;
    if (!handle) return;
    this.handle = undefined;
    await handle.close().catch(() => undefined);
    this.events.emit('close', { disconnected: false });
  }

  onReport(listener: (report: Uint8Array) => void): () => void {
    return this.events.on('report', listener);
  }

  onClose(listener: (info: CloseInfo) => void): () => void {
    return this.events.on('close', listener);
  }
}
