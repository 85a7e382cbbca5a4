import { EventEmitter } from 'node:events';
import { createServer, type Server, type Socket } from 'node:net';
import { SerialPort } from 'serialport';
import { afterEach, describe, expect, it } from 'vitest';
import { openPtyPair, ptyPairAvailable } from '../../test/support/pty-pair.ts';
import type { CloseInfo } from './byte-transport.ts';
import { HidTransport, type HidHandle } from './hid-transport.ts';
import { TcpTransport } from './tcp-transport.ts';
import { UsbLpTransport } from './usb-lp-transport.ts';
import { until } from '../../test/support/until.ts';

const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});


describe('TcpTransport (loopback)', () => {
  async function server(onSocket: (s: Socket) => void): Promise<{ server: Server; port: number }> {
    const srv = createServer(onSocket);
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
    cleanups.push(() => new Promise((r) => srv.close(r)));
    return { server: srv, port: (srv.address() as { port: number }).port };
  }

  it('exchanges bytes and reports a peer reset as a disconnect', async () => {
    const sockets: Socket[] = [];
    const { port } = await server((s) => {
      sockets.push(s);
      s.on('data', (d) => s.write(Buffer.from([d.length])));
    });
    const t = new TcpTransport({ host: '127.0.0.1', port });
    const got: number[] = [];
    const closes: CloseInfo[] = [];
    t.onData((b) => got.push(...b));
    t.onClose((c) => closes.push(c));
    await t.open();
    await t.write(Uint8Array.of(1, 2, 3), 1000);
    await until(() => got.length === 1);
    expect(got).toEqual([3]);
    sockets[0]!.destroy();
    await until(() => closes.length === 1);
    expect(closes[0]!.disconnected).toBe(true);
  });

  it('closes without reporting a disconnect, and fails clearly when nobody listens', async () => {
    const { port } = await server(() => undefined);
    const t = new TcpTransport({ host: '127.0.0.1', port });
    const closes: CloseInfo[] = [];
    t.onClose((c) => closes.push(c));
    await t.open();
    await t.close();
    expect(closes).toEqual([{ disconnected: false }]);
    await expect(new TcpTransport({ host: '127.0.0.1', port: 1 }).open()).rejects.toMatchObject({ code: 'E_NOHARDWARE' });
  });
});

describe.runIf(ptyPairAvailable())('UsbLpTransport on a pty (a character device like /dev/usb/lp0)', () => {
  it('writes to and reads from the device file', async () => {
    const pair = await openPtyPair();
    cleanups.push(() => pair.close());
    const peer = new SerialPort({ path: pair.b, baudRate: 115200 });
    await new Promise<void>((r, j) => peer.once('open', r).once('error', j));
    cleanups.push(() => new Promise((r) => peer.close(() => r(undefined))));
    const fromKiosk: number[] = [];
    peer.on('data', (d: Buffer) => fromKiosk.push(...d));

    const t = new UsbLpTransport(pair.a);
    const got: number[] = [];
    t.onData((b) => got.push(...b));
    await t.open();
    cleanups.push(() => t.close());
    await t.write(Uint8Array.of(0x10, 0x04, 0x01), 1000);
    await until(() => fromKiosk.length === 3);
    expect(fromKiosk).toEqual([0x10, 0x04, 0x01]);
    peer.write(Buffer.from([0x16]));
    await until(() => got.length === 1);
    expect(got).toEqual([0x16]);
  });

  it('fails clearly for a missing device file', async () => {
    await expect(new UsbLpTransport('/dev/usb/lp-does-not-exist').open()).rejects.toMatchObject({ code: 'E_NOHARDWARE' });
  });
});

describe('HidTransport with an injected handle', () => {
  class FakeHid extends EventEmitter implements HidHandle {
    closed = false;
    async close() {
      this.closed = true;
    }
  }

  it('delivers reports and turns a read error into a disconnect', async () => {
    const fake = new FakeHid();
    const t = new HidTransport(0x0c2e, 0x0b61, async () => fake);
    expect(t.description).toBe('hid 0c2e:0b61');
    const reports: number[][] = [];
    const closes: CloseInfo[] = [];
    t.onReport((r) => reports.push([...r]));
    t.onClose((c) => closes.push(c));
    await t.open();
    fake.emit('data', Buffer.from([2, 1, 0x41]));
    expect(reports).toEqual([[2, 1, 0x41]]);
    fake.emit('error', new Error('could not read from HID device'));
    expect(closes[0]?.disconnected).toBe(true);
    expect(fake.closed).toBe(true);
    expect(t.isOpen).toBe(false);
  });

  it('fails clearly when the device cannot be opened', async () => {
    const t = new HidTransport(1, 2, async () => {
      throw new Error('cannot open device with vendor id 0x1 and product id 0x2');
    });
    await expect(t.open()).rejects.toMatchObject({ code: 'E_NOHARDWARE' });
  });
});
