import { MockBinding } from '@serialport/binding-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { SimBinding, type SimulatedDevice } from '../sim/sim-binding.ts';
import { SerialTransport } from './serial-transport.ts';
import type { CloseInfo } from './byte-transport.ts';
import { until } from '../../test/support/until.ts';

/** A device that answers every write with the same bytes reversed. */
function reverser(binding: SimBinding, path: string): SimulatedDevice {
  return { receive: (bytes) => binding.deliver(path, bytes.slice().reverse()) };
}

function collect(transport: SerialTransport): { bytes: number[]; closes: CloseInfo[] } {
  const seen = { bytes: [] as number[], closes: [] as CloseInfo[] };
  transport.onData((b) => seen.bytes.push(...b));
  transport.onClose((c) => seen.closes.push(c));
  return seen;
}


afterEach(() => MockBinding.reset());

describe('SerialTransport over the simulator binding', () => {
  it('moves bytes both ways', async () => {
    const binding = new SimBinding();
    binding.addPort('/dev/sim0', reverser(binding, '/dev/sim0'));
    const t = new SerialTransport({ binding, path: '/dev/sim0', baudRate: 115200 });
    const seen = collect(t);
    await t.open();
    await t.write(Uint8Array.of(1, 2, 3), 1000);
    await until(() => seen.bytes.length === 3);
    expect(seen.bytes).toEqual([3, 2, 1]);
    await t.close();
    expect(seen.closes).toEqual([{ disconnected: false }]);
  });

  it('garbles bytes at the wrong speed until the speed is changed', async () => {
    const binding = new SimBinding();
    binding.addPort('/dev/sim0', reverser(binding, '/dev/sim0'), { baudRate: 9600 });
    const t = new SerialTransport({ binding, path: '/dev/sim0', baudRate: 115200 });
    const seen = collect(t);
    await t.open();
    await t.write(Uint8Array.of(1, 2, 3), 1000);
    await until(() => seen.bytes.length === 3);
    expect(seen.bytes).not.toEqual([3, 2, 1]);
    seen.bytes.length = 0;
    await t.setBaudRate(9600);
    expect(t.description).toBe('serial /dev/sim0@9600');
    await t.write(Uint8Array.of(1, 2, 3), 1000);
    await until(() => seen.bytes.length === 3);
    expect(seen.bytes).toEqual([3, 2, 1]);
    await t.close();
  });

  it('reports an unplug as a disconnect and refuses to reopen until plugged back', async () => {
    const binding = new SimBinding();
    binding.addPort('/dev/sim0', reverser(binding, '/dev/sim0'));
    const t = new SerialTransport({ binding, path: '/dev/sim0', baudRate: 115200 });
    const seen = collect(t);
    await t.open();
    binding.unplug('/dev/sim0');
    await until(() => seen.closes.length === 1);
    expect(seen.closes[0]?.disconnected).toBe(true);
    expect(t.isOpen).toBe(false);
    expect(await binding.list()).toEqual([]);
    await expect(t.open()).rejects.toMatchObject({ code: 'E_NOHARDWARE' });
    binding.plug('/dev/sim0');
    await t.open();
    expect(t.isOpen).toBe(true);
    await t.close();
  });

  it('refuses a second opener of a locked port and a missing port', async () => {
    const binding = new SimBinding();
    binding.addPort('/dev/sim0', reverser(binding, '/dev/sim0'));
    const a = new SerialTransport({ binding, path: '/dev/sim0', baudRate: 9600 });
    const b = new SerialTransport({ binding, path: '/dev/sim0', baudRate: 9600 });
    await a.open();
    await expect(b.open()).rejects.toThrow(/locked/);
    await expect(new SerialTransport({ binding, path: '/dev/none', baudRate: 9600 }).open()).rejects.toThrow(/does not exist/);
    await a.close();
  });

  it('rejects writes when closed', async () => {
    const binding = new SimBinding();
    const t = new SerialTransport({ binding, path: '/dev/x', baudRate: 9600 });
    await expect(t.write(Uint8Array.of(1), 100)).rejects.toMatchObject({ disconnected: true });
  });
});

describe('SerialTransport over serialport MockBinding', () => {
  it('moves bytes and sees a disconnect', async () => {
    MockBinding.createPort('/dev/mock0', { record: true });
    const t = new SerialTransport({ binding: MockBinding, path: '/dev/mock0', baudRate: 115200 });
    const seen = collect(t);
    await t.open();
    await t.write(Uint8Array.of(0x10, 0x04, 0x01), 1000);
    const binding = (t as unknown as { port: { port: { recording: Buffer; emitData(d: Buffer): void; read: unknown } } }).port.port;
    expect([...binding.recording]).toEqual([0x10, 0x04, 0x01]);
    binding.emitData(Buffer.from([0x16]));
    await until(() => seen.bytes.length === 1);
    expect(seen.bytes).toEqual([0x16]);
    binding.read = async () => {
      throw new Error('gone');
    };
    binding.emitData(Buffer.from([0]));
    await until(() => seen.closes.length === 1);
    expect(seen.closes[0]?.disconnected).toBe(true);
  });
});
