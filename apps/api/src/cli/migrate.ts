import { migrateDatabase } from '../db/open.ts';
import { keepMissingSnapshots } from '../domain/figures/backfill.ts';
import { openForCli } from './open.ts';

const { db } = await openForCli();
try {
  const { result, kept } = await db.exclusive(async () => ({ result: await migrateDatabase(db), kept: await keepMissingSnapshots(db) }));
  console.log(`Applied ${result.applied.length} migration(s)${result.applied.length ? `: ${result.applied.join(', ')}` : ''}; ${result.alreadyApplied} were already applied.`);
  if (result.functions.length > 0) console.log(`Brought ${result.functions.length} SQL function(s) to prisma/functions/: ${result.functions.join(', ')}.`);
  if (kept > 0) console.log(`Kept the figures of ${kept} month(s) approved before approvals kept them.`);
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
} finally {
  await db.close();
}
