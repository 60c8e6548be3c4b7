import { readEnv, type Env } from '../config/env.ts';
import type { Database } from '../db/engine.ts';
import { openFromEnv } from '../db/open.ts';
import { errorText } from '../lib/error-text.ts';

/**
 * The CLI commands' database: like the server's (DATABASE_URL / DATA_DIR). A problem the operator
 * can act on (a bad variable, a PGlite folder in use by a running server) ends the command with
 * its message and exit code 1, without a stack trace.
 */
export async function openForCli(): Promise<{ env: Env; db: Database }> {
  try {
    const env = readEnv();
    return { env, db: await openFromEnv(env) };
  } catch (err) {
    console.error(errorText(err));
    process.exit(1);
  }
}
