// Benchmark: timer start + stop under 64 concurrent users, against a bare Fastify hello-world
// driven by the same load generator (issue 12). Each server runs in its own process
// (bench/_timer-server.ts); this process is the load generator: 64 virtual users, each on its own
// keep-alive connection, each looping start → stop. Product and reference rounds alternate.
//   pnpm bench timer                                                        (PGlite)
//   TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres pnpm bench timer   (PostgreSQL)
// Knobs: BENCH_USERS (64), BENCH_SECONDS per round (8), BENCH_ROUNDS (2), BENCH_MONTHS of seeded
// history (12, for 200 users: ~230,000 entries), DATABASE_POOL_SIZE (the server's pool),
// BENCH_CYCLES: each user does exactly that many start → stop cycles a round instead of looping
// for BENCH_SECONDS (issue 23's "200 users × 10 cycles": BENCH_USERS=200 BENCH_CYCLES=10).
import { fork, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { readEnv } from '../apps/api/src/config/env.ts';
import { stats } from './lib/harness.ts';
import { Connection } from './lib/http-client.ts';
import { printFigure } from './lib/report.ts';
import type { TraceReport } from './lib/trace.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const env = readEnv({ NODE_ENV: 'test', LOG_LEVEL: 'silent' });
const USERS = Number(process.env.BENCH_USERS ?? 64);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const CYCLES = process.env.BENCH_CYCLES ? Number(process.env.BENCH_CYCLES) : null;
// BENCH_TRACE=1: after each product round, what the server did (queries by text, pool waits,
// server-side time per route, event-loop use); see lib/trace.ts. BENCH_CPU_PROF=<dir>: the
// product server also writes a V8 CPU profile of each measured round there (open in DevTools).
const TRACE = Boolean(process.env.BENCH_TRACE || process.env.BENCH_CPU_PROF);

function ask<T>(child: ChildProcess, message: object, key: string): Promise<T> {
  return new Promise((resolve) => {
    const on = (m: unknown) => {
      if (m && typeof m === 'object' && key in m) {
        child.off('message', on);
        resolve(m as T);
      }
    };
    child.on('message', on);
    child.send(message);
  });
}

function printTrace({ trace }: { trace: TraceReport & { generator: number } }) {
  const per = (t: { count: number; ms: number }) => `${t.count} × ${(t.ms / Math.max(1, t.count)).toFixed(2)} ms`;
  const c = trace.cpu;
  const requests = Object.values(trace.requests).reduce((s, t) => s + t.count, 0);
  const perReq = (sec: number) => `${((sec * 1000) / Math.max(1, requests)).toFixed(2)} ms/req`;
  console.log(`[trace] ${trace.seconds.toFixed(1)} s, ${requests} requests; server event loop ${(trace.eventLoopUtilization * 100).toFixed(0)} % busy; pool connects ${per(trace.poolWaits)} (max ${trace.poolWaits.max.toFixed(0)} ms)`);
  console.log(`[trace]   CPU: server ${c.server.toFixed(2)} s (${perReq(c.server)}; kernel ${c.serverSystem.toFixed(2)} s), PostgreSQL backends ${c.backends.toFixed(2)} s (${perReq(c.backends)}), generator ${trace.generator.toFixed(2)} s; machine ${c.machineBusy.toFixed(2)} of ${c.machineTotal.toFixed(2)} core-s busy (others ${(c.machineBusy - c.server - c.backends - trace.generator).toFixed(2)})`);
  for (const [k, t] of Object.entries(trace.requests)) console.log(`[trace]   request ${k}: ${per(t)}`);
  for (const [k, t] of Object.entries(trace.queries).sort((a, b) => b[1].count - a[1].count)) console.log(`[trace]   query ${per(t)}  ${k}`);
}

type Ready = { port: number; tokens?: string[]; customerIds?: string[]; categoryId?: string; entries?: number; seedSeconds?: number };
type Verified = { entries: number; running: number; audit: Record<string, number> };

async function startServer(kind: 'product' | 'hello'): Promise<{ child: ChildProcess; ready: Ready }> {
  const child = fork(path.join(here, '_timer-server.ts'), [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
    env: { ...process.env, BENCH_KIND: kind, BENCH_USERS: String(USERS), ...(env.TEST_DATABASE_URL ? { BENCH_DATABASE_URL: env.TEST_DATABASE_URL } : {}) },
  });
  const lines = readline.createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const ready = await new Promise<Ready>((resolve, reject) => {
    lines.once('line', (line) => resolve(JSON.parse(line) as Ready));
    child.once('exit', (code) => reject(new Error(`${kind} server exited (${code}) before it was ready`)));
  });
  return { child, ready };
}

// The generator's HTTP client: BENCH_CLIENT=raw (default; lib/http-client.ts, one keep-alive
// socket per user, a fraction of node:http's CPU per request) or node (node:http with a keep-alive
// agent, as before; for comparing what the generator itself costs).
const CLIENT = process.env.BENCH_CLIENT === 'node' ? 'node' : 'raw';
const agent = new http.Agent({ keepAlive: true, maxSockets: USERS });
const connections = new Map<string, Connection>();

function request(port: number, user: number, method: string, url: string, token?: string, body?: unknown): Promise<{ status: number; ms: number }> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  if (CLIENT === 'raw') {
    const key = `${port}/${user}`;
    let conn = connections.get(key);
    if (!conn) {
      conn = new Connection(port);
      connections.set(key, conn);
    }
    return conn.request(method, url, token ? { authorization: `Bearer ${token}` } : {}, payload);
  }
  const t = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.request({
      host: '127.0.0.1', port, method, path: url, agent,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}) },
    }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - t }));
    });
    req.on('error', reject);
    req.end(payload);
  });
}

