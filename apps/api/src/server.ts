import { buildApp } from './app.ts';
import { readEnv } from './config/env.ts';
import { migrateDatabase, openFromEnv, resolveJwtSecret } from './db/open.ts';
import { DEMO_LOGINS, DEMO_PASSWORD, isDatabaseEmpty, seedDemo } from './db/seed.ts';

const env = readEnv();
const database = await openFromEnv(env);
const migrated = await migrateDatabase(database).catch(async (err: unknown) => {
  console.error(`\n✖ ${err instanceof Error ? err.message : String(err)}\n`);
  await database.close();
  process.exit(1);
});
let seeded = false;
if (env.SEED_DEMO && (await isDatabaseEmpty(database.prisma))) {
  await seedDemo(database.prisma);
  seeded = true;
}
const app = await buildApp({
  database,
  env,
  jwtSecret: resolveJwtSecret(env),
  logger: { level: env.LOG_LEVEL },
});

const close = async () => {
  await app.close();
  await database.close();
  process.exit(0);
};
process.on('SIGINT', close);
process.on('SIGTERM', close);

await app.listen({ port: env.PORT, host: env.HOST });
const url = `http://localhost:${env.PORT}`;
const lines = [
  '',
  `  Workdiary is running at ${url}`,
  `  Database: ${database.kind === 'pglite' ? `embedded PostgreSQL (PGlite) in ${env.DATA_DIR}` : 'PostgreSQL server (DATABASE_URL)'}`,
  `  Migrations: ${migrated.applied.length} applied now, ${migrated.alreadyApplied} before${seeded ? '; demo data seeded' : ''}`,
];
if (env.SEED_DEMO) {
  lines.push('  Demo logins (password "' + DEMO_PASSWORD + '"):');
  for (const l of DEMO_LOGINS) lines.push(`    ${l.email.padEnd(22)} ${l.role}`);
} else if (await isDatabaseEmpty(database.prisma)) {
  lines.push(`  Empty database: open ${url}/setup to create the organisation and its first admin.`);
}
console.log(lines.join('\n') + '\n');
