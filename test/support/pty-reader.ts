/**
 * The production ID-card reader adapter on one end of a pty pair, with the virtual SAM reader on the other
 * sending at the UART rate: the real native serial binding, no hardware.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SerialPort } from 'serialport';
import { parseCardDescription, type SimulatedCard } from '../../devices/idcard/card-description.ts';
import { IdCardReaderAdapter } from '../../devices/idcard/id-card-reader.ts';
import { VirtualSamReader } from '../../devices/idcard/sim/virtual-sam.ts';
import { SerialTransport } from '../../devices/transport/serial-transport.ts';
import { openPtyPair, type PtyPair } from './pty-pair.ts';
import { bridgeDevice, type BridgedDevice } from './serial-bridge.ts';

const CARDS = join(import.meta.dirname, '../../devices/idcard/sim/cards');

export function sampleCard(file: string): SimulatedCard {
  const parsed = parseCardDescription(JSON.parse(readFileSync(join(CARDS, file), 'utf8')));
  if (!parsed.ok) throw new Error(`${file}: ${parsed.problems.join('; ')}`);
  return parsed.card;
}

export interface PtyReader {
  readonly pair: PtyPair;
  readonly sim: BridgedDevice<VirtualSamReader>;
  readonly reader: IdCardReaderAdapter;
  close(): Promise<void>;
}

export async function openPtyReader(baudRate = 115200, pollIntervalMs = 20): Promise<PtyReader> {
  const pair = await openPtyPair();
  const sim = await bridgeDevice(pair.b, baudRate, (transmit) => new VirtualSamReader({ transmit }), { paced: true });
  const reader = new IdCardReaderAdapter({
    id: 'idCardReader',
    openTransport: async (baud) => {
      const t = new SerialTransport({ binding: SerialPort.binding, path: pair.a, baudRate: baud });
      await t.open();
      return t;
    },
    pollIntervalMs,
  });
  await reader.open();
  await reader.claim();
  await reader.enable();
  return {
    pair,
    sim,
    reader,
    async close() {
      await reader.close();
      await sim.close();
      await pair.close();
    },
  };
}
