import type { LightMyRequestResponse } from 'fastify';
import { DEFAULT_WORK_RULES, type Role } from '@workdiary/shared';
import { buildApp } from '../app.ts';
import { readEnv } from '../config/env.ts';
import type { Database } from '../db/engine.ts';
import { newId } from '../db/ids.ts';
import { hashPassword } from '../lib/passwords.ts';
import type { App } from '../lib/types.ts';
import { freshDatabase } from './database.ts';

export const TEST_PASSWORD = 'correct horse battery';
const env = readEnv({ NODE_ENV: 'test', LOG_LEVEL: 'silent' });
export const engineName = env.TEST_DATABASE_URL ? 'postgres' : 'pglite';

export type TestContext = { app: App; db: Database; clock: { now: Date | null } };

/**
 * Builds the app on a fresh database for this test file and closes both after it.
 * `clock.now` pins the server's clock when set (timer tests); null means real time.
 */
export async function setupTestApp(opts: { env?: Partial<typeof env> } = {}): Promise<TestContext> {
  const db = await freshDatabase(env.TEST_DATABASE_URL);
  const clock: { now: Date | null } = { now: null };
  const app = await buildApp({
    database: db,
    env: { ...env, LOGIN_RATE_LIMIT: 1000, ...opts.env },
    jwtSecret: 'test-secret-test-secret-test-secret',
    now: () => clock.now ?? new Date(),
  });
  await app.ready();
  openApps.push(async () => {
    await app.close();
    await db.close();
  });
  return { app, db, clock };
}

/**
 * The apps (and their fresh databases) that setupTestApp opened in this file. The files call it
 * inside `beforeAll`, where an `afterAll` registered by it would never run (vitest collects hooks
 * before running them): every file's app, pool and database then stayed open, a PostgreSQL test
 * database was never dropped, and with `isolate: false` each worker kept every file's PGlite
 * alive to the end of the run. src/test/close-apps.ts closes them when each file ends.
 */
const openApps: Array<() => Promise<void>> = [];

export async function closeTestApps(): Promise<void> {
  for (const close of openApps.splice(0).reverse()) await close();
}

let cachedHash: Promise<string> | null = null;

export type OrgFixture = {
  orgId: string;
  users: Record<'admin' | 'manager' | 'alice' | 'bob', { id: string; email: string; token: string }>;
  customers: { acme: string; globex: string };
  categories: { regular: string; support: string };
};

/** An organisation with one user of each role (+ a second member), two customers, two categories. */
export async function createOrg(ctx: TestContext, opts: { name?: string; timeZone?: string } = {}): Promise<OrgFixture> {
  const prisma = ctx.db.prisma;
  cachedHash ??= hashPassword(TEST_PASSWORD);
  const passwordHash = await cachedHash;
  const orgId = newId();
  const tag = orgId.slice(0, 8);
  await prisma.organization.create({ data: { id: orgId, name: opts.name ?? `Org ${tag}`, timeZone: opts.timeZone ?? 'Europe/Berlin', currency: 'EUR' } });
  await prisma.workRules.create({ data: { id: newId(), organizationId: orgId, ...DEFAULT_WORK_RULES } });
  const people: Array<[keyof OrgFixture['users'], Role]> = [['admin', 'ADMIN'], ['manager', 'MANAGER'], ['alice', 'MEMBER'], ['bob', 'MEMBER']];
  const users = {} as OrgFixture['users'];
  for (const [key, role] of people) {
    const id = newId();
    const email = `${key}-${tag}@test.example`;
    await prisma.user.create({
      data: { id, organizationId: orgId, email, name: `${key[0]?.toUpperCase()}${key.slice(1)} ${tag}`, role, passwordHash, payType: 'HOURLY', hourlyRate: 2000, overtimeFactor: 1.25 },
    });
    users[key] = { id, email, token: await login(ctx.app, email) };
  }
  const acme = newId();
  const globex = newId();
  await prisma.customer.createMany({ data: [
    { id: acme, organizationId: orgId, name: 'Acme Ltd', email: 'office@acme.example' },
    { id: globex, organizationId: orgId, name: 'Globex GmbH' },
  ] });
  const regular = newId();
  const support = newId();
  await prisma.category.createMany({ data: [
    { id: regular, organizationId: orgId, name: 'Regular Hours' },
    { id: support, organizationId: orgId, name: 'Support' },
  ] });
  return { orgId, users, customers: { acme, globex }, categories: { regular, support } };
}

export async function login(app: App, email: string, password = TEST_PASSWORD): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });
  if (res.statusCode !== 200) throw new Error(`login ${email} failed: ${res.statusCode} ${res.body}`);
  return (res.json() as { token: string }).token;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** `as(token).post('/api/timer/start', body)` → the injected response. */
export function as(app: App, token: string) {
  const call = (method: Method) => (url: string, payload?: unknown): Promise<LightMyRequestResponse> =>
    app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(payload === undefined ? {} : { payload: payload as object }) });
  return { get: call('GET'), post: call('POST'), put: call('PUT'), patch: call('PATCH'), delete: call('DELETE') };
}
