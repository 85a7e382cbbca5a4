/** The ID-card reader adapter over the real native serialport binding, against the virtual SAM on a pty. */
import { readFileSync } from 'node:fs';
import { SerialPort } from 'serialport';
import { afterEach, describe, expect, it } from 'vitest';
import { parseCardDescription } from '../../devices/idcard/card-description.ts';
import { IdCardReaderAdapter, type IdCardRead } from '../../devices/idcard/id-card-reader.ts';
import { VirtualSamReader } from '../../devices/idcard/sim/virtual-sam.ts';
import { SerialTransport } from '../../devices/transport/serial-transport.ts';
import { openPtyPair, ptyPairAvailable } from '../support/pty-pair.ts';
import { bridgeDevice } from '../support/serial-bridge.ts';
import { REPO_ROOT } from '../support/browser-host.ts';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const until = async (cond: () => boolean, ms = 5000) => {
  const start = Date.now();
  while (!cond()) {
    if (Date.now() - start > ms) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe.runIf(ptyPairAvailable())('ID-card reader over a pty with the native serial binding', () => {
  it('reads a card at UART speed and notices the reader going away', async () => {
    const pair = await openPtyPair();
    cleanups.push(() => pair.close());
    const sim = await bridgeDevice(pair.b, 115200, (transmit) => new VirtualSamReader({ transmit }), { paced: true });
    cleanups.push(() => sim.close());
    const reader = new IdCardReaderAdapter({
      id: 'idCardReader',
      openTransport: async (baudRate) => {
        const t = new SerialTransport({ binding: SerialPort.binding, path: pair.a, baudRate });
        await t.open();
        return t;
      },
      pollIntervalMs: 50,
    });
    cleanups.push(() => reader.close());
    const reads: IdCardRead[] = [];
    reader.on('data', (r) => reads.push(r));
    await reader.open();
    await reader.claim();
    await reader.enable();

    const parsed = parseCardDescription(JSON.parse(readFileSync(`${REPO_ROOT}/devices/idcard/sim/cards/resident-zhang-san.json`, 'utf8')));
    if (!parsed.ok) throw new Error(parsed.problems.join('; '));
    sim.device.insertCard(parsed.card);
    await until(() => reads.length === 1);
    expect(reads[0]!.card).toMatchObject({ idNumber: '11010519491231002X' });
    // Paced at 115200 baud, the 1295-byte frame alone needs about 112 ms on the wire.
    expect(reads[0]!.readMs).toBeGreaterThanOrEqual(100);

    // Pulling the cable: the pty pair goes away under the open port.
    await sim.close();
    await pair.close();
    await until(() => reader.status.code === 'NOT_REACHABLE' || reader.status.code === 'NOT_RESPONDING');
  });
});
