/**
 * Backup and restore (issue 21 item 11, README "Backup and restore"): a backup restored into a
 * fresh folder / database serves the same figures, the normal start finds no migration to apply,
 * and no session comes back with it, not even one that was still open when the backup was taken
 * and ended (logout) afterwards. On PGlite also the operator's path with real processes: the
 * backup command asks the running server for the copy, the restore command refuses a folder in
 * use or not empty, and a server started on the restored folder answers the same.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { readEnv } from '../config/env.ts';
import { newId } from './ids.ts';
import { migrateDatabase } from './open.ts';
import type { App } from '../lib/types.ts';
import { as, createOrg, engineName, login, TEST_PASSWORD, type OrgFixture, type TestContext } from '../test/helper.ts';
import { dropDatabases, freshDatabase, freshPostgresUrl, ownedDatabaseName } from '../test/database.ts';
import { runScript, startServer, exitWithin, type Server } from '../test/processes.ts';
import { BackupError, restorePglite, serverControlFile } from './backup.ts';
import { backupPostgres, restorePostgres, toolVersion } from './backup-postgres.ts';
import { openDatabase, type Database } from './engine.ts';

const env = readEnv({ NODE_ENV: 'test', LOG_LEVEL: 'silent' });
const JWT_SECRET = 'backup-test-secret-backup-test-secret';
const MONTH = '2025-03';
const canRun = engineName === 'pglite' || toolVersion('pg_dump') !== null;

const cleanups: Array<() => Promise<void> | void> = [];
afterAll(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wd-backup-test-'));
  cleanups.push(() => fs.rmSync(tmp, { recursive: true, force: true }));
});

/** The source: an app on a fresh database of the engine under test (PostgreSQL: one whose URL pg_dump can use). */
async function sourceApp(): Promise<{ ctx: TestContext; url: string | null }> {
  let url: string | null = null;
  let drop: () => Promise<void> = async () => undefined;
  let db: Database;
  if (env.TEST_DATABASE_URL) {
    const fresh = await freshPostgresUrl(env.TEST_DATABASE_URL);
    url = fresh.url;
    drop = fresh.drop;
    db = await openDatabase({ kind: 'postgres', url });
  } else {
    db = await freshDatabase(undefined);
  }
  const app = await appOn(db);
  cleanups.push(async () => {
    await app.close();
    await db.close();
    await drop();
  });
  return { ctx: { app, db, clock: { now: null } }, url };
}

async function appOn(database: Database): Promise<App> {
  const app = await buildApp({ database, env: { ...env, LOGIN_RATE_LIMIT: 1000 }, jwtSecret: JWT_SECRET });
  await app.ready();
  return app;
}

/** Alice and Bob work a few days of March 2025 (entered by the manager), one day flagged too long for Alice. */
async function workMarch(app: App, org: OrgFixture) {
  const manager = as(app, org.users.manager.token);
  const days: Array<[keyof OrgFixture['users'], string, string, string]> = [
    ['alice', '2025-03-03', '08:00', '16:30'], ['alice', '2025-03-04', '09:15', '17:40'], ['alice', '2025-03-08', '10:00', '13:07'],
    ['bob', '2025-03-03', '07:30', '15:45'], ['bob', '2025-03-05', '12:00', '20:20'], ['bob', '2025-03-30', '01:00', '04:30'],
  ];
  for (const [who, date, startTime, stopTime] of days) {
    const res = await manager.post('/api/work-entries', {
      userId: org.users[who].id, customerId: org.customers.acme, categoryId: org.categories.regular, date, startTime, stopTime, note: `${who} ${date}`,
    });
    expect(res.statusCode, res.body).toBe(201);
  }
}

/** What the restored copy must answer the same: the month overview and Alice's month. */
async function figures(app: App, token: string, org: OrgFixture) {
  const manager = as(app, token);
  const overview = await manager.get(`/api/diary?month=${MONTH}`);
  const alice = await manager.get(`/api/diary/${org.users.alice.id}?month=${MONTH}`);
  expect(overview.statusCode, overview.body).toBe(200);
  expect(alice.statusCode, alice.body).toBe(200);
  return { overview: overview.json() as unknown, alice: alice.json() as unknown };
}

