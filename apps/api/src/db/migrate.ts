import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { UnscopedSql } from './engine.ts';

export type Migration = { name: string; sql: string; checksum: string };
export type MigrateResult = { applied: string[]; alreadyApplied: number };

export class MigrationDriftError extends Error {
  constructor(readonly migration: string) {
    super(`Migration ${migration} was changed after it was applied (checksum mismatch). Refusing to start: restore the file or add a new migration.`);
    this.name = 'MigrationDriftError';
  }
}

export function readMigrations(dir: string): Migration[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(dir, d.name, 'migration.sql')))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

/**
 * A SQL function's one source: `prisma/functions/<name>.sql` holds its current definition, in the
 * form PostgreSQL itself prints it (`pg_get_functiondef`), after a comment. `definition` is that
 * statement without the comment and the closing semicolon.
 */
export type SqlFunction = { name: string; definition: string };

export function readFunctions(dir: string): SqlFunction[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((file) => {
      const name = file.slice(0, -'.sql'.length);
      const text = fs.readFileSync(path.join(dir, file), 'utf8');
      const definition = text.replace(/^(?:--[^\n]*\n|\s*\n)*/, '').trim().replace(/;$/, '').trimEnd();
      if (!definition.startsWith(`CREATE OR REPLACE FUNCTION public.${name}(`)) {
        throw new Error(`${file}: after its comment it must hold one CREATE OR REPLACE FUNCTION public.${name}(...) statement`);
      }
      return { name, definition };
    });
}

/** The database's own definitions of the functions in the public schema, by name (overloads: several). */
export async function functionDefinitions(sql: UnscopedSql): Promise<Map<string, string[]>> {
  const rows = await sql.query<{ name: string; def: string }>(
    `SELECT p.proname::text AS name, pg_get_functiondef(p.oid) AS def FROM pg_proc p WHERE p.pronamespace = 'public'::regnamespace`,
  );
  const byName = new Map<string, string[]>();
  for (const r of rows) byName.set(r.name, [...(byName.get(r.name) ?? []), r.def.trim()]);
  return byName;
}

/**
 * Brings every function to its file's definition, after the migrations (like Flyway's repeatable
 * migrations, with the catalog as the record): a function whose `pg_get_functiondef` already equals
 * its file is left alone, so a started database takes no write; the others are replaced in one
 * transaction. Answers the names it replaced.
 */
export async function applyFunctions(sql: UnscopedSql, functions: SqlFunction[]): Promise<string[]> {
  const current = await functionDefinitions(sql);
  const stale = functions.filter((f) => !(current.get(f.name) ?? []).includes(f.definition));
  if (stale.length > 0) await sql.execInTransaction(stale.map((f) => `${f.definition};`).join('\n'));
  return stale.map((f) => f.name);
}

const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

const quote = (s: string) => `'${s.replaceAll("'", "''")}'`;

/**
 * Applies pending migrations in order, each in its own transaction together with its record in
 * `_prisma_migrations`. Refuses (throws MigrationDriftError) when an applied file has changed.
 */
export async function migrate(sql: UnscopedSql, migrations: Migration[]): Promise<MigrateResult> {
  await sql.query(CREATE_TABLE);
  const rows = await sql.query<{ migration_name: string; checksum: string }>(
    `SELECT "migration_name", "checksum" FROM "_prisma_migrations" WHERE "finished_at" IS NOT NULL AND "rolled_back_at" IS NULL`,
  );
  const applied = new Map(rows.map((r) => [r.migration_name, r.checksum]));
  for (const m of migrations) {
    const sum = applied.get(m.name);
    if (sum !== undefined && sum !== m.checksum) throw new MigrationDriftError(m.name);
  }
  const done: string[] = [];
  for (const m of migrations) {
    if (applied.has(m.name)) continue;
    const record = `INSERT INTO "_prisma_migrations" ("id","checksum","finished_at","migration_name","started_at","applied_steps_count")
      VALUES (${quote(randomUUID())}, ${quote(m.checksum)}, now(), ${quote(m.name)}, now(), 1);`;
    await sql.execInTransaction(`${m.sql}\n;\n${record}`);
    done.push(m.name);
  }
  return { applied: done, alreadyApplied: applied.size };
}
