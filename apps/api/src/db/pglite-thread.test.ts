/**
 * PGlite in a thread of its own (pglite-thread.ts) must answer exactly as PGlite does in this
 * thread: the same values of every type, the same errors (Prisma's adapter tells them by class),
 * the same transactions, and no event-loop block for a long statement. Each check runs on both
 * and compares; the API suites then run on the thread (test/database.ts), as the server does.
 * Runs on PGlite only (the PostgreSQL suite has no embedded engine to compare).
 */
import { PGlite, messages } from '@electric-sql/pglite';
import { Prisma } from '../generated/prisma/client.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEnv } from '../config/env.ts';
import { BytesBlob, pgliteSnapshot } from '../test/database.ts';
import { openDatabase, type Database } from './engine.ts';
import { newId } from './ids.ts';
import { PgliteThread } from './pglite-thread.ts';

const env = readEnv({ NODE_ENV: 'test' });

const SETUP = `
  CREATE TYPE mood AS ENUM ('calm', 'busy');
  CREATE TABLE kinds (
    id int PRIMARY KEY, i2 int2, i8 int8, num numeric(12, 3), f4 real, f8 float8, b bool, t text, vc varchar(20),
    d date, ts timestamp(3), tz timestamptz(3), iv interval, j json, jb jsonb, u uuid, bin bytea,
    ta text[], ia int4[], ja jsonb[], m mood, tza timestamptz[]
  );
  INSERT INTO kinds VALUES
    (1, 7, 9007199254740993, 12345.678, 1.5, 2.25, true, 'Grüße, "quoted"', 'ä', '2026-03-29', '2026-03-29 02:30:00.123',
     '2026-03-29 01:59:59.999+00', '1 day 02:03:04', '{"a": [1, 2]}', '{"b": null}', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11',
     '\\x00ff10', '{"x,y", NULL, "z"}', '{1, 2, 3}', ARRAY['{"k": 1}'::jsonb], 'busy', ARRAY['2026-10-25 00:30:00+00'::timestamptz]),
    (2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
  CREATE TABLE uniq (id int PRIMARY KEY, name text UNIQUE);
`;

type Engine = Pick<PgliteThread, 'query' | 'exec' | 'transaction'>;
let local: PGlite;
let thread: PgliteThread;
const both = (): [string, Engine][] => [['this thread', local as unknown as Engine], ['its own thread', thread]];

