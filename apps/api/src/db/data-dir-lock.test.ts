import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { engineName } from '../test/helper.ts';
import { exitWithin, runNode, runScript, startServer, type Proc, type Server } from '../test/processes.ts';
import { DataDirInUseError, lockDataDir } from './data-dir-lock.ts';

// The PGlite folder lock (flock): in this process, in racing processes and in real servers.
// Nothing here depends on the database engine: run once, on the PGlite pass.
const SECRET = 'data-dir-lock-test-secret-data-dir-lock';
const dirs: string[] = [];
const procs: Proc[] = [];
afterAll(async () => {
  for (const proc of procs) if (proc.child.exitCode === null && proc.child.signalCode === null) proc.child.kill('SIGKILL');
  await Promise.all(procs.map((p) => p.exited));
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});
function tempDir() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wd-lock-test-'));
  dirs.push(dir);
  return dir;
}
const lockContent = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8')) as { pid: number; host: string };
/** The lock a process killed with -9 leaves behind, as another container would have written it. */
const staleLock = (pid: number, host = os.hostname()) => JSON.stringify({ pid, host, since: '2026-01-01T00:00:00.000Z' });

async function until(cond: () => boolean, what: string, ms = 60_000) {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > ms) throw new Error(`${what}: not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe.skipIf(engineName !== 'pglite')('the PGlite data-folder lock', () => {
  it.each([
    ['pid 1 (a container restarted after kill -9: the new process is pid 1 again)', () => staleLock(1)],
    ["this very process's pid (the pid was reused)", () => staleLock(process.pid)],
    ['another host name (a container recreated on the same volume)', () => staleLock(2 ** 22 + 12345, 'old-container-7f3a')],
    ['another host name and a live pid', () => staleLock(1, 'old-container-7f3a')],
    ['nothing readable (a crash while writing it)', () => ''],
  ])('takes over a lock file left behind that names %s, and then holds it', (_name, content) => {
    const dataDir = path.join(tempDir(), 'pglite');
    fs.writeFileSync(`${dataDir}.lock`, content());
    const lock = lockDataDir(dataDir);
    try {
      expect(lockContent(`${dataDir}.lock`)).toMatchObject({ pid: process.pid, host: os.hostname() });
      // Held now: a second taker (another open file, as another process would have) is refused.
      expect(() => lockDataDir(dataDir)).toThrow(DataDirInUseError);
    } finally {
      lock.release();
    }
    expect(fs.existsSync(`${dataDir}.lock`)).toBe(false);
    lockDataDir(dataDir).release(); // and free again
  });

  it('of many processes starting together on a left-behind lock, exactly one wins', async () => {
    const dataDir = path.join(tempDir(), 'pglite');
    // Names a process that is gone: every starter finds a stale lock to take over.
    fs.writeFileSync(`${dataDir}.lock`, staleLock(2 ** 22 + 12345));
    // Each waits for SIGUSR1, so all try in the same moment; a winner holds until killed.
    const script = `
      const { lockDataDir } = await import('./src/db/data-dir-lock.ts');
      process.on('SIGUSR1', () => {
        try { lockDataDir(${JSON.stringify(dataDir)}); console.log('RESULT won'); }
        catch (err) { console.log('RESULT ' + (err.name === 'DataDirInUseError' ? 'refused' : 'error ' + err.message)); }
        setTimeout(() => undefined, 120_000);
      });
      console.log('READY');
      setTimeout(() => undefined, 120_000);
    `;
    const racers = Array.from({ length: 6 }, () => runNode(['--import', 'tsx', '--input-type=module', '-e', script], {}));
    procs.push(...racers);
    await until(() => racers.every((r) => r.output().includes('READY')), 'every racer ready', 120_000);
    for (const racer of racers) racer.child.kill('SIGUSR1');
    await until(() => racers.every((r) => r.output().includes('RESULT')), 'every racer tried');
    const results = racers.map((r) => /RESULT (.*)/.exec(r.output())?.[1]);
    expect(results.filter((r) => r === 'won'), results.join(', ')).toHaveLength(1);
    expect(results.filter((r) => r === 'refused'), results.join(', ')).toHaveLength(racers.length - 1);
    const winner = racers[results.indexOf('won')]!;
    expect(lockContent(`${dataDir}.lock`).pid).toBe(winner.child.pid);
    for (const racer of racers) racer.child.kill('SIGKILL');
    await Promise.all(racers.map((r) => r.exited));
    // The winner died with -9: its lock died with it.
    lockDataDir(dataDir).release();
  }, 180_000);

  it('locks a symlinked folder as the folder it points to, and refuses with a readable message', async () => {
    const root = tempDir();
    const real = path.join(root, 'volume', 'pglite');
    fs.mkdirSync(real, { recursive: true });
    const dataDir = path.join(root, 'app-data');
    fs.mkdirSync(dataDir);
    fs.symlinkSync(real, path.join(dataDir, 'pglite'));

    // Either way round: the folder and a link to it are one folder.
    const byFolder = lockDataDir(real);
    expect(() => lockDataDir(path.join(dataDir, 'pglite'))).toThrow(DataDirInUseError);
    byFolder.release();
    const byLink = lockDataDir(path.join(dataDir, 'pglite'));
    expect(() => lockDataDir(real)).toThrow(DataDirInUseError);

    // A server on the link while the folder is held stops at once with a message, not [object Object].
    const server = runScript('server.ts', { NODE_ENV: 'production', JWT_SECRET: SECRET, DATA_DIR: dataDir, PORT: '0' });
    procs.push(server);
    expect(await exitWithin(server, 60_000)).toBe(1);
    expect(server.output()).toContain(`The database folder ${path.join(dataDir, 'pglite')} is in use by another Workdiary process (pid ${process.pid})`);
    expect(server.output()).not.toContain('[object Object]');
    expect(server.output(), 'a message, not a stack trace').not.toMatch(/\n\s+at /);
    byLink.release();
  }, 120_000);

  it('a server killed with -9 and started again as pid 1 of a recreated container (another host name) starts and keeps its data', async () => {
    const dataDir = path.join(tempDir(), 'data');
    const vars = { NODE_ENV: 'production', JWT_SECRET: SECRET, DATA_DIR: dataDir, COOKIE_SECURE: 'false' };
    const first: Server = await startServer(vars);
    procs.push(first);
    const setup = await fetch(`${first.url}/api/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        organization: { name: 'Crash Ltd', timeZone: 'Europe/Berlin', currency: 'EUR' },
        admin: { name: 'Cora Crash', email: 'cora@crash.example', password: 'a-long-enough-password' },
      }),
    });
    expect(setup.status).toBe(201);
    first.child.kill('SIGKILL');
    expect(await first.exited).toBeNull();

    const lockFile = path.join(dataDir, 'pglite.lock');
    expect(lockContent(lockFile).pid, 'kill -9 leaves the file behind').toBe(first.child.pid);
    // What the old container wrote: pid 1 (alive here: the machine's init) on the old host name.
    fs.writeFileSync(lockFile, staleLock(1, 'old-container-7f3a'));

    const second = await startServer(vars);
    procs.push(second);
    expect(lockContent(lockFile).pid).toBe(second.child.pid);
    expect(await (await fetch(`${second.url}/api/setup`)).json()).toEqual({ needed: false });
    const login = await fetch(`${second.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'cora@crash.example', password: 'a-long-enough-password' }),
    });
    expect(login.status).toBe(200);
    expect(await second.stop()).toBe(0);
    expect(fs.existsSync(lockFile)).toBe(false);
  }, 300_000);
});
