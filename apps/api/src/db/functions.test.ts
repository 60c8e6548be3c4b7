/**
 * One source for each SQL function (db/migrate.ts applyFunctions): prisma/functions/<name>.sql holds
 * the current definition, and a migrated database — on each engine — holds exactly that.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FUNCTIONS_DIR, readEnv } from '../config/env.ts';
import { freshDatabase } from '../test/database.ts';
import type { Database } from './engine.ts';
import { applyFunctions, functionDefinitions, readFunctions } from './migrate.ts';
import { migrateDatabase } from './open.ts';

const env = readEnv({ NODE_ENV: 'test' });
const engine = env.TEST_DATABASE_URL ? 'postgres' : 'pglite';
const files = readFunctions(FUNCTIONS_DIR);

let db: Database;
beforeAll(async () => {
  db = await freshDatabase(env.TEST_DATABASE_URL);
});
afterAll(async () => {
  await db?.close();
});

const prosrc = async (name: string) =>
  (await db.unscoped.query<{ src: string }>(`SELECT prosrc AS src FROM pg_proc WHERE proname = $1 AND pronamespace = 'public'::regnamespace`, [name])).map((r) => r.src);

describe(`SQL functions (${engine})`, () => {
  it('every function in the database has its file, and its definition is the file to the letter', async () => {
    const current = await functionDefinitions(db.unscoped);
    expect([...current.keys()].sort()).toEqual(files.map((f) => f.name));
    for (const f of files) expect(current.get(f.name), f.name).toEqual([f.definition]);
  });

  it("the body the database runs (prosrc) is the body between the file's dollar quotes", async () => {
    for (const f of files) {
      const body = /AS \$function\$([\s\S]*)\$function\$$/.exec(f.definition)?.[1];
      expect(body, f.name).toBeDefined();
      expect(await prosrc(f.name), f.name).toEqual([body]);
    }
  });

  it('a migrated database takes no write at start: nothing differs from the files', async () => {
    expect((await migrateDatabase(db)).functions).toEqual([]);
  });

  it('a changed file replaces the function once; the repository file brings it back', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wd-functions-'));
    try {
      const original = fs.readFileSync(path.join(FUNCTIONS_DIR, 'wd_day_start.sql'), 'utf8');
      fs.writeFileSync(path.join(dir, 'wd_day_start.sql'), original.replace('AS $function$\n', 'AS $function$\n-- probe: a changed body\n'));
      const changed = readFunctions(dir);
      expect(await applyFunctions(db.unscoped, changed)).toEqual(['wd_day_start']);
      expect((await prosrc('wd_day_start'))[0]).toContain('-- probe: a changed body');
      expect(await applyFunctions(db.unscoped, changed)).toEqual([]);
      const [{ day } = { day: '' }] = await db.unscoped.query<{ day: string }>(`SELECT wd_day_start('2026-03-29', 'Europe/Berlin')::text AS day`);
      expect(day).toMatch(/^2026-03-2[89] /);
      expect(await applyFunctions(db.unscoped, files)).toEqual(['wd_day_start']);
      expect((await functionDefinitions(db.unscoped)).get('wd_day_start')).toEqual([files.find((f) => f.name === 'wd_day_start')?.definition]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a file whose statement defines another function than its name', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wd-functions-'));
    try {
      fs.writeFileSync(path.join(dir, 'wd_other.sql'), fs.readFileSync(path.join(FUNCTIONS_DIR, 'wd_day_start.sql'), 'utf8'));
      expect(() => readFunctions(dir)).toThrow('wd_other.sql: after its comment it must hold one CREATE OR REPLACE FUNCTION public.wd_other(...) statement');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
