/**
 * The contract every device adapter keeps, after UnifiedPOS (lifecycle, state, health, statistics, events)
 * with CUSS-style status for the UI. Types only; the shared behaviour is in base-adapter.ts.
 */

export type DeviceKind = 'idCardReader' | 'printer' | 'scanner';

/** UnifiedPOS `State`. */
export type DeviceState = 'closed' | 'idle' | 'busy' | 'error';

/** UnifiedPOS `checkHealth` levels: internal changes nothing on the device; external may (a test slip). */
export type HealthLevel = 'internal' | 'external' | 'interactive';

/** CUSS component state, what the UI and the kiosk machine see. */
export type ComponentState = 'READY' | 'BUSY' | 'UNAVAILABLE';

/** CUSS-style status codes. */
export type StatusCode =
  | 'OK'
  | 'MEDIA_LOW'
  | 'MEDIA_EMPTY'
  | 'MEDIA_JAMMED'
  | 'MEDIA_PRESENT'
  | 'COVER_OPEN'
  | 'NOT_REACHABLE'
  | 'NOT_RESPONDING'
  | 'HARDWARE_ERROR'
  | 'SOFTWARE_ERROR';

export interface DeviceStatus {
  readonly state: ComponentState;
  readonly code: StatusCode;
  /** For technicians; never personal data. */
  readonly detail?: string;
}

export interface HealthResult {
  readonly level: HealthLevel;
  readonly ok: boolean;
  /** UnifiedPOS `CheckHealthText`: one readable sentence. */
  readonly text: string;
  readonly status: DeviceStatus;
}

export interface DeviceStatistics {
  readonly operations: number;
  readonly bytesIn: number;
  readonly bytesOut: number;
  readonly errors: number;
  readonly disconnects: number;
  readonly lastError: { readonly code: string; readonly message: string; readonly at: number } | null;
  /** Milliseconds since the device was last opened; 0 when closed. */
  readonly uptimeMs: number;
}

export interface DeviceEventMap<TData> {
  /** Input from the device (a card, a scanned code). */
  readonly data: TData;
  readonly status: DeviceStatus;
  readonly error: Error;
  /** An output job (a receipt) confirmed complete by the device. */
  readonly outputComplete: { readonly jobId: string };
}

export interface DeviceAdapter<TData = never> {
  readonly id: string;
  readonly kind: DeviceKind;
  readonly state: DeviceState;
  readonly status: DeviceStatus;
  readonly claimed: boolean;
  readonly enabled: boolean;
  open(): Promise<void>;
  claim(): Promise<void>;
  enable(): Promise<void>;
  disable(): Promise<void>;
  release(): Promise<void>;
  close(): Promise<void>;
  checkHealth(level: HealthLevel): Promise<HealthResult>;
  statistics(): DeviceStatistics;
  on<K extends keyof DeviceEventMap<TData>>(event: K, listener: (payload: DeviceEventMap<TData>[K]) => void): () => void;
}
