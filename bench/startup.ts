// Start-up time and idle memory of the compiled server (`node apps/api/dist/server.js`), each
// against a bare Fastify hello-world (lib/hello-fastify.mjs) measured in the same run:
// - time from spawn to the first 200 of GET /api/health, on PostgreSQL (when TEST_DATABASE_URL is
//   set) and on PGlite, for an already migrated and seeded database (a restart);
// - `npm start` on this installed tree (set-up fast path + server) to healthy, on PostgreSQL;
// - resident memory (RSS) of the idle server 2 s after it became healthy.
// Medians of RUNS starts, alternating product and reference so load changes hit both alike.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../apps/api/src/test/processes.ts';
import { freshPostgresUrl } from '../apps/api/src/test/database.ts';
import { env, stats } from './lib/harness.ts';
import { printFigure } from './lib/report.ts';

const RUNS = Number(process.argv.find((a) => a.startsWith('--runs='))?.slice(7) ?? 5);
const root = path.resolve(import.meta.dirname, '..');
const fastifyPath = createRequire(path.join(root, 'apps/api/package.json')).resolve('fastify');
const SECRET = 'bench-startup-secret-bench-startup';

type Started = { ms: number; rssMb: number };

/** Spawns a command, polls /api/health until 200, reads the idle RSS, stops it (SIGTERM, then its group). */
async function measure(command: string, args: string[], vars: Record<string, string>, cwd = root): Promise<Started> {
  const port = await freePort();
  const t0 = performance.now();
  const child = spawn(command, args, { cwd, env: { ...process.env, ...vars, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' }, stdio: ['ignore', 'ignore', 'pipe'], detached: true });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${command} ${args.join(' ')} exited ${child.exitCode}: ${stderr}`);
      if (performance.now() - t0 > 120_000) throw new Error(`${command} not healthy within 120 s: ${stderr}`);
      const ok = await fetch(`http://127.0.0.1:${port}/api/health`).then((r) => r.ok, () => false);
      if (ok) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    const ms = performance.now() - t0;
    await new Promise((r) => setTimeout(r, 2000));
    return { ms, rssMb: serverRssMb(child.pid as number) };
  } finally {
    const exited = new Promise((r) => child.once('exit', r));
    try {
      process.kill(-(child.pid as number), 'SIGTERM');
    } catch {
      // already gone
    }
    await exited;
  }
}

/** RSS of the node process serving (for `npm start`: the deepest node descendant of the group). */
function serverRssMb(pid: number): number {
  const children = (p: number): number[] => {
    try {
      return fs.readFileSync(`/proc/${p}/task/${p}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
    } catch {
      return [];
    }
  };
  let target = pid;
  for (let next = children(target); next.length > 0; next = children(target)) target = next[next.length - 1] as number;
  const status = fs.readFileSync(`/proc/${target}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? NaN) / 1024;
}

async function compare(label: string, product: () => Promise<Started>, target: string, rssTarget?: string) {
  const p: Started[] = [];
  const r: Started[] = [];
  for (let i = 0; i < RUNS; i++) {
    r.push(await measure(process.execPath, [path.join(root, 'bench/lib/hello-fastify.mjs'), fastifyPath], {}));
    p.push(await product());
  }
  printFigure({ figure: `${label}, start to healthy (median of ${RUNS})`, product: stats(p.map((s) => s.ms)).median, reference: stats(r.map((s) => s.ms)).median, unit: 'ms', target });
  if (rssTarget) {
    printFigure({ figure: `${label}, idle server RSS`, product: stats(p.map((s) => s.rssMb)).median, reference: stats(r.map((s) => s.rssMb)).median, unit: 'MB', target: rssTarget });
  }
}

console.log(`node ${process.version}, ${os.cpus().length} cores, load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}; reference: bare Fastify hello-world`);
execFileSync(process.execPath, [path.join(root, 'apps/api/build.mjs')], { stdio: 'inherit' });
const server = path.join(root, 'apps/api/dist/server.js');
const base = { NODE_ENV: 'production', JWT_SECRET: SECRET, SEED_DEMO: 'true', COOKIE_SECURE: 'false', WEB_DIST: path.join(root, 'apps/web/dist') };

if (env.TEST_DATABASE_URL) {
  const fresh = await freshPostgresUrl(env.TEST_DATABASE_URL);
  try {
    const vars = { ...base, DATABASE_URL: fresh.url };
    await measure(process.execPath, [server], vars); // first start: seeds the demo data
    await compare('PostgreSQL server (node dist/server.js)', () => measure(process.execPath, [server], vars), '≤ 3 s', '≤ 150 MB');
    // The whole `npm start` on this installed tree: set-up fast path, then the server.
    await compare('`npm start` on PostgreSQL, installed tree', () => measure('npm', ['start', '--silent'], vars), '≤ 3 s');
  } finally {
    await fresh.drop();
  }
} else {
  console.log('PostgreSQL figures skipped: set TEST_DATABASE_URL=postgres://… to measure them.');
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wd-bench-startup-'));
try {
  const vars = { ...base, DATA_DIR: dataDir };
  await measure(process.execPath, [server], vars); // first start: creates the PGlite folder and seeds
  await compare('PGlite server (node dist/server.js)', () => measure(process.execPath, [server], vars), 'as close to 3 s as PGlite allows', 'PGlite: the embedded database lives in this process');
} finally {
  fs.rmSync(dataDir, { recursive: true, force: true });
}