type Round = { requests: number; cycles: number; seconds: number; latencies: number[]; starts: number; stops: number; failures: Map<string, number> };

/** USERS loops of start → stop (product) or GET / → GET / (reference) for `seconds`, or `cycles` of them each. */
async function drive(port: number, ready: Ready, kind: 'product' | 'hello', seconds: number, cycles: number | null = null): Promise<Round> {
  const round: Round = { requests: 0, cycles: 0, seconds, latencies: [], starts: 0, stops: 0, failures: new Map() };
  const fail = (what: string) => round.failures.set(what, (round.failures.get(what) ?? 0) + 1);
  const until = performance.now() + seconds * 1000;
  const t0 = performance.now();
  await Promise.all(Array.from({ length: USERS }, async (_, i) => {
    const token = ready.tokens?.[i];
    const customerIds = ready.customerIds ?? [];
    for (let done = 0; cycles === null ? performance.now() < until : done < cycles; done++) {
      if (kind === 'hello') {
        for (let k = 0; k < 2; k++) {
          const r = await request(port, i, 'GET', '/');
          round.requests++;
          round.latencies.push(r.ms);
        }
        round.cycles++;
        continue;
      }
      const started = await request(port, i, 'POST', '/api/timer/start', token, { customerId: customerIds[i % customerIds.length], categoryId: ready.categoryId });
      round.requests++;
      round.latencies.push(started.ms);
      if (started.status === 201) round.starts++;
      else fail(`start ${started.status}`);
      const stopped = await request(port, i, 'POST', '/api/timer/stop', token, { note: 'bench' });
      round.requests++;
      round.latencies.push(stopped.ms);
      if (stopped.status === 200) round.stops++;
      else fail(`stop ${stopped.status}`);
      if (started.status === 201 && stopped.status === 200) round.cycles++;
    }
  }));
  round.seconds = (performance.now() - t0) / 1000;
  return round;
}

function merge(rounds: Round[]): Round {
  const failures = new Map<string, number>();
  for (const r of rounds) for (const [k, v] of r.failures) failures.set(k, (failures.get(k) ?? 0) + v);
  return {
    requests: rounds.reduce((s, r) => s + r.requests, 0),
    cycles: rounds.reduce((s, r) => s + r.cycles, 0),
    seconds: rounds.reduce((s, r) => s + r.seconds, 0),
    latencies: rounds.flatMap((r) => r.latencies),
    starts: rounds.reduce((s, r) => s + r.starts, 0),
    stops: rounds.reduce((s, r) => s + r.stops, 0),
    failures,
  };
}

