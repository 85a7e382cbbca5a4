import { describe, expect, it } from 'vitest';
import { StoreError } from './errors.ts';
import { StorageAlarm } from './storage-alarm.ts';

describe('the storage alarm', () => {
  it('raises once per kind of failure, clears on the next write that succeeds, and ignores what staff cannot fix', () => {
    let now = 1_000;
    const changes: unknown[] = [];
    const alarm = new StorageAlarm((alert) => changes.push(alert && { code: alert.code, since: alert.since }), () => now);
    alarm.report(null);
    alarm.report(new StoreError('E_INVALID', 'the payload is not JSON'));
    alarm.report(new Error('a bug'));
    expect(changes).toEqual([]);

    alarm.report(new StoreError('E_FULL', 'committing the submission failed: the disk is full [SQLITE_FULL]'));
    now = 2_000;
    alarm.report(new StoreError('E_FULL', 'saving the session snapshot failed: the disk is full [SQLITE_FULL]'));
    expect(changes).toEqual([{ code: 'storage-full', since: 1_000 }]);
    expect(alarm.alert?.detail).toBe('committing the submission failed: the disk is full [SQLITE_FULL]');

    alarm.report(new StoreError('E_IO', 'saving the session snapshot failed: disk I/O error [SQLITE_IOERR_WRITE]'));
    alarm.report(null);
    alarm.report(null);
    expect(changes).toEqual([{ code: 'storage-full', since: 1_000 }, { code: 'storage-failing', since: 2_000 }, null]);
    expect(alarm.alert).toBeNull();
  });

  it('keeps a long message within what the heartbeat carries', () => {
    const alarm = new StorageAlarm(() => undefined);
    alarm.report(new StoreError('E_FULL', 'x'.repeat(500)));
    expect(alarm.alert?.detail).toHaveLength(200);
  });
});
