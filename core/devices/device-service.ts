/**
 * Core's side of the devices: builds them from the configuration (with the simulator when configured),
 * publishes their status to the renderer, and logs what they read without the personal data.
 */
import { createDevices, type DeviceSet } from '../../devices/registry/device-registry.ts';
import { nativeSerial } from '../../devices/registry/native.ts';
import { SimulatedHall } from '../../devices/sim/simulated-hall.ts';
import { VirtualSamReader } from '../../devices/idcard/sim/virtual-sam.ts';
import type { DeviceStatus as AdapterStatus, DeviceKind } from '../../devices/contract/device.ts';
import type { DeviceStatus } from '../contract/kiosk-view.ts';
import type { KioskConfig } from '../../kiosk-config/schema.ts';
import type { Logger } from '../logging/logger.ts';

export interface DeviceService {
  readonly devices: DeviceSet;
  /** Present when at least one device is simulated. */
  readonly simulation: SimulatedHall | undefined;
  view(): DeviceStatus[];
  stop(): Promise<void>;
}

export interface DeviceServiceOptions {
  readonly config: KioskConfig;
  /** Where the simulated printer writes receipts. */
  readonly receiptDir: string;
  readonly log: Logger;
  readonly onChange: (devices: DeviceStatus[]) => void;
}

function toView(id: string, kind: DeviceKind, status: AdapterStatus): DeviceStatus {
  return { id, kind, status: status.state, code: status.code };
}

export async function startDeviceService(options: DeviceServiceOptions): Promise<DeviceService> {
  const { config, log } = options;
  const settings = config.devices;
  const anySimulated = [settings.idCardReader, settings.printer, settings.scanner].some((d) => d.transport === 'simulated');
  const simulation = anySimulated
    ? new SimulatedHall({
        receiptDir: options.receiptDir,
        readerBaudRate: settings.idCardReader.transport === 'simulated' ? settings.idCardReader.baudRate : 115200,
        scannerSuffix: settings.scanner.transport === 'simulated' ? settings.scanner.suffix : 'cr',
        scannerAimIds: settings.scanner.transport === 'simulated' ? settings.scanner.aimIds : true,
        createReader: (transmit) => new VirtualSamReader({ transmit }),
        onReceiptWritten: (result) =>
          result.ok
            ? log.info({ files: result.files }, 'simulated printer wrote a receipt')
            : log.error({ err: result.error }, 'simulated printer could not write its receipt'),
      })
    : undefined;

  const devices = createDevices(settings, {
    ...nativeSerial(),
    simulation,
    log: {
      info: (fields, message) => log.info(fields, message),
      warn: (fields, message) => log.warn(fields, message),
    },
  });

  const view = () => devices.all.map((d) => toView(d.id, d.kind, d.status));
  devices.onStatus((device, status) => {
    log.info({ device: device.id, state: status.state, code: status.code, detail: status.detail }, 'device status');
    options.onChange(view());
  });
  devices.reader.on('data', (read) =>
    log.info({ device: 'idCardReader', type: read.card.type, valid: read.valid, problems: read.problems.map((p) => p.code), readMs: read.readMs }, 'card read'),
  );
  devices.scanner.on('data', (code) => log.info({ device: 'scanner', symbology: code.symbology, length: code.text.length }, 'code scanned'));
  for (const device of devices.all) {
    device.on('error', (error) => log.warn({ device: device.id, err: error }, 'device error'));
  }
  // Supervisors keep retrying absent devices in the background; start-up does not wait for hardware.
  void devices.start();
  return { devices, simulation, view, stop: () => devices.stop() };
}
