import { migrateDatabase } from '../db/open.ts';
import { openForCli } from './open.ts';
import { DEMO_LOGINS, DEMO_PASSWORD, isDatabaseEmpty, seedDemo } from '../modules/setup/demo-seed.ts';

const { db } = await openForCli();
try {
  await db.exclusive(() => migrateDatabase(db));
  if (!(await isDatabaseEmpty(db.prisma))) {
    console.log('The database already has an organisation; demo data is only seeded into an empty database.');
  } else {
    const r = await seedDemo(db.prisma);
    console.log(`Seeded Demo Company: ${r.users} users, ${r.entries} work entries. Logins (password "${DEMO_PASSWORD}"): ${DEMO_LOGINS.map((l) => l.email).join(', ')}`);
  }
} finally {
  await db.close();
}