const me = (app: App, token: string) => app.inject({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${token}` } });

describe.skipIf(!canRun)(`backup and restore (${engineName})`, () => {
  let source: { ctx: TestContext; url: string | null };
  let org: OrgFixture;
  let before: Awaited<ReturnType<typeof figures>>;
  let bobToken: string;
  let file: string;
  beforeAll(async () => {
    source = await sourceApp();
    org = await createOrg(source.ctx);
    const { app } = source.ctx;
    await workMarch(app, org);
    before = await figures(app, org.users.manager.token, org);
    expect(JSON.stringify(before.overview)).toContain(org.users.alice.id);
    // Bob signs in, the backup is taken, then Bob signs out: his session row is gone from the source only.
    bobToken = await login(app, org.users.bob.email);
    file = path.join(tmp, engineName === 'pglite' ? 'in-process.tar.gz' : 'in-process.pgdump');
    if (source.url) {
      await backupPostgres({ url: source.url, outFile: file });
    } else {
      fs.writeFileSync(file, Buffer.from(await (await source.ctx.db.pglite!.dump()).arrayBuffer()));
    }
    const logout = await app.inject({ method: 'POST', url: '/api/auth/logout', headers: { authorization: `Bearer ${bobToken}` } });
    expect(logout.statusCode).toBe(200);
    expect((await me(app, bobToken)).statusCode).toBe(401);
    expect((await me(app, org.users.manager.token)).statusCode).toBe(200);
  });

  it('restores into a fresh database that serves the same figures; every session ends, one ended after the backup too', async () => {
    if (source.url) {
      // pg_dump leaves the session rows out: not even a restore by hand brings one back.
      const list = spawnSync('pg_restore', ['--list', file], { encoding: 'utf8' }).stdout;
      expect(list).toMatch(/TABLE DATA public "?WorkEntry"?/);
      expect(list).not.toMatch(/TABLE DATA public "?Session"?/);
    }
    const restored = await restoreInto(file);
    // The normal start migrates: nothing left to apply.
    expect((await migrateDatabase(restored)).applied).toEqual([]);
    const app2 = await appOn(restored);
    cleanups.push(() => app2.close());

    // Same signing key, yet no token from before the restore is a session any more.
    for (const token of [bobToken, org.users.manager.token, org.users.alice.token]) {
      const res = await me(app2, token);
      expect(res.statusCode).toBe(401);
      expect(res.json()).toMatchObject({ error: { code: 'UNAUTHENTICATED', message: expect.stringMatching(/session has ended/) } });
    }
    expect(await restored.prisma.session.count()).toBe(0);

    const managerAgain = await login(app2, org.users.manager.email);
    expect(await figures(app2, managerAgain, org)).toEqual(before);
  });

  it('refuses a target that is not empty, and a backup of the other engine', async () => {
    if (engineName === 'pglite') {
      const dataDir = path.join(tmp, 'occupied', 'pglite');
      fs.mkdirSync(dataDir, { recursive: true });
      fs.writeFileSync(path.join(dataDir, 'something'), 'x');
      await expect(restorePglite({ backupFile: file, dataDir })).rejects.toThrow(/is not empty.*--force/);
      expect(fs.readdirSync(dataDir)).toEqual(['something']);
      const pgDump = path.join(tmp, 'fake.pgdump');
      fs.writeFileSync(pgDump, 'PGDMP\x01\x0e\x00');
      await expect(restorePglite({ backupFile: pgDump, dataDir: path.join(tmp, 'other', 'pglite') })).rejects.toThrow(/PostgreSQL dump/);
      // --force moves the old folder aside, never deletes it.
      const result = await restorePglite({ backupFile: file, dataDir, force: true });
      expect(result.movedAside).not.toBeNull();
      expect(fs.readdirSync(result.movedAside!)).toEqual(['something']);
      expect(fs.existsSync(path.join(dataDir, 'PG_VERSION'))).toBe(true);
    } else {
      // The source database has tables: not a restore target.
      await expect(restorePostgres({ url: source.url!, backupFile: file })).rejects.toThrow(/is not empty/);
      const tar = path.join(tmp, 'fake.tar.gz');
      fs.writeFileSync(tar, Buffer.from([0x1f, 0x8b, 0x08, 0x00]));
      await expect(restorePostgres({ url: source.url!, backupFile: tar })).rejects.toThrow(BackupError);
    }
  });

  it.skipIf(engineName !== 'postgres')('ends the sessions of a dump made by hand, with the session rows in it (PostgreSQL)', async () => {
    // pg_dump without the exclusion of "Session" rows that pnpm db:backup adds.
    const handMade = path.join(tmp, 'by-hand.pgdump');
    const dump = spawnSync('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', `--file=${handMade}`, `--dbname=${source.url}`], { encoding: 'utf8' });
    expect(dump.status, dump.stderr).toBe(0);
    const sessions = await source.ctx.db.prisma.session.count();
    expect(sessions).toBeGreaterThan(0);
    const restored = await restoreInto(handMade);
    expect(await restored.prisma.session.count()).toBe(0);
    const app2 = await appOn(restored);
    cleanups.push(() => app2.close());
    expect((await me(app2, org.users.manager.token)).statusCode).toBe(401);
  });

  it.skipIf(engineName !== 'pglite')('db:backup asks the running server for the copy; db:restore fills a fresh folder a new server answers the same from (real processes)', async () => {
    const servers: Server[] = [];
    cleanups.push(async () => {
      for (const server of servers) await server.stop();
    });
    const vars = (dataDir: string) => ({ DATA_DIR: dataDir, JWT_SECRET, SEED_DEMO: 'false', LOGIN_RATE_LIMIT: '1000' });
    // A server on a folder with data in it: the backup above, restored.
    const dirA = path.join(tmp, 'server-a');
    await restorePglite({ backupFile: file, dataDir: path.join(dirA, 'pglite') });
    const a = await startServer(vars(dirA));
    servers.push(a);
    expect(fs.existsSync(serverControlFile(path.join(dirA, 'pglite')))).toBe(true);

    const manager = await httpLogin(a.url, org.users.manager.email);
    const bob = await httpLogin(a.url, org.users.bob.email);
    expect(await httpFigures(a.url, manager, org)).toEqual(before);

    const running = path.join(tmp, 'running.tar.gz');
    const backup = runScript('cli/backup.ts', vars(dirA), ['--out', running]);
    expect(await exitWithin(backup, 120_000), backup.output()).toBe(0);
    expect(backup.output()).toMatch(/copied by the server running on it/);
    // Bob signs out after the backup.
    expect((await fetch(`${a.url}/api/auth/logout`, { method: 'POST', headers: { authorization: `Bearer ${bob}` } })).status).toBe(200);

    // The folder in use is never restored over, --force or not.
    const refused = runScript('cli/restore.ts', vars(dirA), [running, '--force']);
    expect(await exitWithin(refused, 120_000)).toBe(1);
    expect(refused.output()).toMatch(/in use/);
    // The backup endpoint wants the server's token; a session does not open it.
    expect((await fetch(`${a.url}/api/admin/backup`, { method: 'POST', headers: { authorization: `Bearer ${manager}` } })).status).toBe(403);

    const dirB = path.join(tmp, 'server-b');
    const restore = runScript('cli/restore.ts', vars(dirB), [running]);
    expect(await exitWithin(restore, 120_000), restore.output()).toBe(0);
    expect(restore.output()).toMatch(/Every session ended \([1-9]\d* in the backup\)/);
    const b = await startServer(vars(dirB));
    servers.push(b);
    // The start-up banner is printed just after the server starts answering.
    for (let i = 0; i < 600 && !b.output().includes('Migrations:'); i++) await new Promise((r) => setTimeout(r, 100));
    expect(b.output()).toMatch(/Migrations: 0 applied now/);
    for (const token of [bob, manager]) {
      const res = await fetch(`${b.url}/api/me`, { headers: { authorization: `Bearer ${token}` } });
      expect(res.status).toBe(401);
    }
    expect(await httpFigures(b.url, await httpLogin(b.url, org.users.manager.email), org)).toEqual(before);
  }, 360_000); // A hang guard for three real server starts and two CLI runs: over 180 s on a heavily loaded two-core machine.
});

/** Restores `file` into a new, empty folder / database and opens it. */
async function restoreInto(file: string): Promise<Database> {
  if (!env.TEST_DATABASE_URL) {
    const dataDir = path.join(tmp, `restored-${newId().slice(0, 8)}`, 'pglite');
    const result = await restorePglite({ backupFile: file, dataDir });
    expect(result.movedAside).toBeNull();
    const db = await openDatabase({ kind: 'pglite', dataDir });
    cleanups.push(() => db.close());
    return db;
  }
  const name = ownedDatabaseName('restore');
  const admin = new pg.Client({ connectionString: env.TEST_DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const baseUrl = env.TEST_DATABASE_URL;
  cleanups.push(() => dropDatabases(baseUrl, [name]));
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  await restorePostgres({ url: url.toString(), backupFile: file });
  const db = await openDatabase({ kind: 'postgres', url: url.toString() });
  cleanups.push(() => db.close());
  return db;
}

async function httpLogin(url: string, email: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: TEST_PASSWORD }) });
  expect(res.status).toBe(200);
  return ((await res.json()) as { token: string }).token;
}

async function httpFigures(url: string, token: string, org: OrgFixture) {
  const get = async (p: string) => {
    const res = await fetch(`${url}${p}`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    return (await res.json()) as unknown;
  };
  return { overview: await get(`/api/diary?month=${MONTH}`), alice: await get(`/api/diary/${org.users.alice.id}?month=${MONTH}`) };
}
