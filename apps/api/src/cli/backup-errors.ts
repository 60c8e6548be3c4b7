import { BackupError } from '../db/backup.ts';
import { DataDirInUseError } from '../db/data-dir-lock.ts';

/**
 * How db:backup and db:restore end on an error (exit code 1): a problem the operator can act on
 * (a backup refusal, the data folder in use, bad arguments or environment) as its message alone;
 * anything else as the whole error.
 */
export function reportBackupError(err: unknown): void {
  const plain = err instanceof BackupError || err instanceof DataDirInUseError
    || String((err as { code?: unknown }).code).startsWith('ERR_PARSE_ARGS') || (err instanceof Error && err.message.startsWith('Invalid environment'));
  console.error(plain ? `✖ ${(err as Error).message}` : err);
  process.exitCode = 1;
}
