import { migrateDatabase } from '../db/open.ts';
import { openForCli } from './open.ts';

const { db } = await openForCli();
try {
  const result = await db.exclusive(() => migrateDatabase(db));
  console.log(`Applied ${result.applied.length} migration(s)${result.applied.length ? `: ${result.applied.join(', ')}` : ''}; ${result.alreadyApplied} were already applied.`);
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
} finally {
  await db.close();
}
