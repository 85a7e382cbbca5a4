import { describe, expect, it } from 'vitest';
import { SimBinding } from '../sim/sim-binding.ts';
import { SerialTransport } from '../transport/serial-transport.ts';
import { layoutReceipt } from './layout/receipt.ts';
import { SAMPLE_RECEIPT } from './layout/sample-receipt.ts';
import { EscPosPrinterAdapter } from './printer-adapter.ts';
import { renderReceiptText, VirtualEscPosPrinter, type RenderedReceipt } from './sim/virtual-printer.ts';
import { until } from '../../test/support/until.ts';

const PATH = '/dev/sim/printer';


async function setup(options: { jobTimeoutMs?: number } = {}) {
  const binding = new SimBinding();
  const receipts: RenderedReceipt[] = [];
  const printer = new VirtualEscPosPrinter({ transmit: (b) => binding.deliver(PATH, b), onReceipt: (r) => receipts.push(r) });
  binding.addPort(PATH, printer, { baudRate: 115200 });
  const adapter = new EscPosPrinterAdapter({
    id: 'printer',
    openTransport: async () => {
      const t = new SerialTransport({ binding, path: PATH, baudRate: 115200 });
      await t.open();
      return t;
    },
    jobTimeoutMs: options.jobTimeoutMs ?? 2000,
    watchIntervalMs: 20,
  });
  const completed: string[] = [];
  adapter.on('outputComplete', ({ jobId }) => completed.push(jobId));
  await adapter.open();
  await adapter.claim();
  await adapter.enable();
  return { binding, printer, adapter, receipts, completed };
}

const job = () => layoutReceipt(SAMPLE_RECEIPT).encode();

describe('ESC/POS printer adapter (virtual printer on the serialport stream)', () => {
  it('prints a receipt and reports it only when the printer confirms it', async () => {
    const { adapter, receipts, completed } = await setup();
    expect(adapter.status).toEqual({ state: 'READY', code: 'OK' });
    const outcome = await adapter.print('job-1', job());
    expect(outcome).toMatchObject({ jobId: 'job-1', alreadyPrinted: false });
    expect(completed).toEqual(['job-1']);
    expect(receipts).toHaveLength(1);
    expect(renderReceiptText(receipts[0]!)).toContain('SL-20261122-000123');
    expect(adapter.statistics().operations).toBe(1);
    await adapter.close();
  });

  it('never prints a job twice', async () => {
    const { adapter, receipts } = await setup();
    await adapter.print('job-1', job());
    const again = await adapter.print('job-1', job());
    expect(again.alreadyPrinted).toBe(true);
    expect(receipts).toHaveLength(1);
    await adapter.close();
  });

  it('refuses to start a job without paper, with the code the UI shows', async () => {
    const { printer, adapter, receipts } = await setup();
    printer.setPaper('out');
    await until(() => adapter.status.code === 'MEDIA_EMPTY');
    expect(adapter.status.state).toBe('UNAVAILABLE');
    await expect(adapter.print('job-1', job())).rejects.toMatchObject({ code: 'E_MEDIA' });
    printer.setPaper('ok');
    await until(() => adapter.status.code === 'OK');
    await adapter.print('job-1', job());
    expect(receipts).toHaveLength(1);
    await adapter.close();
  });

  it('reports paper near end but still prints', async () => {
    const { printer, adapter, receipts } = await setup();
    printer.setPaper('near-end');
    await until(() => adapter.status.code === 'MEDIA_LOW');
    expect(adapter.status.state).toBe('READY');
    await adapter.print('job-1', job());
    expect(receipts).toHaveLength(1);
    await adapter.close();
  });

  it('fails a job interrupted by an open cover, then finishes it once on retry without printing twice', async () => {
    const { printer, adapter, receipts, completed } = await setup();
    const bytes = job();
    const attempt = adapter.print('job-1', bytes);
    printer.setCoverOpen(true);
    await expect(attempt).rejects.toMatchObject({ code: 'E_MEDIA' });
    expect(adapter.status).toMatchObject({ state: 'UNAVAILABLE', code: 'COVER_OPEN' });
    expect(completed).toEqual([]);
    printer.setCoverOpen(false);
    const retry = await adapter.print('job-1', bytes);
    expect(retry.alreadyPrinted).toBe(false);
    expect(completed).toEqual(['job-1']);
    // The printer finished the interrupted attempt; the retry waited for it instead of resending.
    expect(receipts).toHaveLength(1);
    await adapter.close();
  });

  it('prints a test slip on an external health check', async () => {
    const { adapter, receipts } = await setup();
    const health = await adapter.checkHealth('external');
    expect(health).toMatchObject({ ok: true, level: 'external' });
    expect(health.text).toContain('test slip printed');
    expect(renderReceiptText(receipts[0]!)).toContain('打印机自检');
    expect((await adapter.checkHealth('internal')).text).not.toContain('test slip');
    expect(receipts).toHaveLength(1);
    await adapter.close();
  });

  it('reports a cutter error as a hardware error', async () => {
    const { printer, adapter } = await setup();
    printer.setCutterError(true);
    await until(() => adapter.status.code === 'HARDWARE_ERROR');
    const health = await adapter.checkHealth('internal');
    expect(health.ok).toBe(false);
    expect(health.text).toContain('HARDWARE_ERROR');
    await adapter.close();
  });

  it('goes NOT_REACHABLE when unplugged and fails a job in flight', async () => {
    const { binding, adapter } = await setup();
    binding.unplug(PATH);
    await until(() => adapter.status.code === 'NOT_REACHABLE');
    await expect(adapter.print('job-2', job())).rejects.toBeInstanceOf(Error);
    await adapter.close();
  });
});