const engine = env.TEST_DATABASE_URL ? 'postgres' : 'pglite';
const [product, hello] = await Promise.all([startServer('product'), startServer('hello')]);
try {
  console.log(`[timer] ${engine}: ${CLIENT === 'raw' ? 'raw keep-alive sockets' : 'node:http client'}, ${USERS} users, seeded ${product.ready.entries} entries in ${product.ready.seedSeconds?.toFixed(1)} s; pool ${process.env.DATABASE_POOL_SIZE ?? 'default'}; ${ROUNDS} × ${CYCLES === null ? `${SECONDS} s` : `${CYCLES} cycles a user`} per side`);
  // Warm-up, not counted: JIT, connection pools, the organisation cache.
  await drive(hello.ready.port, hello.ready, 'hello', 1);
  const warm = await drive(product.ready.port, product.ready, 'product', 2);
  const productRounds: Round[] = [];
  const helloRounds: Round[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    helloRounds.push(await drive(hello.ready.port, hello.ready, 'hello', SECONDS / 2, CYCLES));
    if (TRACE) await ask(product.child, { trace: 'reset' }, 'traceReset');
    const cpu0 = process.cpuUsage();
    productRounds.push(await drive(product.ready.port, product.ready, 'product', SECONDS, CYCLES));
    const cpu = process.cpuUsage(cpu0);
    if (TRACE) {
      const { trace } = await ask<{ trace: TraceReport }>(product.child, { trace: 'report' }, 'trace');
      printTrace({ trace: { ...trace, generator: (cpu.user + cpu.system) / 1e6 } });
    }
  }
  const p = merge(productRounds);
  const h = merge(helloRounds);
  const pl = stats(p.latencies);
  const hl = stats(h.latencies);
  const verified = await ask<Verified>(product.child, { verify: true }, 'entries');
  const starts = p.starts + warm.starts;
  const stops = p.stops + warm.stops;
  const lost = Math.max(0, starts - verified.entries) + Math.max(0, starts - (verified.audit.START ?? 0)) + Math.max(0, stops - (verified.audit.STOP ?? 0));
  const double = Math.max(0, verified.entries - starts) + Math.max(0, (verified.audit.START ?? 0) - starts) + Math.max(0, (verified.audit.STOP ?? 0) - stops) + verified.running;
  console.log(`[timer] ${engine} product: ${p.requests} requests, ${p.cycles} cycles in ${p.seconds.toFixed(1)} s; latency p50 ${pl.median.toFixed(1)} ms, p95 ${pl.p95.toFixed(1)} ms, max ${pl.max.toFixed(0)} ms; refused ${JSON.stringify(Object.fromEntries(p.failures))}`);
  console.log(`[timer] ${engine} reference: ${h.requests} requests in ${h.seconds.toFixed(1)} s; latency p50 ${hl.median.toFixed(1)} ms, p95 ${hl.p95.toFixed(1)} ms`);
  console.log(`[timer] ${engine} check: ${starts} starts and ${stops} stops answered; database holds ${verified.entries} new entries, ${verified.running} running, audit ${JSON.stringify(verified.audit)} → ${lost} lost, ${double} double`);
  printFigure({ figure: `timer start+stop, ${USERS} users, ${engine}, throughput`, product: p.requests / p.seconds, reference: h.requests / h.seconds, unit: 'req/s', target: '≥ 0.035× (10× the 0.0035× of issue 12)' });
  printFigure({ figure: `timer start+stop, ${USERS} users, ${engine}, cycles`, product: p.cycles / p.seconds, reference: 43, unit: 'cycles/s', target: '≥ 10× issue 12’s 43 cycles/s' });
  const shape = CYCLES === null ? `${USERS} users` : `${USERS} users × ${CYCLES} cycles`;
  printFigure({ figure: `timer start+stop, ${shape}, ${engine}, p95`, product: pl.p95, reference: hl.p95, unit: 'ms', target: CYCLES === null ? 'product ≤ 50 ms (issue 23)' : 'product ≤ 250 ms (issue 23)' });
  printFigure({ figure: `timer start+stop, ${USERS} users, ${engine}, lost + double`, product: lost + double, reference: 0, unit: '', target: '0' });
} finally {
  agent.destroy();
  for (const conn of connections.values()) conn.close();
  for (const s of [product, hello]) s.child.disconnect();
  await Promise.all([product, hello].map((s) => new Promise((resolve) => (s.child.exitCode !== null ? resolve(null) : s.child.once('exit', resolve)))));
}
