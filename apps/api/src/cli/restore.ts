import path from 'node:path';
import { parseArgs } from 'node:util';
import fs from 'node:fs';
import { readEnv } from '../config/env.ts';
import { BackupError, restorePglite } from '../db/backup.ts';
import { restorePostgres } from '../db/backup-postgres.ts';
import { reportBackupError } from './backup-errors.ts';

const USAGE = `Usage: pnpm db:restore <file> [--force]

Restores a file written by pnpm db:backup (README "Backup and restore"). Every session ends:
everyone signs in again (a session ended after the backup was taken stays ended).
  embedded database (no DATABASE_URL): into DATA_DIR/pglite, which must be missing or empty;
    stop the server first. --force moves a non-empty folder aside (DATA_DIR/pglite.before-restore-<time>).
  PostgreSQL (DATABASE_URL): into that database, which must exist and be empty, with
    pg_restore --no-owner --no-privileges --exit-on-error --single-transaction.
Then start the server as usual: it finds no migration to apply (or applies the newer ones).

  --force      embedded database only: move a non-empty DATA_DIR/pglite aside instead of refusing
  -h, --help   show this help`;

try {
  const { values, positionals } = parseArgs({
    args: process.argv.slice(2).filter((a) => a !== '--'),
    allowPositionals: true,
    options: { force: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false } },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  if (positionals.length !== 1) throw new BackupError(`Name one backup file.\n\n${USAGE}`);
  const env = readEnv();
  const backupFile = path.resolve(env.INIT_CWD ?? process.cwd(), positionals[0] ?? '');
  if (!fs.existsSync(backupFile)) throw new BackupError(`${backupFile} does not exist.`);
  if (env.DATABASE_URL) {
    if (values.force) throw new BackupError('--force is for the embedded database only: on PostgreSQL, restore into a new, empty database.');
    const result = await restorePostgres({ url: env.DATABASE_URL, backupFile });
    console.log(`Restored ${backupFile} into the PostgreSQL database with:\n  ${result.command}`);
    console.log(`Every session ended (${result.sessionsEnded} in the backup): everyone signs in again.`);
  } else {
    const result = await restorePglite({ backupFile, dataDir: path.join(env.DATA_DIR, 'pglite'), force: values.force });
    console.log(`Restored ${backupFile} into ${result.dataDir}.`);
    if (result.movedAside) console.log(`The folder that was there is now ${result.movedAside} (delete it once you no longer need it).`);
    console.log(`Every session ended (${result.sessionsEnded} in the backup): everyone signs in again.`);
  }
  console.log('Start the server as usual (pnpm start).');
} catch (err) {
  reportBackupError(err);
}
