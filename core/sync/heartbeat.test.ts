import { describe, expect, it } from 'vitest';
import type { HeartbeatRequest, KioskAlert } from '../../backoffice/api/schemas.ts';
import type { Clock } from './clock.ts';
import { Heartbeat, heartbeatRequest, type HeartbeatState } from './heartbeat.ts';

const EMPTY = { pending: 0, parked: 0, oldestUndeliveredAt: null };
const FULL: KioskAlert = { code: 'storage-full', since: 1_000, detail: 'committing the submission failed: the disk is full [SQLITE_FULL]' };

function state(alerts: readonly KioskAlert[] = []): HeartbeatState {
  return { software: 'hall-kiosk 0.1.0', catalogVersion: 'aaaaaaaaaaaa', refusedCatalog: null, devices: [], queue: { submissions: EMPTY, messages: EMPTY }, alerts };
}

/** Timers the test fires by hand. */
function handClock(): Clock & { fire(): void; readonly pending: number } {
  let timers: (() => void)[] = [];
  return {
    now: () => 5_000,
    schedule(fn) {
      timers.push(fn);
      return () => void (timers = timers.filter((t) => t !== fn));
    },
    fire() {
      const due = timers;
      timers = [];
      for (const fn of due) fn();
    },
    get pending() {
      return timers.length;
    },
  };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('the heartbeat', () => {
  it('carries the alerts the kiosk raised, within the API’s limits', () => {
    const many = Array.from({ length: 12 }, (_, i) => ({ ...FULL, since: i, detail: 'd'.repeat(300) }));
    const request = heartbeatRequest(state(many), 7);
    expect(request.alerts).toHaveLength(8);
    expect(request.alerts![0]!.detail).toHaveLength(200);
    expect(heartbeatRequest(state(), 7).alerts).toEqual([]);
  });

  it('beats at once when an alert is raised, then goes on at its interval without a second chain of beats', async () => {
    const sent: HeartbeatRequest[] = [];
    let alerts: KioskAlert[] = [];
    const clock = handClock();
    const heartbeat = new Heartbeat({
      client: { postHeartbeat: async (request) => (sent.push(request), { kind: 'ok', value: { catalogVersion: null, serverTime: 5_000 } }) },
      intervalMs: 60_000,
      state: () => state(alerts),
      onAck: () => undefined,
      clock,
    });
    heartbeat.beatNow();
    expect(sent).toHaveLength(0);
    heartbeat.start();
    await settle();
    expect(sent).toHaveLength(1);
    expect(clock.pending).toBe(1);

    alerts = [FULL];
    heartbeat.beatNow();
    await settle();
    expect(sent.map((r) => r.alerts)).toEqual([[], [FULL]]);
    expect(clock.pending).toBe(1);
    clock.fire();
    await settle();
    expect(sent).toHaveLength(3);
    expect(clock.pending).toBe(1);

    // Raised and cleared while a beat is on its way: both sent, one chain goes on.
    heartbeat.beatNow();
    alerts = [];
    heartbeat.beatNow();
    await settle();
    expect(sent.slice(3).map((r) => r.alerts)).toEqual([[FULL], []]);
    expect(clock.pending).toBe(1);

    heartbeat.stop();
    heartbeat.beatNow();
    await settle();
    expect(sent).toHaveLength(5);
    expect(clock.pending).toBe(0);
  });
});
