import { DEFAULT_WORK_RULES, type WorkRules } from '@workdiary/shared';
import type { ScopedDb, ScopedTx } from '../db/scoped.ts';

/**
 * Which WorkRules apply to a user, decided in ONE place: the user's own row, else the
 * organisation's default row (userId null), else the product defaults. Used by `loadRules`
 * (every write), the settings views, a new user's copy of the defaults, the timer's cache and the
 * diary overview's SQL input.
 */
type RulesColumns = WorkRules & { userId: string | null };

/** The row that applies to `userId` (null: the organisation's defaults) among `rows`; `inherited` when it is not the user's own. */
export function pickRulesRow<R extends { userId: string | null }>(rows: readonly R[], userId: string | null): { row: R | null; inherited: boolean } {
  const own = userId === null ? undefined : rows.find((r) => r.userId === userId);
  if (own) return { row: own, inherited: false };
  return { row: rows.find((r) => r.userId === null) ?? null, inherited: userId !== null };
}

/** The rules a row holds; no row → the product defaults. */
export function rulesOf(row: RulesColumns | null): WorkRules {
  if (!row) return DEFAULT_WORK_RULES;
  return {
    requiredMinutes: row.requiredMinutes,
    noteRequired: row.noteRequired,
    minSessionMinutes: row.minSessionMinutes,
    maxSessionHours: row.maxSessionHours,
    allowOverlap: row.allowOverlap,
  };
}

/** The rows `pickRulesRow` chooses from for `userId` (the user's own and the organisation's default). */
export function rulesRowsFor(db: ScopedDb | ScopedTx, userId: string | null) {
  return db.workRules.findMany({ where: userId === null ? { userId: null } : { OR: [{ userId }, { userId: null }] } });
}

/** The rules in force for `userId`; null → the organisation's defaults (what a new user starts with). */
export async function loadRules(db: ScopedDb | ScopedTx, userId: string | null): Promise<WorkRules> {
  return rulesOf(pickRulesRow(await rulesRowsFor(db, userId), userId).row);
}
