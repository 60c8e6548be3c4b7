import { parseArgs } from 'node:util';
import { AppError, SetupBodySchema } from '@workdiary/shared';
import type { PrismaClient } from '../../generated/prisma/client.ts';
import { runSetup, type SetupResult } from './setup.service.ts';

/**
 * `pnpm --filter @workdiary/api create-admin`: the first-run setup for servers without a
 * browser at hand. The same service as POST /api/setup, so the same checks and the same "only once".
 */
export const CREATE_ADMIN_USAGE = `Usage: pnpm --filter @workdiary/api create-admin [options]

Creates the organisation and its first administrator on an empty database (once).
Missing options are asked for when run in a terminal.

  --org <name>         organisation name, e.g. "Acme Ltd"
  --tz <zone>          IANA time zone, e.g. Europe/Berlin
  --currency <code>    ISO 4217 currency, e.g. EUR
  --name <name>        the admin's name
  --email <email>      the admin's email (their login)
  --password <pw>      the admin's password (at least 8 characters; prefer the prompt:
                       a password on the command line ends up in the shell history)
  -h, --help           show this help`;

export type CreateAdminArgs = {
  org?: string; tz?: string; currency?: string; name?: string; email?: string; password?: string; help: boolean;
};

export function parseCreateAdminArgs(argv: string[]): CreateAdminArgs {
  const { values } = parseArgs({
    args: argv,
    allowPositionals: false,
    options: {
      org: { type: 'string' },
      tz: { type: 'string' },
      currency: { type: 'string' },
      name: { type: 'string' },
      email: { type: 'string' },
      password: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  return { ...values, help: values.help ?? false };
}

/**
 * Asks for one value on a terminal (`secret` hides what is typed; an empty answer takes `default`).
 * Returns '' when there is no terminal to ask: then nothing is assumed and validation names the option.
 */
export type Prompt = (question: string, options?: { secret?: boolean; default?: string }) => Promise<string>;

export async function createAdmin({ prisma, args, prompt }: { prisma: PrismaClient; args: CreateAdminArgs; prompt: Prompt }): Promise<SetupResult> {
  if ((await prisma.organization.count()) > 0) {
    throw new AppError('SETUP_ALREADY_DONE', 'Workdiary is already set up: an organisation exists. Sign in as an administrator and add users on the Users page.');
  }
  const ask = async (value: string | undefined, question: string, options?: { secret?: boolean; default?: string }) =>
    value ?? (await prompt(question, options));
  const organization = {
    name: await ask(args.org, 'Organisation name'),
    timeZone: await ask(args.tz, 'Time zone (IANA)', { default: Intl.DateTimeFormat().resolvedOptions().timeZone }),
    currency: await ask(args.currency, 'Currency (ISO 4217)', { default: 'EUR' }),
  };
  const admin = {
    name: await ask(args.name, 'Admin name'),
    email: await ask(args.email, 'Admin email'),
    password: await ask(args.password, 'Admin password (at least 8 characters)', { secret: true }),
  };
  const parsed = SetupBodySchema.safeParse({ organization, admin });
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  --${flagOf(i.path.map(String))}: ${i.message}`);
    throw new AppError('VALIDATION_ERROR', `Some values are not valid:\n${lines.join('\n')}`);
  }
  return runSetup({ prisma, input: parsed.data });
}

function flagOf(path: string[]): string {
  const key = path.join('.');
  const flags: Record<string, string> = {
    'organization.name': 'org', 'organization.timeZone': 'tz', 'organization.currency': 'currency',
    'admin.name': 'name', 'admin.email': 'email', 'admin.password': 'password',
  };
  return flags[key] ?? key;
}
