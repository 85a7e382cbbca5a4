/** The printer adapter over the real native serialport binding, against the virtual printer on a pty. */
import { SerialPort } from 'serialport';
import { afterEach, describe, expect, it } from 'vitest';
import { layoutReceipt } from '../../devices/printer/layout/receipt.ts';
import { SAMPLE_RECEIPT } from '../../devices/printer/layout/sample-receipt.ts';
import { EscPosPrinterAdapter } from '../../devices/printer/printer-adapter.ts';
import { renderReceiptText, VirtualEscPosPrinter, type RenderedReceipt } from '../../devices/printer/sim/virtual-printer.ts';
import { SerialTransport } from '../../devices/transport/serial-transport.ts';
import { openPtyPair, ptyPairAvailable } from '../support/pty-pair.ts';
import { bridgeDevice } from '../support/serial-bridge.ts';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe.runIf(ptyPairAvailable())('printer over a pty with the native serial binding', () => {
  it('prints, refuses without paper, and recovers', async () => {
    const pair = await openPtyPair();
    cleanups.push(() => pair.close());
    const receipts: RenderedReceipt[] = [];
    const sim = await bridgeDevice(pair.b, 115200, (transmit) => new VirtualEscPosPrinter({ transmit, onReceipt: (r) => receipts.push(r) }));
    cleanups.push(() => sim.close());
    const adapter = new EscPosPrinterAdapter({
      id: 'printer',
      openTransport: async () => {
        const t = new SerialTransport({ binding: SerialPort.binding, path: pair.a, baudRate: 115200 });
        await t.open();
        return t;
      },
      jobTimeoutMs: 5000,
      watchIntervalMs: 50,
    });
    cleanups.push(() => adapter.close());
    await adapter.open();
    await adapter.claim();
    await adapter.enable();
    expect(adapter.status).toEqual({ state: 'READY', code: 'OK' });

    await adapter.print('pty-job-1', layoutReceipt(SAMPLE_RECEIPT).encode());
    expect(receipts).toHaveLength(1);
    expect(renderReceiptText(receipts[0]!)).toContain('受理回执');

    sim.device.setPaper('out');
    await expect(adapter.print('pty-job-2', layoutReceipt(SAMPLE_RECEIPT).encode())).rejects.toMatchObject({ code: 'E_MEDIA' });
    expect(adapter.status).toMatchObject({ state: 'UNAVAILABLE', code: 'MEDIA_EMPTY' });
    sim.device.setPaper('ok');
    await adapter.print('pty-job-2', layoutReceipt(SAMPLE_RECEIPT).encode());
    expect(receipts).toHaveLength(2);
  });
});
