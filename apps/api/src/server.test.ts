import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DataDirInUseError, lockDataDir } from './db/data-dir-lock.ts';
import { openDatabase } from './db/engine.ts';
import { engineName } from './test/helper.ts';
import { exitWithin, runScript, startServer, type Server } from './test/processes.ts';

// Real processes on PGlite data folders: run once, on the PGlite pass of the API tests.
const SECRET = 'server-test-secret-server-test-secret';
const dirs: string[] = [];
const running: Server[] = [];
afterAll(async () => {
  await Promise.all(running.map((s) => s.stop()));
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});
function tempDir() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wd-server-test-'));
  dirs.push(dir);
  return dir;
}

const json = (body: unknown) => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const setupBody = {
  organization: { name: 'Lock Test Ltd', timeZone: 'Europe/Berlin', currency: 'EUR' },
  admin: { name: 'Lena Lock', email: 'lena@lock.example', password: 'a-long-enough-password' },
};

describe.skipIf(engineName !== 'pglite')('the production server process (PGlite)', () => {
  it('refuses to start with NODE_ENV=production and no JWT_SECRET, naming the variable and writing nothing', async () => {
    const dataDir = path.join(tempDir(), 'data');
    const proc = runScript('server.ts', { NODE_ENV: 'production', DATA_DIR: dataDir, PORT: '0' });
    expect(await exitWithin(proc, 30_000)).toBe(1);
    expect(proc.output()).toMatch(/JWT_SECRET is required when NODE_ENV=production/);
    expect(fs.existsSync(dataDir)).toBe(false);
  });

  it('on an empty database seeds no demo users and offers the first-run setup; a second process on the folder stops at once; the first keeps every write', async () => {
    const dataDir = path.join(tempDir(), 'data');
    const vars = { NODE_ENV: 'production', JWT_SECRET: SECRET, DATA_DIR: dataDir, COOKIE_SECURE: 'false' };
    const first = await startServer(vars);
    running.push(first);

    expect(await (await fetch(`${first.url}/api/setup`)).json()).toEqual({ needed: true });
    const demo = await fetch(`${first.url}/api/auth/login`, json({ email: 'admin@example.com', password: 'workdiary' }));
    expect(demo.status).toBe(401);

    const setup = await fetch(`${first.url}/api/setup`, json(setupBody));
    expect(setup.status).toBe(201);
    const { token } = (await setup.json()) as { token: string };
    const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };

    // A second server and a CLI command on the folder in use: non-zero exit, the folder and the holder's pid named.
    const lockFile = `${path.join(dataDir, 'pglite')}.lock`;
    const before = fs.readFileSync(lockFile, 'utf8');
    const second = runScript('server.ts', { ...vars, PORT: '0' });
    const migrate = runScript('cli/migrate.ts', vars);
    expect(await exitWithin(second, 30_000)).not.toBe(0);
    expect(await exitWithin(migrate, 30_000)).not.toBe(0);
    for (const proc of [second, migrate]) {
      expect(proc.output()).toContain(`The database folder ${path.join(dataDir, 'pglite')} is in use`);
      expect(proc.output()).toContain(`pid ${first.child.pid}`);
      expect(proc.output(), 'a message, not a stack trace').not.toMatch(/\n\s+at /);
    }
    expect(fs.readFileSync(lockFile, 'utf8')).toBe(before);

    // The first still serves and acknowledges writes, and they are all there after a clean stop.
    const names = ['Before Ltd', 'After Ltd', 'Last Ltd'];
    for (const name of names) {
      const res = await fetch(`${first.url}/api/customers`, { method: 'POST', headers: auth, body: JSON.stringify({ name }) });
      expect(res.status).toBe(201);
    }
    expect(await first.stop()).toBe(0);
    expect(fs.existsSync(lockFile)).toBe(false);

    const reopened = await openDatabase({ kind: 'pglite', dataDir: path.join(dataDir, 'pglite') });
    try {
      const customers = await reopened.prisma.customer.findMany({ orderBy: { name: 'asc' } });
      expect(customers.map((c) => c.name)).toEqual([...names].sort());
      expect(await reopened.prisma.user.count({ where: { email: 'admin@example.com' } })).toBe(0);
    } finally {
      await reopened.close();
    }
    // Three processes start here, the first creating a new PGlite folder: slow on a busy machine.
  }, 240_000);

  it('takes over a stale lock left by a process that is gone', async () => {
    const dataDir = path.join(tempDir(), 'data', 'pglite');
    fs.mkdirSync(path.dirname(dataDir), { recursive: true });
    // A pid far above any real one (pid_max is at most 2^22).
    fs.writeFileSync(`${dataDir}.lock`, JSON.stringify({ pid: 2 ** 22 + 12345, host: os.hostname(), since: '2026-01-01T00:00:00Z' }));
    const lock = lockDataDir(dataDir);
    expect(JSON.parse(fs.readFileSync(`${dataDir}.lock`, 'utf8')).pid).toBe(process.pid);
    // Held by this (live) process now: a second taker is refused.
    expect(() => lockDataDir(dataDir)).toThrow(DataDirInUseError);
    lock.release();
    expect(fs.existsSync(`${dataDir}.lock`)).toBe(false);
  });
});
