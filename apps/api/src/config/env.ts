import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** The one place the API reads process.env. */

/** The checkout's root, found upwards so it is the same from src/ (tsx) and from the dist/ bundle. */
function findRepoRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'pnpm-workspace.yaml'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`No pnpm-workspace.yaml above ${from}: is this a Workdiary checkout?`);
  }
}
export const REPO_ROOT = findRepoRoot(path.dirname(fileURLToPath(import.meta.url)));

const flag = z.enum(['true', 'false']).optional();

/** SHUTDOWN_DRAIN_MS in production when unset: a few health-check intervals of a load balancer. */
export const DEFAULT_DRAIN_MS = 5_000;

/** MAIL_REMINDER_CHECK_MS when unset: the reminder is looked for hourly (one mail per person and month whatever the rate). */
export const DEFAULT_REMINDER_CHECK_MS = 60 * 60 * 1000;

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.string().optional().transform((v) => (v ? v : undefined)),
  /** PostgreSQL connections per process; unset → DEFAULT_POOL_SIZE (db/engine.ts). */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(500).optional(),
  DATA_DIR: z.string().default(path.join(REPO_ROOT, 'data')),
  /** PGlite only: its shared_buffers (e.g. "32MB"); unset → DEFAULT_PGLITE_SHARED_BUFFERS (db/engine.ts). */
  PGLITE_SHARED_BUFFERS: z.string().regex(/^\d+(kB|MB|GB)$/, 'A size such as 32MB').optional(),
  JWT_SECRET: z.string().min(16).optional(),
  // Defaults depend on NODE_ENV (see the transform below): easy in development, safe in production.
  SEED_DEMO: flag,
  COOKIE_SECURE: flag,
  TRUST_PROXY: z.string().optional().transform((value, ctx) => {
    const parsed = parseTrustProxy(value);
    if (typeof parsed === 'string') {
      ctx.addIssue({ code: 'custom', message: parsed });
      return z.NEVER;
    }
    return parsed;
  }),
  /** How long a stopping server waits for open requests before it exits anyway (from the signal on). */
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).default(10_000),
  /**
   * After SIGTERM/SIGINT: how long the server still accepts requests while /api/ready answers 503,
   * so a load balancer stops sending before the listener closes. Unset → DEFAULT_DRAIN_MS in
   * production (at most half the grace period), 0 in development and tests.
   */
  SHUTDOWN_DRAIN_MS: z.coerce.number().int().min(0).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  WEB_DIST: z.string().default(path.join(REPO_ROOT, 'apps/web/dist')),
  LOGIN_RATE_LIMIT: z.coerce.number().int().min(1).default(10),
  /** Webhooks may target private, loopback and link-local addresses; unset → true outside production, false in it. */
  WEBHOOK_ALLOW_PRIVATE: flag,
  /** How often the webhook worker looks for due deliveries (ms; 0 = no worker in this process); unset → 5 s, none in tests (they run their own). */
  WEBHOOK_POLL_MS: z.coerce.number().int().min(0).optional(),
  /** Mail (optional): an SMTP server as smtp://user:pass@host:587 or smtps://…:465; unset → mails are written to the log. */
  SMTP_URL: z.string().optional().transform((v) => (v ? v : undefined))
    .refine((v) => v === undefined || /^smtps?:\/\/[^/]/.test(v), 'An smtp:// or smtps:// URL, e.g. smtp://user:password@mail.example.com:587'),
  /** The sender of every mail, e.g. "Workdiary <workdiary@example.com>". */
  MAIL_FROM: z.string().min(3).default('Workdiary <workdiary@localhost>'),
  /** The address people open the app at (links in mails), e.g. https://time.example.com; required with SMTP_URL in production. */
  PUBLIC_URL: z.string().optional().transform((v) => (v ? v.replace(/\/+$/, '') : undefined))
    .refine((v) => v === undefined || /^https?:\/\/[^/]/.test(v), 'An http:// or https:// URL, e.g. https://time.example.com'),
  /** How often the monthly submit reminder looks for people to remind (ms; 0 = never); unset → hourly, never in tests. */
  MAIL_REMINDER_CHECK_MS: z.coerce.number().int().min(0).optional(),
  TEST_DATABASE_URL: z.string().optional().transform((v) => (v ? v : undefined)),
  /** Set by pnpm/npm: the folder a command was typed in (the CLI resolves relative paths from it, not apps/api). */
  INIT_CWD: z.string().optional(),
}).transform((raw, ctx) => {
  const production = raw.NODE_ENV === 'production';
  if (raw.SHUTDOWN_DRAIN_MS !== undefined && raw.SHUTDOWN_DRAIN_MS > 0 && raw.SHUTDOWN_DRAIN_MS >= raw.SHUTDOWN_GRACE_MS) {
    ctx.addIssue({
      code: 'custom',
      path: ['SHUTDOWN_DRAIN_MS'],
      message: `must be less than SHUTDOWN_GRACE_MS (${raw.SHUTDOWN_GRACE_MS}): the grace period counts from the signal and includes the drain`,
    });
    return z.NEVER;
  }
  return {
    ...raw,
    SHUTDOWN_DRAIN_MS: raw.SHUTDOWN_DRAIN_MS ?? (production ? Math.min(DEFAULT_DRAIN_MS, Math.floor(raw.SHUTDOWN_GRACE_MS / 2)) : 0),
    // Production never fills a database with a public demo password unless asked to.
    SEED_DEMO: raw.SEED_DEMO === undefined ? !production : raw.SEED_DEMO === 'true',
    COOKIE_SECURE: raw.COOKIE_SECURE === undefined ? production : raw.COOKIE_SECURE === 'true',
    WEBHOOK_ALLOW_PRIVATE: raw.WEBHOOK_ALLOW_PRIVATE === undefined ? !production : raw.WEBHOOK_ALLOW_PRIVATE === 'true',
    WEBHOOK_POLL_MS: raw.WEBHOOK_POLL_MS ?? (raw.NODE_ENV === 'test' ? 0 : 5_000),
    MAIL_REMINDER_CHECK_MS: raw.MAIL_REMINDER_CHECK_MS ?? (raw.NODE_ENV === 'test' ? 0 : DEFAULT_REMINDER_CHECK_MS),
  };
});

