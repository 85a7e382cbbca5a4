import { expect, it } from 'vitest';
import { MIGRATIONS } from './migrations.ts';
import { migrate, SchemaError } from './migrate.ts';
import { describeEachDatabase } from './test-databases.ts';

describeEachDatabase('migrations', (target) => {
  it('apply once when several instances start at the same time', async () => {
    const connections = await Promise.all([target.connect(), target.connect(), target.connect()]);
    const ran = await Promise.all(connections.map((db) => migrate(db)));
    expect(ran.flat()).toEqual(MIGRATIONS.map((m) => m.version));
    const db = connections[0]!;
    expect(await db.query('SELECT version FROM schema_migrations ORDER BY version')).toEqual(MIGRATIONS.map((m) => ({ version: m.version })));
    expect(await migrate(db)).toEqual([]);
  });

  it('refuse a database whose applied migration was edited afterwards', async () => {
    const db = await target.connect();
    const edited = MIGRATIONS.map((m, i) => (i === 0 ? { ...m, sql: `${m.sql}\n-- edited` } : m));
    await expect(migrate(db, edited)).rejects.toThrow(/migration 1 .* was changed after it was applied/);
  });

  it('refuse a database migrated by newer software, and leave it as it was', async () => {
    const db = await target.connect();
    await db.query(`INSERT INTO schema_migrations (version, name, checksum) VALUES (999, 'from the future', 'x')`);
    try {
      await expect(migrate(db)).rejects.toThrow(SchemaError);
      await expect(migrate(db)).rejects.toThrow(/schema version 999, newer than this back office knows/);
    } finally {
      await db.query('DELETE FROM schema_migrations WHERE version = 999');
    }
  });

  it('roll a failing migration back whole', async () => {
    const db = await target.connect();
    const broken = [...MIGRATIONS, { version: MIGRATIONS.length + 1, name: 'broken', sql: 'CREATE TABLE half_done (x int); SELECT no_such_function();' }];
    await expect(migrate(db, broken)).rejects.toThrow(/no_such_function/);
    expect(await db.query(`SELECT to_regclass('half_done') AS t`)).toEqual([{ t: null }]);
    expect(await migrate(db)).toEqual([]);
  });

  it('return the same JS types from both drivers', async () => {
    const db = await target.connect();
    const rows = await db.query('SELECT $1::bigint AS n, $2::bytea AS b, $3::jsonb AS j, $4::text[] AS a, 7::int4 AS i', [
      1_700_000_000_123,
      new Uint8Array([0, 1, 255]),
      JSON.stringify({ k: ['v'] }),
      ['x', 'y'],
    ]);
    const { b, ...rest } = rows[0]!;
    expect(rest).toEqual({ n: 1_700_000_000_123, j: { k: ['v'] }, a: ['x', 'y'], i: 7 });
    // pg's Buffer is a Uint8Array too.
    expect(b).toBeInstanceOf(Uint8Array);
    expect([...(b as Uint8Array)]).toEqual([0, 1, 255]);
  });

  it('commit a transaction that resolves and roll back one that throws', async () => {
    const db = await target.connect();
    await db.exec('CREATE TABLE tx_probe (x int)');
    await db.transaction((tx) => tx.query('INSERT INTO tx_probe VALUES (1)'));
    await expect(
      db.transaction(async (tx) => {
        await tx.query('INSERT INTO tx_probe VALUES (2)');
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect(await db.query('SELECT x FROM tx_probe')).toEqual([{ x: 1 }]);
  });
});
