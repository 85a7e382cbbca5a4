import { describe, expect, it } from 'vitest';
import { BaseDeviceAdapter, READY } from '../contract/base-adapter.ts';
import type { DeviceStatus, HealthResult } from '../contract/device.ts';
import { TimeoutError } from '../contract/errors.ts';
import { SimBinding } from '../sim/sim-binding.ts';
import { SerialTransport } from '../transport/serial-transport.ts';
import { backoffDelay, DeviceSupervisor } from './supervisor.ts';
import { until } from '../../test/support/until.ts';

/** A minimal adapter: claimed when the device answers a ping byte with 0x06. */
class PingAdapter extends BaseDeviceAdapter {
  private transport: SerialTransport | undefined;
  constructor(private readonly binding: SimBinding) {
    super({ id: 'ping', kind: 'printer' });
  }
  protected async onOpen() {
    const t = new SerialTransport({ binding: this.binding, path: '/dev/sim-ping', baudRate: 9600 });
    await t.open();
    t.onClose((info) => {
      if (info.disconnected) this.lostLink(info.error);
    });
    this.transport = t;
  }
  protected async onClaim() {
    const t = this.transport!;
    const answer = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new TimeoutError('no ping answer')), 200);
      const off = t.onData((b) => {
        if (b[0] === 0x06) {
          clearTimeout(timer);
          off();
          resolve();
        }
      });
    });
    await t.write(Uint8Array.of(0x05), 200);
    await answer;
    this.setStatus(READY);
  }
  protected async onClose() {
    await this.transport?.close();
    this.transport = undefined;
  }
  async checkHealth(): Promise<HealthResult> {
    return { level: 'internal', ok: this.status.state === 'READY', text: 'ping', status: this.status };
  }
}


function setup() {
  const binding = new SimBinding();
  binding.addPort('/dev/sim-ping', { receive: (b) => b[0] === 0x05 && binding.deliver('/dev/sim-ping', Uint8Array.of(0x06)) });
  const adapter = new PingAdapter(binding);
  const statuses: DeviceStatus[] = [];
  adapter.on('status', (s) => statuses.push(s));
  const supervisor = new DeviceSupervisor(adapter, { backoff: { initialMs: 10, maxMs: 50 } });
  return { binding, adapter, statuses, supervisor };
}

describe('DeviceSupervisor', () => {
  it('brings a device up, loses it on unplug, and brings it back without a restart', async () => {
    const { binding, adapter, statuses, supervisor } = setup();
    await supervisor.start();
    expect(adapter.status).toEqual(READY);
    expect(adapter.enabled).toBe(true);

    binding.unplug('/dev/sim-ping');
    await until(() => adapter.status.code === 'NOT_REACHABLE');
    expect(adapter.status.state).toBe('UNAVAILABLE');
    await new Promise((r) => setTimeout(r, 80));
    expect(adapter.status.code).toBe('NOT_REACHABLE');

    binding.plug('/dev/sim-ping');
    await until(() => adapter.status.code === 'OK');
    expect(adapter.statistics().disconnects).toBe(1);
    expect(statuses.map((s) => s.code)).toEqual(['OK', 'NOT_REACHABLE', 'OK']);
    await supervisor.stop();
    expect(adapter.state).toBe('closed');
  });

  it('keeps retrying a device that is absent at start', async () => {
    const { binding, adapter, supervisor } = setup();
    binding.unplug('/dev/sim-ping');
    await supervisor.start();
    expect(adapter.state).toBe('closed');
    expect(adapter.status.code).toBe('NOT_REACHABLE');
    binding.plug('/dev/sim-ping');
    await until(() => adapter.status.code === 'OK');
    await supervisor.stop();
  });

  it('backs off exponentially with bounded jitter', () => {
    const b = { initialMs: 100, maxMs: 1000 };
    expect(backoffDelay(0, b, () => 0.5)).toBe(100);
    expect(backoffDelay(3, b, () => 0.5)).toBe(800);
    expect(backoffDelay(10, b, () => 0.5)).toBe(1000);
    expect(backoffDelay(10, b, () => 0)).toBe(800);
    expect(backoffDelay(10, b, () => 1)).toBe(1200);
  });
});