export type Env = z.infer<typeof EnvSchema>;
/** Fastify's `trustProxy`: off, every proxy, a hop count, or the proxies' addresses/CIDR ranges. */
export type TrustProxy = boolean | number | string[];

export function readEnv(overrides: Record<string, string | undefined> = {}): Env {
  const parsed = EnvSchema.safeParse({ ...process.env, ...overrides });
  if (!parsed.success) {
    throw new Error(`Invalid environment: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return parsed.data;
}

/** What the server (not the CLI commands) needs beyond a valid environment. */
export function checkServerEnv(env: Env): void {
  if (env.NODE_ENV === 'production' && !env.JWT_SECRET) {
    throw new Error(
      'JWT_SECRET is required when NODE_ENV=production: set it to a random string of at least 16 characters ' +
        '(e.g. `openssl rand -base64 48`), the same on every instance.',
    );
  }
  // Without it a link in a mail would point at whatever Host a stranger's reset request claimed.
  if (env.NODE_ENV === 'production' && env.SMTP_URL && !env.PUBLIC_URL) {
    throw new Error('PUBLIC_URL is required with SMTP_URL when NODE_ENV=production: the address people open Workdiary at (e.g. https://time.example.com), used for the links in mails.');
  }
}

// proxy-addr's named ranges, accepted in TRUST_PROXY lists like addresses.
const NAMED_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** TRUST_PROXY → Fastify's trustProxy, or an error message. Unset means false: no client picks its own address. */
export function parseTrustProxy(value: string | undefined): TrustProxy | string {
  const v = value?.trim() ?? '';
  if (v === '' || v === 'false') return false;
  if (v === 'true') return true;
  if (/^\d+$/.test(v)) return Number(v);
  const items = v.split(',').map((s) => s.trim()).filter(Boolean);
  for (const item of items) {
    if (NAMED_RANGES.has(item)) continue;
    const [address = '', prefix, ...rest] = item.split('/');
    const family = net.isIP(address);
    const prefixOk = prefix === undefined || (/^\d+$/.test(prefix) && Number(prefix) <= (family === 6 ? 128 : 32));
    if (!family || !prefixOk || rest.length > 0) {
      return `"${item}" is not true, false, a hop count, an IP address, a CIDR range or loopback/linklocal/uniquelocal`;
    }
  }
  return items;
}

export const MIGRATIONS_DIR = path.join(REPO_ROOT, 'prisma/migrations');
/** Each SQL function's current definition, one file each (db/migrate.ts applyFunctions). */
export const FUNCTIONS_DIR = path.join(REPO_ROOT, 'prisma/functions');
