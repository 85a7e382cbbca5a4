/**
 * Kill -9 while writing: a plain-JS child writes sealed sessions and outbox rows (made by the real
 * `seal`) in transactions, acknowledging each commit on stdout, and is SIGKILLed mid-stream. The store
 * must then reopen cleanly with every acknowledged transaction intact and no transaction half-applied.
 */
import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { fileKeyProvider, seal } from './crypto.ts';
import { openStore } from './database.ts';
import { outboxAad } from './outbox.ts';
import { sessionAad } from './sessions.ts';
import { DRIVER_PATH, TempDirs, writeScript } from './test-helpers.ts';

const dirs = new TempDirs();
afterEach(() => dirs.cleanup());

const ROWS = 5000;

const WRITER = `
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
const [driver, file, rowsFile] = process.argv.slice(2);
const Database = createRequire(import.meta.url)(driver);
const db = new Database(file, { timeout: 5000 });
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
const rows = JSON.parse(readFileSync(rowsFile, 'utf8'));
const insertSession = db.prepare(
  'INSERT INTO sessions (id, machine_version, state_json, updated_at, created_at) VALUES (?, 1, ?, ?, ?)');
const insertOutbox = db.prepare(\`INSERT INTO outbox (idempotency_key, receipt_number, catalog_version, payload,
  state, attempts, next_attempt_at, created_at, updated_at) VALUES (?, ?, 'c1', ?, 'pending', 0, 0, ?, ?)\`);
const touch = db.prepare('UPDATE sessions SET updated_at = updated_at + 1 WHERE id = ?');
const write = db.transaction((row, i) => {
  insertSession.run(row.id, Buffer.from(row.session, 'base64'), i, i);
  insertOutbox.run(row.key, row.receipt, Buffer.from(row.payload, 'base64'), i, i);
});
let i = db.prepare('SELECT count(*) FROM sessions').pluck().get();
for (;;) {
  if (i < rows.length) write(rows[i], i);
  else touch.run(rows[i % rows.length].id);
  // Written only after the commit returned: an acknowledged row is a committed row.
  process.stdout.write(i + '\\n');
  i++;
}
`;

interface Round {
  readonly maxAcked: number;
  readonly signal: NodeJS.Signals | null;
}

function killAfter(script: string, args: readonly string[], acks: number): Promise<Round> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let seen = 0;
    let maxAcked = -1;
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    createInterface({ input: child.stdout }).on('line', (line) => {
      maxAcked = Math.max(maxAcked, Number(line));
      seen += 1;
      if (seen === acks) child.kill('SIGKILL');
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`writer exited by itself (code ${code}): ${stderr}`));
      else resolve({ maxAcked, signal });
    });
  });
}

describe('crash safety', () => {
  it('reopens cleanly after SIGKILL mid-write, with every committed transaction whole', async () => {
    const dir = await dirs.make();
    const keyFile = join(dir, 'store.key');
    const store = await openStore({ dir, keyProvider: fileKeyProvider(keyFile) });
    store.close();
    const key = await fileKeyProvider(keyFile).getKey();
    const rows = Array.from({ length: ROWS }, (_, i) => {
      const id = `s-${i}`;
      const keyName = `k-${i}`;
      const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
      return {
        id,
        key: keyName,
        receipt: `SL-K01-20260305-${String(i + 1).padStart(6, '0')}`,
        session: b64(seal(JSON.stringify({ i, value: 'submit' }), key, sessionAad(id))),
        payload: b64(seal(JSON.stringify({ i, form: 'x'.repeat(i % 700) }), key, outboxAad(keyName))),
      };
    });
    const rowsFile = join(dir, 'rows.json');
    await writeFile(rowsFile, JSON.stringify(rows));
    const script = await writeScript(dir, 'writer.mjs', WRITER);

    for (let round = 0; round < 3; round++) {
      const { maxAcked } = await killAfter(script, [DRIVER_PATH, join(dir, 'kiosk.db'), rowsFile], 20 + Math.floor(Math.random() * 200));
      const reopened = await openStore({ dir, keyProvider: fileKeyProvider(keyFile) });
      try {
        expect(reopened.integrityProblems()).toEqual([]);
        const sessionIds = reopened.db.prepare('SELECT id FROM sessions ORDER BY rowid').pluck().all() as string[];
        const outboxKeys = reopened.db.prepare('SELECT idempotency_key FROM outbox ORDER BY rowid').pluck().all() as string[];
        // Whole transactions only: the same prefix in both tables, covering every acknowledged commit.
        expect(sessionIds).toEqual(Array.from({ length: sessionIds.length }, (_, i) => `s-${i}`));
        expect(outboxKeys).toEqual(sessionIds.map((id) => `k-${id.slice(2)}`));
        expect(sessionIds.length).toBeGreaterThan(Math.min(maxAcked, ROWS - 1));
        for (const id of sessionIds) expect(reopened.sessions.load(id)?.snapshot).toEqual({ i: Number(id.slice(2)), value: 'submit' });
        const pending = reopened.outbox.pending(ROWS);
        expect(pending.map((p) => (p.payload as { i: number }).i)).toEqual(sessionIds.map((_, i) => i));
      } finally {
        reopened.close();
      }
    }
  }, 60_000);
});
