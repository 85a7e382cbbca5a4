/** The ID-card reader adapter over the real native serialport binding, against the virtual SAM on a pty. */
import { describe, expect, it } from 'vitest';
import type { IdCardRead } from '../../devices/idcard/id-card-reader.ts';
import { ptyPairAvailable } from '../support/pty-pair.ts';
import { openPtyReader, sampleCard } from '../support/pty-reader.ts';
import { until } from '../support/until.ts';

describe.runIf(ptyPairAvailable())('ID-card reader over a pty with the native serial binding', () => {
  it('reads a card at UART speed and notices the link going away', async () => {
    const { reader, sim, pair, close } = await openPtyReader(115200, 50);
    try {
      const reads: IdCardRead[] = [];
      reader.on('data', (r) => reads.push(r));
      sim.device.insertCard(sampleCard('resident-zhang-san.json'));
      await until(() => reads.length === 1, 5000);
      expect(reads[0]!.card).toMatchObject({ idNumber: '11010519491231002X' });
      // Paced at 115200 baud, the 1295-byte frame alone needs about 112 ms on the wire.
      expect(reads[0]!.readMs).toBeGreaterThanOrEqual(100);

      // Pulling the cable: the pty pair goes away under the open port.
      await sim.close();
      await pair.close();
      await until(() => reader.status.state === 'UNAVAILABLE', 5000);
    } finally {
      await close();
    }
  });
});
