import type { Env } from './config/env.ts';
import type { Database } from './db/engine.ts';
import { migrateDatabase } from './db/open.ts';
import { keepMissingSnapshots } from './domain/figures/backfill.ts';
import { DEMO_LOGINS, DEMO_PASSWORD, isDatabaseEmpty, seedDemo } from './modules/setup/demo-seed.ts';

export type Prepared = { migrated: Awaited<ReturnType<typeof migrateDatabase>>; seeded: boolean };

/**
 * Brings the database up to date before the server listens: migrations and SQL functions, the demo
 * data on an empty database when SEED_DEMO is set, and the kept figures of months approved before
 * approvals kept them. Instances starting together on one PostgreSQL take turns: one does it, the
 * others then find nothing left to do.
 */
export function prepareDatabase(database: Database, env: Env): Promise<Prepared> {
  return database.exclusive(async () => {
    const migrated = await migrateDatabase(database);
    const seeded = env.SEED_DEMO && (await isDatabaseEmpty(database.prisma));
    if (seeded) await seedDemo(database.prisma);
    const kept = await keepMissingSnapshots(database);
    if (kept > 0) console.log(`  Kept the figures of ${kept} month(s) approved before approvals kept them (worked out now).`);
    return { migrated, seeded };
  });
}

/** host:port of SMTP_URL, never its user or password. */
function smtpHost(smtpUrl: string): string {
  try {
    return new URL(smtpUrl).host;
  } catch {
    return 'SMTP_URL';
  }
}

/** What the operator reads once the server listens: where, which database, what the start did, how to sign in. */
export async function startupBanner(database: Database, env: Env, { migrated, seeded }: Prepared): Promise<string> {
  const url = `http://localhost:${env.PORT}`;
  const lines = [
    '',
    `  Workdiary is running at ${url} (started in ${(performance.now() / 1000).toFixed(1)} s)`,
    `  Database: ${database.kind === 'pglite' ? `embedded PostgreSQL (PGlite) in ${env.DATA_DIR}` : 'PostgreSQL server (DATABASE_URL)'}`,
    `  Migrations: ${migrated.applied.length} applied now, ${migrated.alreadyApplied} before${migrated.functions.length ? `; SQL functions replaced from prisma/functions/: ${migrated.functions.join(', ')}` : ''}${seeded ? '; demo data seeded' : ''}`,
    `  Mail: ${env.SMTP_URL ? `over ${smtpHost(env.SMTP_URL)} as ${env.MAIL_FROM}` : 'off (no SMTP_URL): password-reset and invitation mails are written to the log'}`,
  ];
  if (env.SEED_DEMO) {
    lines.push('  Demo logins (password "' + DEMO_PASSWORD + '"):');
    for (const l of DEMO_LOGINS) lines.push(`    ${l.email.padEnd(22)} ${l.role}`);
  } else if (await isDatabaseEmpty(database.prisma)) {
    lines.push(`  Empty database: open ${url}/setup to create the organisation and its first admin.`);
  }
  return lines.join('\n') + '\n';
}
