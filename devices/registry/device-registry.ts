/**
 * Builds the kiosk's adapters from the device settings, each under a supervisor that keeps it in service.
 * Simulated devices are ports of a SimulatedHall's binding: the adapters are the production ones.
 */
import type { BindingInterface } from '@serialport/bindings-interface';
import type { DeviceAdapter, DeviceStatus } from '../contract/device.ts';
import { DeviceError } from '../contract/errors.ts';
import { EscPosPrinterAdapter } from '../printer/printer-adapter.ts';
import { HID_POS_LAYOUTS } from '../scanner/hid-pos.ts';
import { hidScanner, serialScanner, type ScannerAdapter } from '../scanner/scanner-adapter.ts';
import { suffixBytes } from '../scanner/serial-framing.ts';
import { SIM_PATHS, type SimulatedHall } from '../sim/simulated-hall.ts';
import type { SerialByteTransport } from '../transport/byte-transport.ts';
import { HidTransport, openNodeHid, type OpenHid } from '../transport/hid-transport.ts';
import { SerialTransport } from '../transport/serial-transport.ts';
import { TcpTransport } from '../transport/tcp-transport.ts';
import { UsbLpTransport } from '../transport/usb-lp-transport.ts';
import { IdCardReaderAdapter } from '../idcard/id-card-reader.ts';
import { describeIdentity, resolvePort, type Discovery, type PortIdentity } from './discovery.ts';
import type { DeviceSettings, SerialSettings } from './settings.ts';
import { DeviceSupervisor, type SupervisorLog } from './supervisor.ts';

export interface DeviceEnvironment {
  /** The native serialport binding for hardware (ignored for simulated devices). */
  readonly binding: BindingInterface;
  readonly discovery: Discovery;
  readonly openHid?: OpenHid;
  /** Present when any device is simulated. */
  readonly simulation?: SimulatedHall;
  readonly log?: SupervisorLog;
}

export interface DeviceSet {
  readonly reader: IdCardReaderAdapter;
  readonly printer: EscPosPrinterAdapter;
  readonly scanner: ScannerAdapter;
  readonly all: readonly DeviceAdapter<unknown>[];
  /** Starts every supervisor; resolves after each device's first attempt, present or not. */
  start(): Promise<void>;
  stop(): Promise<void>;
  onStatus(listener: (device: DeviceAdapter<unknown>, status: DeviceStatus) => void): () => void;
}

function identityOf(settings: SerialSettings): PortIdentity {
  if (settings.port) return { path: settings.port };
  if (settings.usb) return settings.usb;
  throw new DeviceError('E_ILLEGAL', 'a serial device needs "port" or "usb"');
}

/** Opens a serial port found by identity at open time, so a device that moved is found again. */
function serialOpener(binding: BindingInterface, discovery: Discovery, identity: PortIdentity) {
  return async (baudRate: number): Promise<SerialByteTransport> => {
    const path = await resolvePort(identity, discovery);
    if (!path) throw new DeviceError('E_NOHARDWARE', `no device at ${describeIdentity(identity)}`);
    const transport = new SerialTransport({ binding, path, baudRate });
    await transport.open();
    return transport;
  };
}

function simulation(env: DeviceEnvironment): SimulatedHall {
  if (!env.simulation) throw new DeviceError('E_ILLEGAL', 'simulated devices configured without a simulator');
  return env.simulation;
}

export function createDevices(settings: DeviceSettings, env: DeviceEnvironment): DeviceSet {
  const simOpener = (path: string) => serialOpener(simulation(env).binding, simulation(env).discovery, { path });
  const hwOpener = (s: SerialSettings) => serialOpener(env.binding, env.discovery, identityOf(s));

  const r = settings.idCardReader;
  const reader = new IdCardReaderAdapter({
    id: 'idCardReader',
    openTransport: r.transport === 'simulated' ? simOpener(SIM_PATHS.reader) : hwOpener(r),
    baudRates: r.baudRate ? [r.baudRate] : [115200, 9600],
    pollIntervalMs: r.pollIntervalMs,
    readFingerprint: r.readFingerprint,
  });

  const p = settings.printer;
  const printer = new EscPosPrinterAdapter({
    id: 'printer',
    jobTimeoutMs: p.jobTimeoutMs,
    openTransport: async () => {
      switch (p.transport) {
        case 'simulated':
          return simOpener(SIM_PATHS.printer)(115200);
        case 'serial':
          return hwOpener(p)(p.baudRate ?? 115200);
        case 'usb-lp': {
          const t = new UsbLpTransport(p.path);
          await t.open();
          return t;
        }
        case 'tcp': {
          const t = new TcpTransport({ host: p.host, port: p.port });
          await t.open();
          return t;
        }
      }
    },
  });

  const s = settings.scanner;
  const scanner =
    s.transport === 'hid'
      ? hidScanner({
          id: 'scanner',
          layout: HID_POS_LAYOUTS[s.layout]!,
          openTransport: async () => {
            const t = new HidTransport(parseInt(s.vendorId, 16), parseInt(s.productId, 16), env.openHid ?? openNodeHid);
            await t.open();
            return t;
          },
        })
      : serialScanner({
          id: 'scanner',
          framing: {
            suffix: suffixBytes(s.suffix),
            aimIds: s.aimIds,
            interByteTimeoutMs: s.transport === 'serial' ? s.interByteTimeoutMs : 50,
          },
          openTransport: async () => {
            const open = s.transport === 'simulated' ? simOpener(SIM_PATHS.scanner) : hwOpener(s);
            return open(s.transport === 'serial' ? (s.baudRate ?? 9600) : 9600);
          },
        });

  const all: DeviceAdapter<unknown>[] = [reader, printer, scanner];
  const supervisors = all.map((adapter) => new DeviceSupervisor(adapter, { log: env.log }));
  return {
    reader,
    printer,
    scanner,
    all,
    start: async () => {
      await Promise.all(supervisors.map((s) => s.start()));
    },
    stop: async () => {
      await Promise.all(supervisors.map((s) => s.stop()));
    },
    onStatus(listener) {
      const offs = all.map((device) => device.on('status', (status) => listener(device, status)));
      return () => offs.forEach((off) => off());
    },
  };
}
