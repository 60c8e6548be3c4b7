import path from 'node:path';
import { parseArgs } from 'node:util';
import { readEnv } from '../config/env.ts';
import { backupPglite } from '../db/backup.ts';
import { backupPostgres } from '../db/backup-postgres.ts';
import { reportBackupError } from './backup-errors.ts';

const USAGE = `Usage: pnpm db:backup [--out <file>]

Copies the whole database into one file (README "Backup and restore"):
  embedded database (no DATABASE_URL): DATA_DIR/pglite as a .tar.gz; while a server runs on that
    folder, the server makes the copy (the command asks it through POST /api/admin/backup).
  PostgreSQL (DATABASE_URL): pg_dump --format=custom --no-owner --no-privileges (without the
    session rows).
Not in the backup: the JWT secret (JWT_SECRET, or DATA_DIR/.jwt-secret outside production).

  --out <file>   where to write it (default: workdiary-<engine>-<time>.tar.gz or .pgdump in
                 the folder the command was run from); never overwrites a file
  -h, --help     show this help`;

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

try {
  const { values } = parseArgs({
    args: process.argv.slice(2).filter((a) => a !== '--'),
    allowPositionals: false,
    options: { out: { type: 'string', short: 'o' }, help: { type: 'boolean', short: 'h', default: false } },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const env = readEnv();
  const time = new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  const name = values.out ?? (env.DATABASE_URL ? `workdiary-postgres-${time}.pgdump` : `workdiary-pglite-${time}.tar.gz`);
  const outFile = path.resolve(env.INIT_CWD ?? process.cwd(), name);
  if (env.DATABASE_URL) {
    const result = await backupPostgres({ url: env.DATABASE_URL, outFile });
    console.log(`Backed up the PostgreSQL database to ${result.file} (${mb(result.bytes)}) with:\n  ${result.command}`);
  } else {
    const dataDir = path.join(env.DATA_DIR, 'pglite');
    const result = await backupPglite({ dataDir, outFile });
    const how = result.via === 'server' ? 'copied by the server running on it' : 'no server was running on it';
    console.log(`Backed up ${dataDir} (${how}) to ${result.file} (${mb(result.bytes)}).`);
  }
  console.log(`Restore with: pnpm db:restore ${JSON.stringify(outFile)} (sessions end: everyone signs in again).`);
  console.log('Not in the backup: the JWT secret (JWT_SECRET, or DATA_DIR/.jwt-secret outside production); keep it apart.');
} catch (err) {
  reportBackupError(err);
}
