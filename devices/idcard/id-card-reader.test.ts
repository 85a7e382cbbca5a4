import { describe, expect, it } from 'vitest';
import type { DeviceStatus } from '../contract/device.ts';
import { SimBinding, type SimulatedDevice } from '../sim/sim-binding.ts';
import { SerialTransport } from '../transport/serial-transport.ts';
import { IdCardReaderAdapter, type IdCardRead } from './id-card-reader.ts';
import { VirtualSamReader, type VirtualSamOptions } from './sim/virtual-sam.ts';
import { sampleCard as card } from '../../test/support/pty-reader.ts';
import { until } from '../../test/support/until.ts';

const PATH = '/dev/sim/idcard';



/** The reader's end of the line, between the host and the SAM: what a test does to the link happens here. */
type Line = (sam: VirtualSamReader) => SimulatedDevice;

async function setup(options: { deviceBaud?: number; sam?: Partial<VirtualSamOptions>; today?: Date; line?: Line } = {}) {
  const binding = new SimBinding();
  const sam = new VirtualSamReader({ transmit: (b) => binding.deliver(PATH, b), ...options.sam });
  binding.addPort(PATH, options.line?.(sam) ?? sam, { baudRate: options.deviceBaud ?? 115200 });
  const reader = new IdCardReaderAdapter({
    id: 'idCardReader',
    openTransport: async (baudRate) => {
      const t = new SerialTransport({ binding, path: PATH, baudRate });
      await t.open();
      return t;
    },
    pollIntervalMs: 20,
    today: () => options.today ?? new Date('2026-11-22T10:00:00+08:00'),
  });
  const reads: IdCardRead[] = [];
  const errors: Error[] = [];
  const statuses: DeviceStatus[] = [];
  reader.on('data', (r) => reads.push(r));
  reader.on('error', (e) => errors.push(e));
  reader.on('status', (s) => statuses.push(s));
  await reader.open();
  await reader.claim();
  await reader.enable();
  return { binding, sam, reader, reads, errors, statuses };
}

