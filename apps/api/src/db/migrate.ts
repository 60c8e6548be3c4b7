import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { SqlRunner } from './engine.ts';

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
export async function migrate(sql: SqlRunner, migrations: Migration[]): Promise<MigrateResult> {
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
