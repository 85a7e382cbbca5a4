/**
 * ID-card read time through the production adapter over the real serial binding (a pty pair), against a
 * virtual SAM that sends at the UART rate of 115200 baud, compared with the time the frames need on the
 * wire. The difference is the adapter's overhead (deframing, parsing, validation, event delivery).
 */
import { readFileSync } from 'node:fs';
import { SerialPort } from 'serialport';
import { parseCardDescription } from '../devices/idcard/card-description.ts';
import { IdCardReaderAdapter, type IdCardRead } from '../devices/idcard/id-card-reader.ts';
import { VirtualSamReader } from '../devices/idcard/sim/virtual-sam.ts';
import { SerialTransport } from '../devices/transport/serial-transport.ts';
import { openPtyPair } from '../test/support/pty-pair.ts';
import { bridgeDevice } from '../test/support/serial-bridge.ts';
import { REPO_ROOT } from '../test/support/browser-host.ts';

const BAUD = 115200;
/**
 * The base-info answer (1295 bytes) at 10 bits per byte: the part of the exchange the simulator paces.
 * The 10-byte command crosses the pty unpaced, so it is left out of the wire time too.
 */
export const WIRE_MS = (1295 * 10 * 1000) / BAUD;

export async function measureReads(count: number): Promise<number[]> {
  const pair = await openPtyPair();
  const sim = await bridgeDevice(pair.b, BAUD, (transmit) => new VirtualSamReader({ transmit }), { paced: true });
  const reader = new IdCardReaderAdapter({
    id: 'idCardReader',
    openTransport: async (baudRate) => {
      const t = new SerialTransport({ binding: SerialPort.binding, path: pair.a, baudRate });
      await t.open();
      return t;
    },
    pollIntervalMs: 20,
  });
  const parsed = parseCardDescription(JSON.parse(readFileSync(`${REPO_ROOT}/devices/idcard/sim/cards/resident-zhang-san.json`, 'utf8')));
  if (!parsed.ok) throw new Error(parsed.problems.join('; '));
  const times: number[] = [];
  try {
    await reader.open();
    await reader.claim();
    await reader.enable();
    for (let i = 0; i < count; i++) {
      const read = new Promise<IdCardRead>((resolve) => {
        const off = reader.on('data', (r) => {
          off();
          resolve(r);
        });
      });
      sim.device.insertCard(parsed.card);
      times.push((await read).readMs);
      sim.device.removeCard();
      while (reader.status.code !== 'OK') await new Promise((r) => setTimeout(r, 10));
    }
  } finally {
    await reader.close();
    await sim.close();
    await pair.close();
  }
  return times;
}