describe.skipIf(env.TEST_DATABASE_URL)('PGlite in a thread of its own', () => {
  beforeAll(async () => {
    const snapshot = await pgliteSnapshot('empty');
    local = await PGlite.create({ loadDataDir: snapshot });
    // Small parts, so that the answers below come in several.
    thread = await PgliteThread.start({ loadDataDir: snapshot, chunkRows: 1_000 });
    await local.exec(SETUP);
    await thread.exec(SETUP);
  });
  afterAll(async () => {
    await local?.close();
    await thread?.close();
  });

  it('gives the same values of every type, as objects and as arrays with the caller\'s parsers', async () => {
    const sql = 'SELECT * FROM kinds ORDER BY id';
    const mine = await local.query(sql);
    const theirs = await thread.query(sql);
    expect(theirs.rows).toEqual(mine.rows);
    expect(theirs.fields).toEqual(mine.fields);
    expect(theirs.rows[0]).toMatchObject({ i8: 9007199254740993n, tz: new Date('2026-03-29T01:59:59.999Z'), ta: ['x,y', null, 'z'], ia: [1, 2, 3], jb: { b: null } });
    // As Prisma's adapter asks: arrays of values, with parsers of its own for some types.
    const parsers = { 1184: (value: string) => `tz:${value}`, 1700: (value: string) => `num:${value}` };
    const arrays = await thread.query(sql, [], { rowMode: 'array', parsers });
    expect(arrays.rows).toEqual((await local.query(sql, [], { rowMode: 'array', parsers })).rows);
    expect((arrays.rows[0] as unknown[])[11]).toBe('tz:2026-03-29 01:59:59.999+00');
  });

  it('sends the same parameters, and reports affected rows as PGlite does', async () => {
    const params = [42, 'Ünïcødé', new Date('2026-10-25T00:30:00Z'), { nested: ['a', 1] }, ['p', 'q'], null, 12n];
    const sql = 'SELECT $1::int AS i, $2::text AS t, $3::timestamptz AS tz, $4::jsonb AS j, $5::text[] AS a, $6::text AS n, $7::int8 AS big';
    const { rows } = await thread.query(sql, params);
    expect(rows).toEqual((await local.query(sql, params)).rows);
    expect(rows).toMatchObject([{ i: 42, t: 'Ünïcødé', tz: params[2], j: params[3], a: ['p', 'q'], n: null }]);
    const update = 'UPDATE kinds SET t = t WHERE id IN (1, 2)';
    expect((await thread.query(update)).affectedRows).toBe((await local.query(update)).affectedRows);
    const script = "SELECT 1 AS one; UPDATE kinds SET vc = vc; SELECT 'two' AS two";
    expect(await thread.exec(script)).toEqual(await local.exec(script));
  });

  it('answers a long result in parts that add up to PGlite\'s answer', async () => {
    const sql = "SELECT g AS n, md5(g::text) AS h, timestamptz '2026-03-29 03:00+02' - g * interval '1 minute' AS at FROM generate_series(1, 12345) g";
    const theirs = await thread.query(sql);
    expect(theirs.rows).toHaveLength(12_345);
    expect(theirs.rows).toEqual((await local.query(sql)).rows);
    // And the thread still answers in order after it.
    expect((await thread.query('SELECT 1 AS x')).rows).toEqual([{ x: 1 }]);
  });

  it('keeps the event loop turning while a long statement runs (in this thread it does not turn at all)', async () => {
    const sql = 'SELECT count(*)::int AS n FROM generate_series(1, 3000000) a';
    const turnsDuring = async (engine: Engine) => {
      let turns = 0;
      const timer = setInterval(() => (turns += 1), 1);
      // Let the timer settle: only the turns during the statement count.
      await new Promise((resolve) => setTimeout(resolve, 5));
      const before = turns;
      const { rows } = await engine.query<{ n: number }>(sql);
      const during = turns - before;
      clearInterval(timer);
      expect(rows).toEqual([{ n: 3_000_000 }]);
      return during;
    };
    expect(await turnsDuring(local as unknown as Engine)).toBe(0);
    expect(await turnsDuring(thread)).toBeGreaterThan(0);
  });

  it('rebuilds database errors as PGlite\'s own class, with their fields, and goes on', async () => {
    for (const [, engine] of both()) await engine.query("INSERT INTO uniq VALUES (1, 'a')");
    const failures = await Promise.all(both().map(([, engine]) => engine.query("INSERT INTO uniq VALUES (2, 'a')").catch((err: unknown) => err)));
    for (const err of failures) {
      expect(err).toBeInstanceOf(messages.DatabaseError);
      expect(err).toMatchObject({ code: '23505', constraint: 'uniq_name_key', table: 'uniq', severity: 'ERROR' });
    }
    expect((failures[1] as Error).message).toBe((failures[0] as Error).message);
    const syntax = await thread.query('SELEC 1').catch((err: unknown) => err);
    expect(syntax).toMatchObject({ code: '42601' });
    expect((await thread.query('SELECT count(*)::int AS n FROM uniq')).rows).toEqual([{ n: 1 }]);
  });

  it('commits, rolls back on a throw and on rollback(), and refuses to commit after a failed statement, as PGlite does', async () => {
    for (const [name, engine] of both()) {
      await engine.transaction(async (tx) => {
        await tx.query("INSERT INTO uniq VALUES (10, 'committed')");
      });
      const thrown = await engine
        .transaction(async (tx) => {
          await tx.query("INSERT INTO uniq VALUES (11, 'thrown')");
          throw new Error('the caller changed its mind');
        })
        .catch((err: Error) => err.message);
      expect(thrown, name).toBe('the caller changed its mind');
      await engine.transaction(async (tx) => {
        await tx.query("INSERT INTO uniq VALUES (12, 'rolled back')");
        await tx.rollback();
        expect(tx.closed).toBe(true);
      });
      const aborted = await engine
        .transaction(async (tx) => {
          await tx.query("INSERT INTO uniq VALUES (13, 'a')").catch(() => undefined);
        })
        .catch((err: { code?: string }) => err.code);
      expect(aborted, name).toBe('25P02');
      const { rows } = await engine.query<{ id: number }>('SELECT id FROM uniq WHERE id >= 10 ORDER BY id');
      expect(rows.map((row) => row.id), name).toEqual([10]);
    }
  });

  it('makes a statement outside an open transaction wait for its end, as PGlite\'s lock does', async () => {
    const order: string[] = [];
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const transaction = thread.transaction(async (tx) => {
      await tx.query("INSERT INTO uniq VALUES (20, 'inside')");
      order.push('inserted');
      await held;
      order.push('committing');
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const outside = thread.query<{ n: number }>('SELECT count(*)::int AS n FROM uniq WHERE id = 20').then((result) => {
      order.push('read');
      return result.rows[0]?.n;
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    release();
    await transaction;
    expect(await outside).toBe(1);
    expect(order).toEqual(['inserted', 'committing', 'read']);
  });

  it('dumps its data folder so that PGlite loads it back', async () => {
    const dump = await thread.dumpDataDir('gzip');
    const copy = await PGlite.create({ loadDataDir: dump });
    try {
      expect((await copy.query('SELECT id FROM uniq ORDER BY id')).rows).toEqual((await thread.query('SELECT id FROM uniq ORDER BY id')).rows);
    } finally {
      await copy.close();
    }
  });

  it('starts again and again from one BytesBlob of a dump, gzipped: each start gets its own copy of the bytes', async () => {
    await thread.exec('CREATE TABLE blob_check AS SELECT generate_series(1, 3) AS n');
    const dump = await thread.dumpDataDir('gzip');
    const bytes = Buffer.from(await dump.arrayBuffer());
    const blob = new BytesBlob(bytes, { type: dump.type });
    const read = Buffer.from(await blob.arrayBuffer());
    expect(read.equals(bytes)).toBe(true);
    read[0] = read[0]! ^ 0xff; // a copy: changing it leaves the blob's bytes as they were
    expect(Buffer.from(await blob.arrayBuffer()).equals(bytes)).toBe(true);
    for (let i = 0; i < 2; i++) { // the first start hands its bytes to the thread (transferred): the second needs its own
      const copy = await PgliteThread.start({ loadDataDir: blob });
      try {
        expect((await copy.query<{ n: number }>('SELECT n FROM blob_check ORDER BY n')).rows).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
      } finally {
        await copy.close();
      }
    }
  });
});

describe.skipIf(env.TEST_DATABASE_URL)('the server\'s embedded database on its own thread', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openDatabase({ kind: 'pglite', loadDataDir: await pgliteSnapshot('migrated') });
  });
  afterAll(async () => {
    await db?.close();
  });

  it('gives Prisma its error codes and interactive transactions', async () => {
    const id = newId();
    await db.prisma.organization.create({ data: { id, name: 'Thread Ltd', timeZone: 'Europe/Berlin', currency: 'EUR' } });
    const email = 'twice@thread.example';
    await db.prisma.user.create({ data: { id: newId(), organizationId: id, email, name: 'One' } });
    const duplicate = await db.prisma.user.create({ data: { id: newId(), organizationId: id, email, name: 'Two' } }).catch((err: unknown) => err);
    expect(duplicate).toBeInstanceOf(Prisma.PrismaClientKnownRequestError);
    expect((duplicate as Prisma.PrismaClientKnownRequestError).code).toBe('P2002');
    const rolledBack = await db.prisma
      .$transaction(async (tx) => {
        await tx.customer.create({ data: { id: newId(), organizationId: id, name: 'Gone' } });
        throw new Error('no');
      })
      .catch((err: Error) => err.message);
    expect(rolledBack).toBe('no');
    await db.prisma.$transaction(async (tx) => {
      await tx.customer.create({ data: { id: newId(), organizationId: id, name: 'Kept' } });
    });
    expect((await db.prisma.customer.findMany({ where: { organizationId: id } })).map((c) => c.name)).toEqual(['Kept']);
  });

  it('refuses statements once closed, with a clear error', async () => {
    const closing = await openDatabase({ kind: 'pglite', loadDataDir: await pgliteSnapshot('empty') });
    await closing.close();
    await expect(closing.unscoped.query('SELECT 1')).rejects.toThrow('PGlite is closed');
  });
});
