/**
 * ID-card read time through the production adapter over the real serial binding (a pty pair), against a
 * virtual SAM that sends at the UART rate of 115200 baud, compared with the time the answer needs on the
 * wire. The difference is the adapter's overhead (deframing, parsing, validation, event delivery).
 */
import type { IdCardRead } from '../devices/idcard/id-card-reader.ts';
import { openPtyReader, sampleCard } from '../test/support/pty-reader.ts';

/**
 * The base-info answer (1295 bytes) at 10 bits per byte: the part of the exchange the simulator paces.
 * The 10-byte command crosses the pty unpaced, so it is left out of the wire time too.
 */
export const WIRE_MS = (1295 * 10 * 1000) / 115200;

export async function measureReads(count: number): Promise<number[]> {
  const { reader, sim, close } = await openPtyReader(115200, 20);
  const card = sampleCard('resident-zhang-san.json');
  const times: number[] = [];
  try {
    for (let i = 0; i < count; i++) {
      const read = new Promise<IdCardRead>((resolve) => {
        const off = reader.on('data', (r) => {
          off();
          resolve(r);
        });
      });
      sim.device.insertCard(card);
      times.push((await read).readMs);
      sim.device.removeCard();
      while (reader.status.code !== 'OK') await new Promise((r) => setTimeout(r, 10));
    }
  } finally {
    await close();
  }
  return times;
}