describe('ID-card reader adapter (virtual SAM reader on the serialport stream)', () => {
  it('reads a resident ID card once per presence and validates it', async () => {
    const { sam, reader, reads } = await setup();
    expect(reader.status).toEqual({ state: 'READY', code: 'OK' });
    sam.insertCard(card('resident-zhang-san.json'));
    await until(() => reads.length === 1);
    const [read] = reads;
    expect(read!.card).toMatchObject({ type: 'resident', name: '张三', idNumber: '11010519491231002X' });
    expect(read!.valid).toBe(true);
    expect(read!.photoWlt).toHaveLength(1024);
    expect(read!.frameBytes).toBe(1295);
    // Still on the reader: no second read.
    await new Promise((r) => setTimeout(r, 150));
    expect(reads).toHaveLength(1);
    expect(reader.status.code).toBe('MEDIA_PRESENT');
    sam.removeCard();
    await until(() => reader.status.code === 'OK');
    sam.insertCard(card('resident-zhang-san.json'));
    await until(() => reads.length === 2);
    await reader.close();
  });

  it('reads the card still on the reader once more when asked to', async () => {
    const { sam, reader, reads } = await setup();
    sam.insertCard(card('resident-zhang-san.json'));
    await until(() => reads.length === 1);
    reader.readAgain();
    await until(() => reads.length === 2);
    await new Promise((r) => setTimeout(r, 150));
    expect(reads).toHaveLength(2);
    await reader.close();
  });

  it('also reads once per presence from readers whose find fails after a read', async () => {
    const { sam, reader, reads } = await setup({ sam: { findFailsAfterRead: true } });
    sam.insertCard(card('resident-zhang-san.json'));
    await until(() => reads.length === 1);
    await new Promise((r) => setTimeout(r, 200));
    expect(reads).toHaveLength(1);
    await reader.close();
  });

  it('reads all four document types', async () => {
    const { sam, reader, reads } = await setup();
    const files = ['resident-zhang-san.json', 'hmt-permit.json', 'foreign-2017.json', 'foreign-2023.json'];
    for (const [i, file] of files.entries()) {
      sam.insertCard(card(file));
      await until(() => reads.length === i + 1);
      sam.removeCard();
      await until(() => reader.status.code === 'OK');
    }
    expect(reads.map((r) => r.card.type)).toEqual(['resident', 'hmt-permit', 'foreign-2017', 'foreign-2023']);
    await reader.close();
  });

  it('reports an expired card as read but invalid, with a readable problem', async () => {
    const { sam, reader, reads } = await setup();
    sam.insertCard(card('resident-expired.json'));
    await until(() => reads.length === 1);
    expect(reads[0]!.valid).toBe(false);
    expect(reads[0]!.problems.map((p) => p.code)).toContain('expired');
    await reader.close();
  });

  it('falls back to 9600 baud when the reader does not answer at 115200', async () => {
    const { sam, reader, reads } = await setup({ deviceBaud: 9600 });
    expect(reader.status.code).toBe('OK');
    sam.insertCard(card('resident-zhang-san.json'));
    await until(() => reads.length === 1, 5000);
    await reader.close();
  });

  it('reports read and authentication failures as errors, not as cards, and recovers', async () => {
    const { sam, reader, reads, errors } = await setup();
    sam.setFault('read-failure');
    sam.insertCard(card('resident-zhang-san.json'));
    await until(() => errors.length >= 1);
    expect(errors[0]).toMatchObject({ code: 'E_MEDIA' });
    expect(reads).toHaveLength(0);
    sam.setFault('auth-failure');
    sam.removeCard();
    sam.insertCard(card('resident-zhang-san.json'));
    await until(() => errors.some((e) => /authenticat/i.test(e.message)));
    sam.setFault('none');
    sam.removeCard();
    await until(() => reader.status.code === 'OK');
    sam.insertCard(card('resident-zhang-san.json'));
    await until(() => reads.length === 1);
    await reader.close();
  });

  it('handles a card removed mid-read and garbage on the line', async () => {
    const { sam, reader, reads, errors } = await setup();
    sam.setFault('remove-mid-read');
    sam.insertCard(card('resident-zhang-san.json'));
    await until(() => errors.length >= 1);
    expect(reads).toHaveLength(0);
    await until(() => reader.status.code === 'OK');
    sam.setFault('garbage');
    sam.insertCard(card('resident-zhang-san.json'));
    await until(() => reads.length === 1);
    expect(reads[0]!.card).toMatchObject({ name: '张三' });
    await reader.close();
  });

  it('reports the SAM status and id on a health check', async () => {
    const { reader } = await setup();
    const health = await reader.checkHealth('internal');
    expect(health.ok).toBe(true);
    expect(health.text).toMatch(/SAM status: .*, SAM 05\.01-/);
    await reader.close();
  });

  it('is ready again by itself when a reader that stopped answering answers, the card still on it and not read twice', async () => {
    const line = { silent: false };
    const { sam, reader, reads } = await setup({ line: (device) => ({ receive: (bytes) => void (line.silent || device.receive(bytes)) }) });
    sam.insertCard(card('resident-zhang-san.json'));
    await until(() => reads.length === 1);
    line.silent = true;
    await until(() => reader.status.code === 'NOT_RESPONDING', 5000);
    line.silent = false;
    await until(() => reader.status.code !== 'NOT_RESPONDING', 2000, 'the reader ready again with the card on it');
    expect(reader.status).toEqual({ state: 'READY', code: 'MEDIA_PRESENT' });
    expect(reads).toHaveLength(1);
    sam.removeCard();
    await until(() => reader.status.code === 'OK');
    sam.insertCard(card('resident-zhang-san.json'));
    await until(() => reads.length === 2);
    await reader.close();
  }, 10_000);

  it('does not hold a stalled kiosk against the reader: the card stays read and the reader ready', async () => {
    // The host blocks its event loop right after sending a command (a flood of work): the SAM's answer waits
    // in the buffer until the loop runs again, after the command's timer.
    const line = { stalls: 0 };
    const stall = (ms: number) => {
      const end = performance.now() + ms;
      while (performance.now() < end);
    };
    const { sam, reader, reads, errors, statuses } = await setup({
      line: (device) => ({
        receive: (bytes) => {
          if (line.stalls === 0) return device.receive(bytes);
          line.stalls -= 1;
          stall(1_400);
          setTimeout(() => device.receive(bytes), 0);
        },
      }),
    });
    sam.insertCard(card('resident-zhang-san.json'));
    await until(() => reads.length === 1);
    const seen = statuses.length;
    line.stalls = 2;
    await until(() => line.stalls === 0, 10_000);
    await new Promise((r) => setTimeout(r, 200));
    expect(statuses.slice(seen).map((s) => s.code)).not.toContain('NOT_RESPONDING');
    expect(reader.status).toEqual({ state: 'READY', code: 'MEDIA_PRESENT' });
    expect(errors.filter((e) => e.name === 'TimeoutError')).toEqual([]);
    expect(reads).toHaveLength(1);
    await reader.close();
  }, 15_000);

  it('goes NOT_REACHABLE when unplugged', async () => {
    const { binding, reader } = await setup();
    binding.unplug(PATH);
    await until(() => reader.status.code === 'NOT_REACHABLE');
    expect(reader.statistics().disconnects).toBe(1);
    await reader.close();
  });

  it('refuses to claim a port where no reader answers', async () => {
    const binding = new SimBinding();
    binding.addPort(PATH, { receive: () => undefined });
    const reader = new IdCardReaderAdapter({
      id: 'idCardReader',
      openTransport: async (baudRate) => {
        const t = new SerialTransport({ binding, path: PATH, baudRate });
        await t.open();
        return t;
      },
    });
    await reader.open();
    await expect(reader.claim()).rejects.toMatchObject({ code: 'E_NOHARDWARE' });
    await reader.close();
  }, 10_000);
});
