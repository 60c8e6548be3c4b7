import { Writable } from 'node:stream';
import readline from 'node:readline/promises';
import { AppError } from '@workdiary/shared';
import { migrateDatabase } from '../db/open.ts';
import { openForCli } from './open.ts';
import { CREATE_ADMIN_USAGE, createAdmin, parseCreateAdminArgs, type Prompt } from '../modules/setup/create-admin.ts';

let args;
try {
  args = parseCreateAdminArgs(process.argv.slice(2).filter((a) => a !== '--'));
} catch (err) {
  console.error(`${err instanceof Error ? err.message : String(err)}\n\n${CREATE_ADMIN_USAGE}`);
  process.exit(2);
}
if (args.help) {
  console.log(CREATE_ADMIN_USAGE);
  process.exit(0);
}

/** Questions on a terminal; with no terminal (CI, a pipe) every missing option stays empty and fails validation. */
const prompt: Prompt = async (question, options = {}) => {
  if (!process.stdin.isTTY) return '';
  let muted = false;
  const output = new Writable({
    write(chunk, _encoding, callback) {
      if (!muted) process.stdout.write(chunk);
      callback();
    },
  });
  const rl = readline.createInterface({ input: process.stdin, output, terminal: true });
  try {
    const suffix = options.default ? ` [${options.default}]` : '';
    const answer = rl.question(`${question}${suffix}: `);
    muted = options.secret === true;
    const value = (await answer).trim() || options.default || '';
    if (options.secret) process.stdout.write('\n');
    return value;
  } finally {
    rl.close();
  }
};

const { db } = await openForCli();
try {
  await db.exclusive(() => migrateDatabase(db));
  const { organization, admin } = await createAdmin({ prisma: db.prisma, args, prompt });
  console.log(`Created organisation "${organization.name}" (${organization.timeZone}, ${organization.currency}) and its admin ${admin.email}.`);
  console.log('Start the server (pnpm start) and sign in at /login.');
} catch (err) {
  console.error(err instanceof AppError ? err.message : err instanceof Error ? err.message : String(err));
  process.exitCode = 1;
} finally {
  await db.close();
}
