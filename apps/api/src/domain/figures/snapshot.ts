// What an approval keeps of a user's month (MonthClose.figures): a shape of its own, versioned,
// independent of the wire schemas. The wire may change; a paid month's figures must not, and a
// kept month that cannot be read is an error to fix, never a reason to show live figures instead.
import { z } from 'zod';

const minutes = z.number().int();

const SnapshotDayV1 = z.object({
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  entrance: z.string().nullable(),
  exit: z.string().nullable(),
  totalMinutes: minutes,
  extraMinutes: minutes,
  requiredMinutes: minutes,
  absenceMinutes: minutes,
  holiday: z.string().nullable(),
  absence: z.object({ kind: z.string(), creditPercent: z.number() }).nullable(),
  flagged: z.boolean(),
}).strict();

/** Version 1 (December 2026). A later version gets its own schema and a case in `readSnapshot`. */
export const MonthSnapshotV1Schema = z.object({
  version: z.literal(1),
  /** The approval's instant. */
  approvedAt: z.string(),
  /** The zone the month was cut in, and the instants it covered then (the lock holds for these). */
  timeZone: z.string(),
  monthStart: z.string(),
  monthEnd: z.string(),
  days: z.array(SnapshotDayV1).min(28).max(31),
  totals: z.object({
    totalMinutes: minutes,
    extraMinutes: minutes,
    requiredMinutes: minutes,
    absenceMinutes: minutes,
    salary: z.number().int(),
  }).strict(),
  requiredByWeekday: z.array(minutes).length(7),
  /**
   * The overtime account at the approval (issue 24; added to version 1 compatibly, optional): the
   * month's opening, delta (its kept totals' worked − required + absence credit), corrections and
   * closing. The balance of the approved month and the carry into the next one read it. Missing in
   * snapshots kept before balances were and for months approved outside the account (before its
   * start): those are worked out as before from the kept totals (domain/figures/balance.sql.ts).
   */
  balance: z.object({
    openingMinutes: minutes,
    deltaMinutes: minutes,
    correctionMinutes: minutes,
    closingMinutes: minutes,
  }).strict().optional(),
  /** The pay the salary was worked out with. */
  pay: z.object({
    type: z.enum(['HOURLY', 'MONTHLY']),
    hourlyRate: z.number().int().nullable(),
    monthlyBase: z.number().int().nullable(),
    overtimeFactor: z.number(),
  }).strict(),
}).strict();

export type MonthSnapshot = z.infer<typeof MonthSnapshotV1Schema>;
export type SnapshotDay = MonthSnapshot['days'][number];
export type SnapshotTotals = MonthSnapshot['totals'];

/** The overview and the payroll read only these of a kept month (the days stay in the database). */
export const SnapshotTotalsV1Schema = MonthSnapshotV1Schema.pick({ version: true, approvedAt: true, totals: true, pay: true }).strict();
export type SnapshotTotalsOnly = z.infer<typeof SnapshotTotalsV1Schema>;

/** The overtime account reads only these of a kept month. */
export const SnapshotBalanceV1Schema = MonthSnapshotV1Schema.pick({ version: true, totals: true, balance: true }).strict();
export type KeptBalanceRead = { balance: NonNullable<MonthSnapshot['balance']> | null; delta: number };

/**
 * An approved month whose kept figures cannot be read. Not an AppError on purpose: the error
 * handler logs it as an unhandled error (with this message) and answers 500, so it is seen.
 */
export class SnapshotUnreadableError extends Error {
  constructor(readonly where: { userId: string; month: string }, reason: string) {
    super(`The approved figures of ${where.month} for user ${where.userId} cannot be read (${reason}). They are not replaced by live figures: fix the stored snapshot or reopen the month.`);
    this.name = 'SnapshotUnreadableError';
  }
}

function asJson(raw: unknown): unknown {
  if (typeof raw !== 'string') return raw;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return raw;
  }
}

function parseVersioned<T>(raw: unknown, where: { userId: string; month: string }, v1: z.ZodType<T>): T {
  const value = asJson(raw);
  if (value === null || value === undefined) throw new SnapshotUnreadableError(where, 'the month is approved but has no kept figures');
  const version = (value as { version?: unknown }).version;
  if (version !== 1) throw new SnapshotUnreadableError(where, `unknown snapshot version ${JSON.stringify(version ?? null)}`);
  const parsed = v1.safeParse(value);
  if (!parsed.success) throw new SnapshotUnreadableError(where, parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).slice(0, 3).join('; '));
  return parsed.data;
}

/** The kept figures of an APPROVED month; throws SnapshotUnreadableError (never falls back to live). */
export function readSnapshot(raw: unknown, where: { userId: string; month: string }): MonthSnapshot {
  return parseVersioned(raw, where, MonthSnapshotV1Schema);
}

/** The kept totals of an APPROVED month (the overview's read); throws like readSnapshot. */
export function readSnapshotTotals(raw: unknown, where: { userId: string; month: string }): SnapshotTotalsOnly {
  return parseVersioned(raw, where, SnapshotTotalsV1Schema);
}

/** The kept balance (null when the approval kept none) and the delta of the kept totals; throws like readSnapshot. */
export function readKeptBalance(raw: unknown, where: { userId: string; month: string }): KeptBalanceRead {
  const kept = parseVersioned(raw, where, SnapshotBalanceV1Schema);
  return { balance: kept.balance ?? null, delta: kept.totals.totalMinutes - kept.totals.requiredMinutes + kept.totals.absenceMinutes };
}
