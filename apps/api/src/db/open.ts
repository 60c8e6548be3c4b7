import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { FUNCTIONS_DIR, MIGRATIONS_DIR, type Env } from '../config/env.ts';
import { openDatabase, type Database } from './engine.ts';
import { applyFunctions, migrate, readFunctions, readMigrations, type MigrateResult } from './migrate.ts';

/** DATABASE_URL set → that PostgreSQL server; unset → embedded PGlite persisted under DATA_DIR. */
export async function openFromEnv(env: Env): Promise<Database> {
  return env.DATABASE_URL
    ? openDatabase({ kind: 'postgres', url: env.DATABASE_URL, poolSize: env.DATABASE_POOL_SIZE })
    : openDatabase({ kind: 'pglite', dataDir: path.join(env.DATA_DIR, 'pglite'), sharedBuffers: env.PGLITE_SHARED_BUFFERS });
}

/** The pending migrations, then every SQL function brought to its file in prisma/functions/. */
export async function migrateDatabase(db: Database): Promise<MigrateResult & { functions: string[] }> {
  const result = await migrate(db.unscoped, readMigrations(MIGRATIONS_DIR));
  return { ...result, functions: await applyFunctions(db.unscoped, readFunctions(FUNCTIONS_DIR)) };
}

/** JWT_SECRET, or one generated once and kept beside the data so sessions survive restarts. */
export function resolveJwtSecret(env: Env): string {
  if (env.JWT_SECRET) return env.JWT_SECRET;
  const file = path.join(env.DATA_DIR, '.jwt-secret');
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  fs.mkdirSync(env.DATA_DIR, { recursive: true });
  const secret = crypto.randomBytes(48).toString('base64url');
  fs.writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
