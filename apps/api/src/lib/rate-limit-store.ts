import type { FastifyRateLimitOptions, FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { UnscopedSql } from '../db/engine.ts';

/** Expired windows are deleted now and then (every this many increments of one process). */
const SWEEP_EVERY = 500;

/**
 * Counts one hit on `key` in its fixed window (started by the first hit, `windowMs` long): one
 * upsert that starts a new window when the old one has expired and otherwise adds one, atomic
 * under concurrent requests on any instance. Returns the hits so far and the time left.
 */
export async function countHit(sql: UnscopedSql, key: string, windowMs: number): Promise<{ hits: number; ttlMs: number }> {
  const [row] = await sql.query<{ hits: number; ttl: number }>(
    `INSERT INTO "RateLimitWindow" AS w ("key", "hits", "resetAt")
     VALUES ($1, 1, now() + $2 * interval '1 millisecond')
     ON CONFLICT ("key") DO UPDATE SET
       "hits" = CASE WHEN w."resetAt" <= now() THEN 1 ELSE w."hits" + 1 END,
       "resetAt" = CASE WHEN w."resetAt" <= now() THEN EXCLUDED."resetAt" ELSE w."resetAt" END
     RETURNING "hits", (EXTRACT(EPOCH FROM ("resetAt" - now())) * 1000)::float8 AS "ttl"`,
    [key, windowMs],
  );
  return { hits: Number(row?.hits ?? 1), ttlMs: Math.max(0, Math.ceil(Number(row?.ttl ?? windowMs))) };
}

/**
 * A @fastify/rate-limit store in the database ("RateLimitWindow"), so the limits of sign-in,
 * setup and the password forms count every instance's requests together (one countHit each).
 */
export function databaseRateLimitStore(sql: UnscopedSql): FastifyRateLimitStoreCtor {
  let increments = 0;

  class DatabaseStore implements FastifyRateLimitStore {
    constructor(
      _options?: FastifyRateLimitOptions,
      private readonly prefix = '',
    ) {}

    incr(key: string, callback: (error: Error | null, result?: { current: number; ttl: number }) => void, timeWindow: number) {
      countHit(sql, `${this.prefix}${key}`, timeWindow).then(
        ({ hits, ttlMs }) => callback(null, { current: hits, ttl: ttlMs }),
        (err: unknown) => callback(err instanceof Error ? err : new Error(String(err))),
      );
      if (++increments % SWEEP_EVERY === 0) {
        sql.query(`DELETE FROM "RateLimitWindow" WHERE "resetAt" < now() - interval '1 hour'`).catch(() => undefined);
      }
    }

    /** One counter space per route, as the in-memory store keeps one map per route. */
    child(routeOptions: { method?: string | string[]; url?: string; routeInfo?: { method?: string | string[]; url?: string } }) {
      const route = routeOptions.routeInfo ?? routeOptions;
      return new DatabaseStore(undefined, `${String(route.method ?? '')} ${route.url ?? ''}|`);
    }
  }
  return DatabaseStore;
}
