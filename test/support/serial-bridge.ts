/**
 * Puts a simulated device on the far end of a real serial port (one end of a pty pair), through the native
 * serialport binding: the kiosk side then talks to it exactly as to hardware.
 */
import { SerialPort } from 'serialport';
import { PacedSender } from '../../devices/sim/paced-sender.ts';
import type { SimulatedDevice } from '../../devices/sim/sim-binding.ts';

export interface BridgedDevice<T extends SimulatedDevice> {
  readonly device: T;
  close(): Promise<void>;
}

export async function bridgeDevice<T extends SimulatedDevice>(
  path: string,
  baudRate: number,
  createDevice: (transmit: (bytes: Uint8Array) => void) => T,
  options: { paced?: boolean } = {},
): Promise<BridgedDevice<T>> {
  const port = new SerialPort({ path, baudRate, autoOpen: false });
  await new Promise<void>((resolve, reject) => port.open((error) => (error ? reject(error) : resolve())));
  const write = (bytes: Uint8Array) => void port.write(Buffer.from(bytes));
  const pacer = options.paced ? new PacedSender(write, baudRate) : undefined;
  const device = createDevice((bytes) => (pacer ? pacer.send(bytes) : write(bytes)));
  port.on('data', (chunk: Buffer) => device.receive(new Uint8Array(chunk)));
  return {
    device,
    close: () =>
      new Promise<void>((resolve) => {
        pacer?.clear();
        if (!port.isOpen) return resolve();
        port.close(() => resolve());
      }),
  };
}
