/**
 * Schema version 3 rebuilds the outbox (new states, bundle code, ID hash, delivery time). A kiosk upgraded
 * with submissions still queued must keep every one of them, in order, deliverable, and lose the payload
 * of the ones already delivered.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { seal } from './crypto.ts';
import { openStore, STORE_FILE } from './database.ts';
import { applyMigrations, STORE_MIGRATIONS } from './migrations.ts';
import { outboxAad } from './outbox.ts';
import { readAllFiles, staticKeyProvider, TempStores } from './test-helpers.ts';

const dirs = new TempStores();
afterEach(() => dirs.cleanup());

const ID_NUMBER = '11010519491231002X';

interface OldRow {
  key: string;
  state: 'pending' | 'sending' | 'failed' | 'delivered';
  attempts: number;
  sealedWith?: Buffer;
}

describe('migration 3 from a version-2 store with rows in it', () => {
  it('keeps every row in order, indexes the readable ones and wipes delivered payloads', async () => {
    const dir = await dirs.make();
    const key = randomBytes(32);
    const old = new BetterSqlite3(join(dir, STORE_FILE));
    old.pragma('journal_mode = WAL');
    expect(applyMigrations(old, STORE_MIGRATIONS.slice(0, 2), () => 1)).toEqual([1, 2]);
    const rows: OldRow[] = [
      { key: randomUUID(), state: 'delivered', attempts: 1 },
      { key: randomUUID(), state: 'pending', attempts: 0 },
      { key: randomUUID(), state: 'failed', attempts: 3 },
      { key: randomUUID(), state: 'sending', attempts: 1 },
      { key: randomUUID(), state: 'pending', attempts: 0, sealedWith: randomBytes(32) },
    ];
    const insert = old.prepare(`INSERT INTO outbox (idempotency_key, receipt_number, catalog_version, payload, state, attempts,
      next_attempt_at, case_numbers_json, created_at, updated_at) VALUES (?, ?, 'abcdefabcdef', ?, ?, ?, ?, ?, ?, ?)`);
    const deliveredPayload = seal(JSON.stringify({ bundleCode: 'B0', applicant: { idNumber: ID_NUMBER } }), key, outboxAad(rows[0]!.key));
    rows.forEach((row, i) => {
      const record = { bundleCode: `B${i}`, applicant: { idNumber: ID_NUMBER, name: '张三' } };
      const payload = i === 0 ? deliveredPayload : seal(JSON.stringify(record), row.sealedWith ?? key, outboxAad(row.key));
      insert.run(row.key, `SL-K01-20260305-00000${i + 1}`, payload, row.state, row.attempts, 100 - i, row.state === 'delivered' ? '{"x":"BJ1"}' : null, 10 + i, 20 + i);
    });
    old.prepare(`INSERT INTO receipt_sequences VALUES ('K01', '20260305', 5)`).run();
    old.close();

    const store = await openStore({ dir, keyProvider: staticKeyProvider(key), now: () => 1_000 });
    dirs.track(store);
    expect(store.schemaVersion()).toBe(STORE_MIGRATIONS.at(-1)!.version);
    const entries = rows.map((row) => store.outbox.get(row.key)!);
    expect(entries.map((e) => [e.state, e.attempts, e.hasPayload, e.bundleCode])).toEqual([
      ['delivered', 1, false, undefined],
      ['pending', 0, true, 'B1'],
      ['failed', 3, true, 'B2'],
      ['sending', 1, true, 'B3'],
      ['parked', 0, true, undefined],
    ]);
    // Sealed under another key: set aside at open (schema 4's key check), its payload kept sealed.
    expect(entries[4]!.lastError).toBe('store:E_DECRYPT');
    expect(store.keyCheck.setAside.map((r) => r.receiptNumber)).toEqual(['SL-K01-20260305-000005']);
    expect(entries[0]).toMatchObject({ deliveredAt: 20, caseNumbers: { x: 'BJ1' } });
    expect(store.outbox.byIdNumber(ID_NUMBER).map((e) => e.idempotencyKey)).toEqual([rows[3]!.key, rows[2]!.key, rows[1]!.key]);
    expect(store.outbox.nextReceiptNumber('K01', Date.UTC(2026, 2, 5, 2))).toBe('SL-K01-20260305-000006');

    // Queue order is kept: the rows come out by due time, then by their old rowid.
    expect(store.outbox.requeueInterrupted()).toBe(1);
    const claimed = store.outbox.claimDue(10);
    expect(claimed.map((c) => c.idempotencyKey)).toEqual([rows[3]!.key, rows[2]!.key, rows[1]!.key]);
    expect(claimed[2]!.openPayload()).toMatchObject({ bundleCode: 'B1' });

    // The delivered row's sealed payload is gone from the file and the WAL, not just unlinked.
    const needle = Buffer.from(deliveredPayload.subarray(20, 44));
    for (const file of await readAllFiles(dir)) expect(file.bytes.includes(needle), file.path).toBe(false);
  });
});
