/**
 * A transport only moves bytes: serial, USB printer class, TCP 9100 or a simulator. Protocols and
 * adapters sit above it and never know which one they have.
 */

export interface CloseInfo {
  /** True when the link went away under us (unplug, peer reset); false for our own close(). */
  readonly disconnected: boolean;
  readonly error?: Error;
}

export interface ByteTransport {
  /** For logs and diagnostics, e.g. "serial /dev/serial/by-path/…@115200". */
  readonly description: string;
  readonly isOpen: boolean;
  open(): Promise<void>;
  /** Resolves when the bytes have been handed to the OS; rejects with TimeoutError after `timeoutMs`. */
  write(bytes: Uint8Array, timeoutMs: number): Promise<void>;
  close(): Promise<void>;
  onData(listener: (bytes: Uint8Array) => void): () => void;
  onClose(listener: (info: CloseInfo) => void): () => void;
}

/** Serial links can change speed (ID-card readers are probed at 115200, then 9600). */
export interface SerialByteTransport extends ByteTransport {
  readonly baudRate: number;
  setBaudRate(baudRate: number): Promise<void>;
}

/** One report at a time (HID). */
export interface ReportTransport {
  readonly description: string;
  readonly isOpen: boolean;
  open(): Promise<void>;
  close(): Promise<void>;
  onReport(listener: (report: Uint8Array) => void): () => void;
  onClose(listener: (info: CloseInfo) => void): () => void;
}

/** Rejects with `onTimeout()` unless `promise` settles within `ms`. */
export function withTimeout<T>(promise: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(onTimeout()), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
