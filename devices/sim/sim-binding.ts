/**
 * A serialport binding whose ports are simulators. The production adapters open these ports through the
 * same SerialPortStream as real hardware, so `npm start` and the tests run the production code path; only
 * the bytes come from a simulator instead of a wire.
 *
 * Like a real link: bytes sent at a speed the device does not use arrive garbled, a port can be unplugged
 * (pending reads fail, the port leaves list()) and plugged back.
 */
import type { BindingInterface, BindingPortInterface, OpenOptions, PortInfo, PortStatus, SetOptions, UpdateOptions } from '@serialport/bindings-interface';
import { PacedSender } from './paced-sender.ts';

/** The device end of a simulated port. */
export interface SimulatedDevice {
  /** Bytes the host wrote. */
  receive(bytes: Uint8Array): void;
}

export interface SimPortOptions {
  /** The device's own speed; a host at another speed sees garbage. Undefined: any speed works (USB CDC). */
  readonly baudRate?: number;
  readonly info?: Partial<Omit<PortInfo, 'path'>>;
  /** Deliver device → host bytes at the UART rate of `baudRate` rather than all at once. */
  readonly paced?: boolean;
}

interface Entry {
  readonly device: SimulatedDevice;
  readonly options: SimPortOptions;
  readonly pacer: PacedSender | undefined;
  plugged: boolean;
  open: SimPort | undefined;
}

/** What a byte looks like after crossing a link at the wrong speed: deterministic noise. */
function garble(bytes: Uint8Array): Uint8Array {
  return bytes.map((b, i) => (b * 31 + 17 + i) & 0x7f);
}

class CanceledError extends Error {
  readonly canceled = true;
}

class SimPort implements BindingPortInterface {
  readonly openOptions: Required<OpenOptions>;
  isOpen = true;
  private queue: Uint8Array[] = [];
  private pendingRead: { resolve: () => void; reject: (e: Error) => void } | undefined;
  private baudRate: number;

  constructor(
    private readonly entry: Entry,
    options: OpenOptions,
  ) {
    this.openOptions = {
      dataBits: 8,
      lock: true,
      stopBits: 1,
      parity: 'none',
      rtscts: false,
      xon: false,
      xoff: false,
      xany: false,
      hupcl: true,
      ...options,
    } as Required<OpenOptions>;
    this.baudRate = options.baudRate;
  }

  private get speedMatches(): boolean {
    return this.entry.options.baudRate === undefined || this.entry.options.baudRate === this.baudRate;
  }

  /** Device → host. */
  deliver(bytes: Uint8Array): void {
    if (!this.isOpen) return;
    this.queue.push(this.speedMatches ? bytes.slice() : garble(bytes));
    this.wake();
  }

  /** The cable is pulled: a pending read fails with a non-canceled error, which the stream treats as a disconnect. */
  unplug(): void {
    const pending = this.pendingRead;
    this.pendingRead = undefined;
    pending?.reject(new Error('simulated unplug'));
  }

  async read(buffer: Buffer, offset: number, length: number): Promise<{ buffer: Buffer; bytesRead: number }> {
    if (!this.isOpen) throw new CanceledError('port is closed');
    while (this.queue.length === 0) {
      if (!this.entry.plugged) throw new Error('simulated unplug');
      await new Promise<void>((resolve, reject) => (this.pendingRead = { resolve, reject }));
    }
    const head = this.queue[0]!;
    const n = Math.min(length, head.length);
    buffer.set(head.subarray(0, n), offset);
    if (n === head.length) this.queue.shift();
    else this.queue[0] = head.subarray(n);
    return { buffer, bytesRead: n };
  }

  async write(buffer: Buffer): Promise<void> {
    if (!this.isOpen) throw new CanceledError('port is closed');
    if (!this.entry.plugged) throw new Error('simulated unplug');
    const bytes = this.speedMatches ? new Uint8Array(buffer) : garble(new Uint8Array(buffer));
    // A real device sees the bytes a moment later, never inside the write call.
    setImmediate(() => this.entry.device.receive(bytes));
  }

  async update(options: UpdateOptions): Promise<void> {
    this.baudRate = options.baudRate;
  }
  async set(_options: SetOptions): Promise<void> {}
  async get(): Promise<PortStatus> {
    return { cts: true, dsr: true, dcd: false };
  }
  async getBaudRate(): Promise<{ baudRate: number }> {
    return { baudRate: this.baudRate };
  }
  async flush(): Promise<void> {
    this.queue = [];
  }
  async drain(): Promise<void> {}

  async close(): Promise<void> {
    if (!this.isOpen) return;
    this.isOpen = false;
    if (this.entry.open === this) this.entry.open = undefined;
    const pending = this.pendingRead;
    this.pendingRead = undefined;
    pending?.reject(new CanceledError('port closed'));
  }

  private wake(): void {
    const pending = this.pendingRead;
    this.pendingRead = undefined;
    pending?.resolve();
  }
}

export class SimBinding implements BindingInterface {
  private readonly entries = new Map<string, Entry>();

  addPort(path: string, device: SimulatedDevice, options: SimPortOptions = {}): void {
    const pacer =
      options.paced && options.baudRate
        ? new PacedSender((bytes) => {
            const entry = this.entries.get(path);
            if (entry?.plugged) entry.open?.deliver(bytes);
          }, options.baudRate)
        : undefined;
    this.entries.set(path, { device, options, pacer, plugged: true, open: undefined });
  }

  /** Device → host bytes for the port at `path`; dropped when nobody has it open (as on a wire). */
  deliver(path: string, bytes: Uint8Array): void {
    const entry = this.entries.get(path);
    if (!entry?.plugged) return;
    if (entry.pacer) entry.pacer.send(bytes);
    else entry.open?.deliver(bytes);
  }

  unplug(path: string): void {
    const entry = this.entries.get(path);
    if (!entry) throw new Error(`no simulated port ${path}`);
    entry.plugged = false;
    entry.pacer?.clear();
    entry.open?.unplug();
  }

  plug(path: string): void {
    const entry = this.entries.get(path);
    if (!entry) throw new Error(`no simulated port ${path}`);
    entry.plugged = true;
  }

  isPlugged(path: string): boolean {
    return this.entries.get(path)?.plugged ?? false;
  }

  async list(): Promise<PortInfo[]> {
    return [...this.entries]
      .filter(([, entry]) => entry.plugged)
      .map(([path, entry]) => ({
        path,
        manufacturer: entry.options.info?.manufacturer ?? 'Hall Kiosk simulator',
        serialNumber: entry.options.info?.serialNumber,
        pnpId: entry.options.info?.pnpId,
        locationId: entry.options.info?.locationId,
        vendorId: entry.options.info?.vendorId,
        productId: entry.options.info?.productId,
      }));
  }

  async open(options: OpenOptions): Promise<BindingPortInterface> {
    const entry = this.entries.get(options.path);
    if (!entry || !entry.plugged) throw new Error(`Port does not exist: ${options.path}`);
    if (entry.open && options.lock !== false) throw new Error(`Port is locked: ${options.path}`);
    const port = new SimPort(entry, options);
    entry.open = port;
    return port;
  }
}
