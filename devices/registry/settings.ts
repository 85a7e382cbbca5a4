/**
 * What the device layer needs to know from the configuration. kiosk-config's schema produces exactly
 * this shape; it is restated here because devices never import configuration or core code.
 */

export interface UsbIdentity {
  readonly vendorId: string;
  readonly productId: string;
  readonly serialNumber?: string;
}

export interface SerialSettings {
  readonly transport: 'serial';
  readonly port?: string;
  readonly usb?: UsbIdentity;
  readonly baudRate?: number;
}

export type ReaderSettings = ({ readonly transport: 'simulated'; readonly baudRate: number } | SerialSettings) & {
  readonly pollIntervalMs: number;
  readonly readFingerprint: boolean;
};

export type PrinterSettings = (
  | { readonly transport: 'simulated' }
  | SerialSettings
  | { readonly transport: 'usb-lp'; readonly path: string }
  | { readonly transport: 'tcp'; readonly host: string; readonly port: number }
) & { readonly columns: number; readonly jobTimeoutMs: number };

export type SuffixSetting = 'cr' | 'crlf' | 'lf' | 'tab' | 'none';

export type ScannerSettings =
  | { readonly transport: 'simulated'; readonly suffix: SuffixSetting; readonly aimIds: boolean }
  | (SerialSettings & { readonly suffix: SuffixSetting; readonly aimIds: boolean; readonly interByteTimeoutMs: number })
  | { readonly transport: 'hid'; readonly vendorId: string; readonly productId: string; readonly layout: 'honeywell' | 'newland' };

export interface DeviceSettings {
  readonly idCardReader: ReaderSettings;
  readonly printer: PrinterSettings;
  readonly scanner: ScannerSettings;
}
