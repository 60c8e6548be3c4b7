import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { AppError } from '@workdiary/shared';
import { migrateDatabase } from '../db/open.ts';
import { importOrganizationZip } from '../modules/exports/organization-import.service.ts';
import { openForCli } from './open.ts';

const USAGE = `Usage: pnpm org:import <organization.zip> [--origin <https://workdiary.example.com>]

Loads an organisation export (Organisation settings → Export everything, or
GET /api/exports/organization.zip) into this EMPTY Workdiary (DATA_DIR / DATABASE_URL as the
server's): every file in one transaction, with the same ids. Passwords are never exported:
each active user gets a one-time set-password link (valid 7 days), printed here.
Run it with the server stopped (embedded database) or before the first sign-in (PostgreSQL).

  --origin <url>  the address users open Workdiary at, for the links (default http://localhost:3000)
  -h, --help      show this help`;

let positional: string | undefined;
let origin = 'http://localhost:3000';
try {
  const { values, positionals } = parseArgs({
    args: process.argv.slice(2).filter((a) => a !== '--'),
    allowPositionals: true,
    options: { origin: { type: 'string' }, help: { type: 'boolean', short: 'h', default: false } },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  if (positionals.length !== 1) throw new Error('Name one zip file.');
  positional = positionals[0];
  if (values.origin) origin = values.origin;
} catch (err) {
  console.error(`${err instanceof Error ? err.message : String(err)}\n\n${USAGE}`);
  process.exit(2);
}

const { env, db } = await openForCli();
const file = path.resolve(env.INIT_CWD ?? process.cwd(), positional as string);
try {
  await db.exclusive(() => migrateDatabase(db));
  const zip = new Uint8Array(await readFile(file));
  const result = await importOrganizationZip({ db, zip, origin, now: new Date() });
  console.log(`Imported "${result.organization.name}":`);
  for (const [name, count] of Object.entries(result.rows)) console.log(`  ${name.padEnd(34)} ${count} rows`);
  console.log('\nOne-time set-password links (valid 7 days; pass each on to its person):');
  for (const link of result.links) console.log(`  ${link.role.padEnd(8)} ${link.email}\n           ${link.url}`);
} catch (err) {
  console.error(err instanceof AppError ? err.message : err instanceof Error ? err.message : String(err));
  process.exitCode = 1;
} finally {
  await db.close();
}
