import { readEnv } from '../config/env.ts';
import { freshPostgresUrl, pgliteSnapshot } from './database.ts';

/**
 * Runs once per `vitest run`, before any test file: makes the migrated database every file starts
 * from (the PGlite snapshots, or the PostgreSQL template), so that the workers do not each build it
 * at the same moment on a fresh machine. Each file still gets a database of its own.
 */
export default async function setup(): Promise<void> {
  const env = readEnv({ NODE_ENV: 'test' });
  if (env.TEST_DATABASE_URL) {
    const probe = await freshPostgresUrl(env.TEST_DATABASE_URL);
    await probe.drop();
  } else {
    await pgliteSnapshot('migrated');
  }
}
