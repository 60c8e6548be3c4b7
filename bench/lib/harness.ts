// Shared pieces for benchmarks: a fresh database per engine, the app on it, and timing stats.
import fs from 'node:fs';
import { buildApp } from '../../apps/api/src/app.ts';
import { readEnv } from '../../apps/api/src/config/env.ts';
import type { Database } from '../../apps/api/src/db/engine.ts';
import type { App } from '../../apps/api/src/lib/types.ts';
import { dropOwnTemplate, freshDatabase } from '../../apps/api/src/test/database.ts';
import { createSession } from '../../apps/api/src/modules/auth/sessions.service.ts';

export const env = readEnv({ NODE_ENV: 'test', LOG_LEVEL: 'silent' });

export type Engine = { name: 'pglite' | 'postgres'; url?: string };

/** PGlite always; PostgreSQL too when TEST_DATABASE_URL points at a server (a throwaway database is made on it); BENCH_ENGINE picks one. */
export function engines(): Engine[] {
  const list: Engine[] = [{ name: 'pglite' }];
  if (env.TEST_DATABASE_URL) list.push({ name: 'postgres', url: env.TEST_DATABASE_URL });
  // BENCH_ENGINE=postgres (or pglite): only that one.
  const only = process.env.BENCH_ENGINE;
  return only ? list.filter((e) => e.name === only) : list;
}

export async function openBench(engine: Engine): Promise<{ db: Database; app: App; tokenFor: (userId: string, orgId: string) => Promise<string>; close: () => Promise<void> }> {
  const db = await freshDatabase(engine.url);
  const app = await buildApp({ database: db, env, jwtSecret: 'bench-secret-bench-secret-bench' });
  await app.ready();
  return {
    db,
    app,
    // A real session row: the auth hook reads it on every request, as in production.
    tokenFor: async (userId, orgId) => {
      const session = await createSession({ prisma: db.prisma, user: { id: userId, organizationId: orgId }, device: 'bench', now: new Date() });
      return app.jwt.sign({ sub: userId, org: orgId, sid: session.id });
    },
    async close() {
      await app.close();
      await db.close();
      // The migrated template its database was copied from (a test run's teardown drops its own).
      if (engine.url) await dropOwnTemplate(engine.url);
    },
  };
}

export type Stats = { runs: number; min: number; median: number; p95: number; max: number; mean: number };

export function stats(samples: number[]): Stats {
  const s = [...samples].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))] ?? NaN;
  return { runs: s.length, min: s[0] ?? NaN, median: q(0.5), p95: q(0.95), max: s.at(-1) ?? NaN, mean: s.reduce((a, b) => a + b, 0) / s.length };
}

/** Runs `fn` `warmup` times untimed, then `runs` times timed (ms). */
export async function time(fn: () => Promise<unknown>, { runs = 30, warmup = 3 } = {}): Promise<Stats> {
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    samples.push(performance.now() - t);
  }
  return stats(samples);
}

/**
 * Times several functions interleaved (a, b, a, b, …) after `warmup` untimed rounds, so each sees
 * the same machine load; returns their stats in the same order.
 */
export async function interleaved(fns: Array<() => Promise<unknown>>, { runs = 30, warmup = 3 } = {}): Promise<Stats[]> {
  for (let i = 0; i < warmup; i++) for (const fn of fns) await fn();
  const samples = fns.map(() => [] as number[]);
  for (let i = 0; i < runs; i++) {
    for (const [k, fn] of fns.entries()) {
      const t = performance.now();
      await fn();
      samples[k]?.push(performance.now() - t);
    }
  }
  return samples.map(stats);
}

export const ms = (n: number) => `${n.toFixed(1)} ms`;
export const fmt = (s: Stats) => `median ${ms(s.median)}  p95 ${ms(s.p95)}  min ${ms(s.min)}  max ${ms(s.max)}  (${s.runs} runs)`;

/**
 * One run of `fn` with what the process went through meanwhile: wall time, peak resident memory
 * above the idle level just before (Linux: VmHWM after resetting it through /proc/self/clear_refs;
 * run with --expose-gc so idle is measured after a collection), and the longest stretch the event
 * loop was held: the worst lateness of a 1 ms timer (`loopMaxMs`), and, because on a loaded
 * machine a process that merely waits for a core looks blocked too, the most CPU time the main
 * thread itself spent between two ticks of that timer (`loopMaxCpuMs`, from
 * /proc/self/task/<pid>/stat, in 10 ms ticks: values up to 10 ms mean "less than a tick").
 */
export type RunCost = { ms: number; peakAboveIdleMB: number; loopMaxMs: number; loopMaxCpuMs: number };

const MB = 1024 * 1024;
const statusKb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(fs.readFileSync('/proc/self/status', 'utf8'))?.[1] ?? NaN);
const TICK_MS = 10; // USER_HZ = 100 on Linux
/** CPU time of the main thread (the event loop), in ms. */
function mainThreadCpuMs(): number {
  const stat = fs.readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS; // utime, stime
}

export async function measureRun(fn: () => Promise<unknown>): Promise<RunCost> {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  await new Promise((resolve) => setTimeout(resolve, 50));
  const idle = statusKb('VmRSS');
  fs.writeFileSync('/proc/self/clear_refs', '5');
  let loopMax = 0;
  let loopMaxCpu = 0;
  let last = performance.now();
  let lastCpu = mainThreadCpuMs();
  const sample = () => {
    const t = performance.now();
    const cpu = mainThreadCpuMs();
    loopMax = Math.max(loopMax, t - last - 1);
    loopMaxCpu = Math.max(loopMaxCpu, Math.min(t - last, cpu - lastCpu));
    last = t;
    lastCpu = cpu;
  };
  const probe = setInterval(sample, 1);
  const started = performance.now();
  try {
    await fn();
  } finally {
    clearInterval(probe);
  }
  // A synchronous stretch at the very end (the probe never got to fire after it) counts too.
  sample();
  const elapsed = performance.now() - started;
  return {
    ms: elapsed,
    peakAboveIdleMB: Math.max(0, ((statusKb('VmHWM') - idle) * 1024) / MB),
    loopMaxMs: Math.max(0, loopMax),
    loopMaxCpuMs: loopMaxCpu,
  };
}

/** Over several runs: the median time, the highest peak memory and the longest event-loop block. */
export function summarize(runs: RunCost[]): RunCost {
  return {
    ms: stats(runs.map((r) => r.ms)).median,
    peakAboveIdleMB: Math.max(...runs.map((r) => r.peakAboveIdleMB)),
    loopMaxMs: Math.max(...runs.map((r) => r.loopMaxMs)),
    loopMaxCpuMs: Math.max(...runs.map((r) => r.loopMaxCpuMs)),
  };
}
