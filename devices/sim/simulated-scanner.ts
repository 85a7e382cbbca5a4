/** The simulated serial scanner: sends the bytes a real scanner would for each scan it is told to make. */
import type { Symbology } from '../scanner/aim.ts';
import type { PayloadEncoding } from '../scanner/payload.ts';
import { encodeSerialScan } from '../scanner/sim/virtual-scanner.ts';
import type { SimulatedDevice } from './sim-binding.ts';

export interface SimulatedScannerOptions {
  /** As the scanner is programmed; must match the adapter's configuration. */
  readonly suffix: Uint8Array | null;
  /** Prefix each code with its AIM identifier. */
  readonly aimIds: boolean;
}

export class SimulatedSerialScanner implements SimulatedDevice {
  constructor(
    private readonly send: (bytes: Uint8Array) => void,
    private readonly options: SimulatedScannerOptions,
  ) {}

  /** Scanners ignore host bytes here (programming commands are not simulated). */
  receive(): void {}

  scan(text: string, options: { symbology?: Symbology; encoding?: PayloadEncoding } = {}): void {
    this.send(
      encodeSerialScan(text, {
        suffix: this.options.suffix,
        aim: this.options.aimIds ? (options.symbology ?? 'qr') : null,
        encoding: options.encoding ?? 'utf-8',
      }),
    );
  }
}
