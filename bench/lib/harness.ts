// Shared pieces for benchmarks: a fresh database per engine, the app on it, and timing stats.
import { buildApp } from '../../apps/api/src/app.ts';
import { readEnv } from '../../apps/api/src/config/env.ts';
import type { Database } from '../../apps/api/src/db/engine.ts';
import type { App } from '../../apps/api/src/lib/types.ts';
import { freshDatabase } from '../../apps/api/src/test/database.ts';
import { createSession } from '../../apps/api/src/modules/auth/sessions.service.ts';

export const env = readEnv({ NODE_ENV: 'test', LOG_LEVEL: 'silent' });

export type Engine = { name: 'pglite' | 'postgres'; url?: string };

/** PGlite always; PostgreSQL too when TEST_DATABASE_URL points at a server (a throwaway database is made on it). */
export function engines(): Engine[] {
  const list: Engine[] = [{ name: 'pglite' }];
  if (env.TEST_DATABASE_URL) list.push({ name: 'postgres', url: env.TEST_DATABASE_URL });
  return list;
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

export const ms = (n: number) => `${n.toFixed(1)} ms`;
export const fmt = (s: Stats) => `median ${ms(s.median)}  p95 ${ms(s.p95)}  min ${ms(s.min)}  max ${ms(s.max)}  (${s.runs} runs)`;
