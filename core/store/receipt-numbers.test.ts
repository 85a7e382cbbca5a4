import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { formatReceiptNumber, NEXT_SEQUENCE_SQL, receiptDay } from './receipt-numbers.ts';
import { DRIVER_PATH, openTempStore, runNode, TempDirs, writeScript } from './test-helpers.ts';

const dirs = new TempDirs();
afterEach(() => dirs.cleanup());

describe('receiptDay / formatReceiptNumber', () => {
  it('dates by the Beijing calendar day whatever the process time zone', () => {
    expect(receiptDay(Date.UTC(2026, 0, 1, 15, 59, 59))).toBe('20260101');
    expect(receiptDay(Date.UTC(2026, 0, 1, 16, 0, 0))).toBe('20260102');
    expect(receiptDay(new Date(Date.UTC(2025, 11, 31, 16, 0, 0)))).toBe('20260101');
    expect(() => receiptDay(Number.NaN)).toThrow('not a valid date');
  });

  it('pads the sequence to six digits', () => {
    expect(formatReceiptNumber('K01', '20260305', 7)).toBe('SL-K01-20260305-000007');
    expect(formatReceiptNumber('K01', '20260305', 999999)).toBe('SL-K01-20260305-999999');
  });
});

// A plain ES module so the children need no TypeScript loader: it runs exactly the store's allocating SQL.
const ALLOCATOR = `
import { createRequire } from 'node:module';
const [driver, file, kiosk, day, count, sql] = process.argv.slice(2);
const Database = createRequire(import.meta.url)(driver);
const db = new Database(file, { timeout: 20000 });
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
const next = db.prepare(sql).pluck();
const allocate = db.transaction(() => next.get(kiosk, day));
const out = [];
for (let i = 0; i < Number(count); i++) out.push(allocate.immediate());
db.close();
process.stdout.write(JSON.stringify(out));
`;

describe('receipt sequence across processes', () => {
  it('hands out unique, gap-free numbers to concurrent writer processes', async () => {
    const { store, dir } = await openTempStore(dirs);
    store.close();
    const script = await writeScript(dir, 'allocate.mjs', ALLOCATOR);
    const args = [DRIVER_PATH, join(dir, 'kiosk.db'), 'K01', '20260305', '100', NEXT_SEQUENCE_SQL];
    const outputs = await Promise.all(Array.from({ length: 4 }, () => runNode(script, args)));
    const all = outputs.flatMap((text) => JSON.parse(text) as number[]).sort((a, b) => a - b);
    expect(all).toEqual(Array.from({ length: 400 }, (_, i) => i + 1));
  }, 30_000);
});
