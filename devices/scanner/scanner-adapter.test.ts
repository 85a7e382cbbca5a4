import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { SimBinding } from '../sim/sim-binding.ts';
import { SimulatedSerialScanner } from '../sim/simulated-scanner.ts';
import { HidTransport, type HidHandle } from '../transport/hid-transport.ts';
import { SerialTransport } from '../transport/serial-transport.ts';
import { HONEYWELL_LAYOUT } from './hid-pos.ts';
import { hidScanner, serialScanner } from './scanner-adapter.ts';
import type { ScannedCode } from './scanned-code.ts';
import { suffixBytes } from './serial-framing.ts';
import { encodeHidPosScan } from './sim/virtual-scanner.ts';
import { until } from '../../test/support/until.ts';


async function serialSetup(suffix: Uint8Array | null) {
  const binding = new SimBinding();
  const path = '/dev/sim/scanner';
  const device = new SimulatedSerialScanner((b) => binding.deliver(path, b), { suffix, aimIds: true });
  binding.addPort(path, device, { baudRate: 9600 });
  const scanner = serialScanner({
    id: 'scanner',
    openTransport: async () => {
      const t = new SerialTransport({ binding, path, baudRate: 9600 });
      await t.open();
      return t;
    },
    framing: { suffix, interByteTimeoutMs: 30 },
  });
  const codes: ScannedCode[] = [];
  scanner.on('data', (c) => codes.push(c));
  await scanner.open();
  await scanner.claim();
  return { binding, device, scanner, codes };
}

describe('serial scanner adapter (simulated scanner on the serialport stream)', () => {
  it('delivers codes with symbology while enabled, and drops them while disabled', async () => {
    const { device, scanner, codes } = await serialSetup(suffixBytes('cr'));
    expect(scanner.status).toEqual({ state: 'READY', code: 'OK' });
    device.scan('https://zwfw.example.gov.cn/e-id?t=abc', { symbology: 'qr' });
    await new Promise((r) => setTimeout(r, 50));
    expect(codes).toEqual([]);

    await scanner.enable();
    device.scan('https://zwfw.example.gov.cn/e-id?t=abc', { symbology: 'qr' });
    device.scan('办件编号 SL-20261122-000123', { symbology: 'code128', encoding: 'gb18030' });
    await until(() => codes.length === 2);
    expect(codes[0]).toMatchObject({ text: 'https://zwfw.example.gov.cn/e-id?t=abc', symbology: 'qr', encoding: 'utf-8' });
    expect(codes[1]).toMatchObject({ text: '办件编号 SL-20261122-000123', symbology: 'code128', encoding: 'gb18030' });
    expect(scanner.statistics().operations).toBe(3);
    await scanner.close();
  });

  it('completes codes by silence when the scanner sends no suffix', async () => {
    const { device, scanner, codes } = await serialSetup(null);
    await scanner.enable();
    device.scan('NO-SUFFIX-1');
    await until(() => codes.length === 1);
    expect(codes[0]?.text).toBe('NO-SUFFIX-1');
    await scanner.close();
  });

  it('goes NOT_REACHABLE when unplugged', async () => {
    const { binding, scanner } = await serialSetup(suffixBytes('cr'));
    await scanner.enable();
    binding.unplug('/dev/sim/scanner');
    await until(() => scanner.status.code === 'NOT_REACHABLE');
    expect(scanner.state).toBe('error');
    expect(scanner.statistics().disconnects).toBe(1);
    await scanner.close();
  });
});

describe('HID POS scanner adapter (injected node-hid handle)', () => {
  it('assembles multi-report codes from a Honeywell-layout scanner', async () => {
    const handle = new (class extends EventEmitter implements HidHandle {
      async close() {}
    })();
    const scanner = hidScanner({
      id: 'scanner',
      openTransport: async () => {
        const t = new HidTransport(0x0c2e, 0x0b61, async () => handle);
        await t.open();
        return t;
      },
      layout: HONEYWELL_LAYOUT,
    });
    const codes: ScannedCode[] = [];
    scanner.on('data', (c) => codes.push(c));
    await scanner.open();
    await scanner.claim();
    await scanner.enable();
    const text = `https://zwfw.example.gov.cn/e-license/verify?token=${'x'.repeat(120)}`;
    const reports = encodeHidPosScan(text, HONEYWELL_LAYOUT, { symbology: 'qr' });
    expect(reports.length).toBeGreaterThan(1);
    for (const r of reports) handle.emit('data', Buffer.from(r));
    await until(() => codes.length === 1);
    expect(codes[0]).toMatchObject({ text, symbology: 'qr' });
    handle.emit('error', new Error('could not read from HID device'));
    expect(scanner.status.code).toBe('NOT_REACHABLE');
    await scanner.close();
  });
});
