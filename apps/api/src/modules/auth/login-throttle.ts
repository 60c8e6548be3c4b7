import type { UnscopedSql } from '../../db/engine.ts';

/**
 * The slow-down after repeated failed sign-ins on one account (README, "Sign-in limits"). It
 * complements the per-address limits of the route: an attacker spreading guesses over many
 * addresses still gets few guesses per account, and the owner is never locked out for good:
 *
 * - the first FREE_FAILURES failures in a row cost nothing; after that the next attempt must wait
 *   2^(failures − FREE_FAILURES) s after the last one, at most MAX_DELAY_S (a delay, never a lock);
 * - attempts during the wait are refused (429 + Retry-After) and do not count as failures, and of
 *   concurrent attempts after the wait only one goes through;
 * - a success clears the count; failures older than FORGET_AFTER are forgotten;
 * - an address the account signed in from within KNOWN_FOR skips the delay, so guessing from
 *   elsewhere does not keep the owner out at their usual place.
 *
 * Unknown emails are counted the same way, so the answers do not reveal which accounts exist.
 * Everything lives in the database: all instances see the same counts.
 */
export const FREE_FAILURES = 5;
export const MAX_DELAY_S = 300;
const FORGET_AFTER = "interval '1 hour'";
const KNOWN_FOR = "interval '30 days'";
const SWEEP_EVERY = 200;

/** Seconds to wait after the n-th failure in a row. */
export function delayAfter(failures: number): number {
  if (failures < FREE_FAILURES) return 0;
  return Math.min(MAX_DELAY_S, 2 ** (failures - FREE_FAILURES));
}

export type LoginThrottle = ReturnType<typeof loginThrottle>;

export function loginThrottle(sql: UnscopedSql) {
  let writes = 0;
  const sweep = () => {
    if (++writes % SWEEP_EVERY !== 0) return;
    sql.query(`DELETE FROM "LoginFailure" WHERE "lastFailureAt" < now() - ${FORGET_AFTER}`).catch(() => undefined);
    sql.query(`DELETE FROM "LoginKnownAddress" WHERE "lastSuccessAt" < now() - ${KNOWN_FOR}`).catch(() => undefined);
  };

  return {
    /** null: go ahead (and this attempt is claimed); a number: seconds this account must still wait. */
    async admit(email: string, address: string): Promise<number | null> {
      const known = await sql.query(
        `SELECT 1 FROM "LoginKnownAddress" WHERE "email" = $1 AND "address" = $2 AND "lastSuccessAt" > now() - ${KNOWN_FOR}`,
        [email, address],
      );
      if (known.length > 0) return null;
      const [state] = await sql.query<{ failures: number }>(
        `SELECT "failures" FROM "LoginFailure" WHERE "email" = $1 AND "lastFailureAt" > now() - ${FORGET_AFTER}`,
        [email],
      );
      const failures = Number(state?.failures ?? 0);
      if (failures < FREE_FAILURES) return null;
      // Claim the one attempt the wait allows: of racing requests exactly one moves retryAt on.
      const claimed = await sql.query(
        `UPDATE "LoginFailure" SET "retryAt" = now() + make_interval(secs => $2)
         WHERE "email" = $1 AND "retryAt" <= now() RETURNING 1`,
        [email, delayAfter(failures)],
      );
      if (claimed.length > 0) return null;
      const [wait] = await sql.query<{ seconds: number }>(
        `SELECT CEIL(EXTRACT(EPOCH FROM ("retryAt" - now())))::int AS "seconds" FROM "LoginFailure" WHERE "email" = $1`,
        [email],
      );
      return Math.max(1, Number(wait?.seconds ?? 1));
    },

    async failed(email: string): Promise<void> {
      const [row] = await sql.query<{ failures: number }>(
        `INSERT INTO "LoginFailure" AS f ("email", "failures", "lastFailureAt", "retryAt") VALUES ($1, 1, now(), now())
         ON CONFLICT ("email") DO UPDATE SET
           "failures" = CASE WHEN f."lastFailureAt" <= now() - ${FORGET_AFTER} THEN 1 ELSE f."failures" + 1 END,
           "lastFailureAt" = now()
         RETURNING "failures"`,
        [email],
      );
      const delay = delayAfter(Number(row?.failures ?? 1));
      if (delay > 0) {
        await sql.query(`UPDATE "LoginFailure" SET "retryAt" = now() + make_interval(secs => $2) WHERE "email" = $1`, [email, delay]);
      }
      sweep();
    },

    async succeeded(email: string, address: string): Promise<void> {
      await sql.query(`DELETE FROM "LoginFailure" WHERE "email" = $1`, [email]);
      await sql.query(
        `INSERT INTO "LoginKnownAddress" ("email", "address", "lastSuccessAt") VALUES ($1, $2, now())
         ON CONFLICT ("email", "address") DO UPDATE SET "lastSuccessAt" = now()`,
        [email, address],
      );
      sweep();
    },
  };
}
