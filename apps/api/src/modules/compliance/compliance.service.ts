// Working-time law (issue 26): the shared rules (packages/shared compliance.ts) judged over the
// sessions the figures module reads, with the organisation's holidays and its choice of rules;
// managers' acknowledgements of a day's findings (audited). Findings are worked out on every read,
// never stored: an edited entry changes them at once. They are judged from the kept day shapes
// (UserDay, kept in the same transaction as every write) by the same rules
// (domain/figures/compliance-counts.sql.ts): the lists, the month view, the overview's count, an
// acknowledgement's check and the warnings after a write.
import {
  addDays,
  AppError,
  addMonths,
  COMPLIANCE_RULES,
  currentMonth,
  ComplianceRuleSchema,
  complianceFindings,
  averageWorkdayMinutes,
  daysOfMonth,
  dayBounds,
  localDateOf,
  type ComplianceAck,
  type ComplianceAckBody,
  type ComplianceFinding,
  type ComplianceItem,
  type ComplianceList,
  type ComplianceRule,
  type ComplianceSettings,
  type ComplianceWarning,
  type SixMonthAverage,
} from '@workdiary/shared';
import type { SqlRunner } from '../../db/engine.ts';
import { newId } from '../../db/ids.ts';
import type { ScopedDb } from '../../db/scoped.ts';
import { scopedSql } from '../../db/scoped-sql.ts';
import { countFindings, keptFindings, keptFindingsOf, type FindingWindow } from '../../domain/figures/compliance-counts.sql.ts';
import { turnBatch } from '../../lib/turn-batch.ts';
import { readWorkedMinutes } from '../../domain/figures/reads.sql.ts';
import { readFinishedSessionsByUser } from '../../domain/figures/sessions-by-user.sql.ts';
import type { Prisma } from '../../generated/prisma/client.ts';
import { isManager, type Actor } from '../../lib/permissions.ts';
import type { OrgContext } from '../../lib/types.ts';
import type { OrgCache } from '../../lib/org-cache.ts';
import { dateColumn, dateOfColumn, holidaySettingsOf } from '../../domain/calendar/day-calendar.ts';
import { holidaysBetween } from '../../domain/calendar/holidays.ts';

/** The stored choice as the wire shows it: null rules = every rule (Germany's defaults); unknown codes are dropped. */
export function complianceSettingsOf(row: { complianceEnabled: boolean; complianceRules: unknown }): ComplianceSettings {
  const stored = Array.isArray(row.complianceRules) ? row.complianceRules : null;
  const rules = stored === null ? [...COMPLIANCE_RULES] : COMPLIANCE_RULES.filter((r) => stored.includes(r));
  return { enabled: row.complianceEnabled, rules };
}

export async function readComplianceSettings(sql: SqlRunner, orgId: string): Promise<ComplianceSettings> {
  const scope = scopedSql(orgId);
  const [row] = await sql.query<{ enabled: boolean; rules: unknown }>(
    scope.query`SELECT o."complianceEnabled" AS enabled, o."complianceRules" AS rules FROM "Organization" o WHERE ${scope.organization('o')}`);
  const rules = typeof row?.rules === 'string' ? (JSON.parse(row.rules) as unknown) : row?.rules;
  return complianceSettingsOf({ complianceEnabled: row?.enabled ?? true, complianceRules: rules ?? null });
}

/** The settings from the organisation cache when there is one (kept right by the settings.changed event), else read. */
async function settingsOf(sql: SqlRunner, org: OrgContext, orgs: OrgCache | undefined): Promise<ComplianceSettings> {
  const cached = orgs ? await orgs.get(org.id) : null;
  return cached ? complianceSettingsOf(cached) : readComplianceSettings(sql, org.id);
}

/** The organisation's public holidays on local dates [from, to], as a set of dates. */
async function holidayDates(org: OrgContext, from: string, to: string): Promise<Set<string>> {
  return new Set(Object.keys(await holidaysBetween(holidaySettingsOf(org), from, to)));
}

/** The rules judged now: none when the check is switched off. */
function activeRules(settings: ComplianceSettings): ComplianceRule[] {
  return settings.enabled ? settings.rules : [];
}

/**
 * Findings per user on local dates [from, to], judged by the shared rules from the sessions
 * themselves. Sessions are read from the day before `from` (the rest before the first day) to the
 * end of `to`; one query for everyone when `userId` is null. The product reads the same findings
 * from the kept days (`keptFindingsBetween`); this is what compliance-counts.test.ts holds them to.
 */
export async function findingsBetween({ sql, org, rules, userId, from, to }: {
  sql: SqlRunner; org: OrgContext; rules: readonly ComplianceRule[]; userId: string | null; from: string; to: string;
}): Promise<Map<string, ComplianceFinding[]>> {
  const out = new Map<string, ComplianceFinding[]>();
  if (rules.length === 0) return out;
  const tz = org.timeZone;
  const bounds = { start: dayBounds(addDays(from, -1), tz).start, end: dayBounds(to, tz).end };
  const [sessions, holidays] = await Promise.all([
    readFinishedSessionsByUser(sql, org.id, userId, bounds),
    holidaysBetween(holidaySettingsOf(org), from, to),
  ]);
  const holidaySet = new Set(Object.keys(holidays));
  for (const [user, list] of sessions) {
    const found = complianceFindings({ sessions: list, tz, holidays: holidaySet, rules, from, to });
    if (found.length > 0) out.set(user, found);
  }
  return out;
}

/**
 * The same findings as `findingsBetween`, judged from the kept day shapes in the database (one row
 * per user-day) instead of every session read and cut into days here: the lists', the month view's
 * and an acknowledgement's.
 */
async function keptFindingsBetween({ sql, org, rules, userId, from, to }: {
  sql: SqlRunner; org: OrgContext; rules: readonly ComplianceRule[]; userId: string | null; from: string; to: string;
}): Promise<Map<string, ComplianceFinding[]>> {
  if (rules.length === 0) return new Map();
  const holidays = await holidayDates(org, from, to);
  return keptFindings({ sql, orgId: org.id, userId, rules, holidays, from, to });
}

function monthRange(month: string): { from: string; to: string } {
  const days = daysOfMonth(month);
  return { from: days[0] ?? `${month}-01`, to: days.at(-1) ?? `${month}-28` };
}

type AckRow = { id: string; userId: string; date: Date; note: string; createdAt: Date; createdBy: { id: string; name: string } };

const ackSelect = { id: true, userId: true, date: true, note: true, createdAt: true, createdBy: { select: { id: true, name: true } } } as const;

function wireAck(row: AckRow): ComplianceAck {
  return { id: row.id, userId: row.userId, date: dateOfColumn(row.date), note: row.note, by: row.createdBy, at: row.createdAt.toISOString() };
}

async function assertUserExists(db: ScopedDb, userId: string): Promise<void> {
  const user = await db.user.findFirst({ where: { id: userId }, select: { id: true } });
  if (!user) throw new AppError('NOT_FOUND', 'No such user.');
}

/**
 * GET /api/compliance: the month's findings, with the day's acknowledgement on each. Members see
 * their own whatever they ask for; managers and admins one user (404 if unknown) or everyone.
 */
export async function listCompliance({ sql, db, org, caller, month, userId, now }: {
  sql: SqlRunner; db: ScopedDb; org: OrgContext; caller: Actor; month?: string; userId?: string; now: Date;
}): Promise<ComplianceList> {
  const m = month ?? currentMonth(org.timeZone, now);
  const who = isManager(caller) ? (userId ?? null) : caller.userId;
  if (who !== null && who !== caller.userId) await assertUserExists(db, who);
  const settings = await readComplianceSettings(sql, org.id);
  const { from, to } = monthRange(m);
  const [byUser, acks] = await Promise.all([
    keptFindingsBetween({ sql, org, rules: activeRules(settings), userId: who, from, to }),
    db.complianceAcknowledgement.findMany({
      where: { ...(who !== null ? { userId: who } : {}), date: { gte: dateColumn(from), lte: dateColumn(to) } },
      select: ackSelect,
    }),
  ]);
  const ackOf = new Map(acks.map((a) => [`${a.userId}|${dateOfColumn(a.date)}`, a]));
  const items: ComplianceItem[] = [];
  for (const [user, found] of [...byUser].sort(([a], [b]) => a.localeCompare(b))) {
    for (const f of found) {
      const ack = ackOf.get(`${user}|${f.date}`);
      items.push({
        userId: user, date: f.date, rule: f.rule, minutes: f.minutes,
        acknowledged: ack ? { by: ack.createdBy, at: ack.createdAt.toISOString(), note: ack.note } : null,
      });
    }
  }
  items.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.userId.localeCompare(b.userId)));
  return { month: m, enabled: settings.enabled, rules: settings.rules, items };
}

/**
 * Each user's number of findings in the month (the Work diary overview's column): counted in the
 * database from the kept day shapes by the same rules (domain/figures/compliance-counts.sql.ts;
 * compliance-counts.test.ts compares it with `findingsBetween`), not every session of the month
 * read and judged here.
 */
export async function violationCounts({ sql, org, month }: { sql: SqlRunner; org: OrgContext; month: string }): Promise<Map<string, number>> {
  const settings = await readComplianceSettings(sql, org.id);
  const rules = activeRules(settings);
  if (rules.length === 0) return new Map();
  const { from, to } = monthRange(month);
  return countFindings({ sql, orgId: org.id, rules, holidays: await holidayDates(org, from, to), from, to });
}

/**
 * One user's month as the month view shows it: date → the rules broken that day (`violations`),
 * and the §3 ArbZG average minutes per workday over the six calendar months ending with `month`
 * (null when the check is off). Both read the kept days (UserDay), the settings once: the findings
 * by the shared rules (keptFindings), and the six months' minutes as the sum of their day totals
 * (readWorkedMinutes; before, six months of sessions, some 2,600, were read and cut into days here).
 */
export async function monthCompliance({ sql, orgs, org, userId, month }: {
  sql: SqlRunner; orgs?: OrgCache; org: OrgContext; userId: string; month: string;
}): Promise<{ violations: Map<string, ComplianceRule[]>; sixMonthAverage: SixMonthAverage | null }> {
  const settings = await settingsOf(sql, org, orgs);
  if (!settings.enabled) return { violations: new Map(), sixMonthAverage: null };
  const { from, to } = monthRange(month);
  const since = `${addMonths(month, -5)}-01`;
  const [found, worked, holidays] = await Promise.all([
    keptFindingsBetween({ sql, org, rules: activeRules(settings), userId, from, to }),
    readWorkedMinutes(sql, org.id, userId, since, to),
    holidayDates(org, since, to),
  ]);
  const violations = new Map<string, ComplianceRule[]>();
  for (const f of found.get(userId) ?? []) violations.set(f.date, [...(violations.get(f.date) ?? []), f.rule]);
  return { violations, sixMonthAverage: { from: since, to, averageMinutes: averageWorkdayMinutes(worked, since, to, holidays) } };
}

/**
 * The findings, after a write of [startedAt, stoppedAt), on the dates it touches and on the next day
 * (whose rest it may shorten): the timer stop's and a manual entry's warnings (never a refusal).
 */
export async function warningsAround({ sql, orgs, org, userId, startedAt, stoppedAt }: {
  sql: SqlRunner; orgs?: OrgCache; org: OrgContext; userId: string; startedAt: Date; stoppedAt: Date;
}): Promise<ComplianceWarning[]> {
  // The organisation cache (kept right by the settings.changed event a PUT /api/organization
  // publishes) spares every timer stop a read of the settings. The warnings' reads cost the timer
  // about a third of its throughput (bench timer: 1,465 req/s without them, 960 with both reads).
  // The findings come from the kept days (UserDay, kept in the write's own transaction, committed
  // before this read): a few rows, where the sessions of the days grew with every stop of the day.
  const settings = await settingsOf(sql, org, orgs);
  const rules = activeRules(settings);
  if (rules.length === 0) return [];
  const from = localDateOf(startedAt, org.timeZone);
  const to = addDays(localDateOf(new Date(stoppedAt.getTime() - 1), org.timeZone), 1);
  const holidays = await holidayDates(org, from, to);
  const found = await readWarningFindings({ sql, orgId: org.id, rules, holidays, window: { userId, from, to } });
  return found.map((f) => ({ date: f.date, rule: f.rule }));
}

type WarningRead = { sql: SqlRunner; orgId: string; rules: readonly ComplianceRule[]; holidays: ReadonlySet<string>; window: FindingWindow };

/**
 * The warnings' findings of the writes answered in one turn of the event loop, in ONE statement per
 * database, organisation and choice of rules (`keptFindingsOf`): under load a turn answers many
 * timer stops (bench timer: ~10 a turn), which read one statement each before.
 */
const readWarningFindings = turnBatch(async (reads: WarningRead[]): Promise<Array<Promise<ComplianceFinding[]>>> => {
  const groups = new Map<SqlRunner, Map<string, number[]>>();
  reads.forEach((read, i) => {
    const bySql = groups.get(read.sql) ?? new Map<string, number[]>();
    groups.set(read.sql, bySql);
    const key = `${read.orgId}|${read.rules.join(',')}`;
    const at = bySql.get(key);
    if (at) at.push(i);
    else bySql.set(key, [i]);
  });
  const answers: Array<Promise<ComplianceFinding[]>> = [];
  for (const [sql, bySql] of groups) {
    for (const at of bySql.values()) {
      const first = reads[at[0] as number] as WarningRead;
      const group = at.map((i) => reads[i] as WarningRead);
      const found = keptFindingsOf({
        sql, orgId: first.orgId, rules: first.rules, holidays: new Set(group.flatMap((r) => [...r.holidays])), windows: group.map((r) => r.window),
      });
      at.forEach((i, n) => { answers[i] = found.then((all) => all[n] ?? []); });
    }
  }
  return answers;
});

/**
 * POST /api/compliance/acknowledgements (managers, admins): acknowledge a user's findings on a day
 * with a note. 404 when the user is unknown or the day has no findings; a second acknowledgement
 * replaces the note. Audited (entityType ComplianceAcknowledgement, CREATE or UPDATE).
 */
export async function acknowledge({ sql, db, org, actorId, body }: {
  sql: SqlRunner; db: ScopedDb; org: OrgContext; actorId: string; body: ComplianceAckBody;
}): Promise<{ ack: ComplianceAck; created: boolean }> {
  const note = body.note.trim();
  try {
    dayBounds(body.date, org.timeZone);
  } catch {
    throw new AppError('VALIDATION_ERROR', `No such date "${body.date}".`);
  }
  await assertUserExists(db, body.userId);
  const settings = await readComplianceSettings(sql, org.id);
  const found = (await keptFindingsBetween({ sql, org, rules: activeRules(settings), userId: body.userId, from: body.date, to: body.date })).get(body.userId) ?? [];
  if (found.length === 0) throw new AppError('NOT_FOUND', 'This day has no working-time findings to acknowledge.');
  return db.$transaction(async (tx) => {
    const existing = await tx.complianceAcknowledgement.findFirst({ where: { userId: body.userId, date: dateColumn(body.date) }, select: ackSelect });
    const row = existing
      ? await tx.complianceAcknowledgement.update({ where: { id: existing.id }, data: { note, createdById: actorId, createdAt: new Date() }, select: ackSelect })
      : await tx.complianceAcknowledgement.create({
        data: { id: newId(), userId: body.userId, date: dateColumn(body.date), note, createdById: actorId } as unknown as Prisma.ComplianceAcknowledgementUncheckedCreateInput,
        select: ackSelect,
      });
    const after = { ...wireAck(row), rules: found.map((f) => ComplianceRuleSchema.parse(f.rule)) };
    await tx.auditEvent.create({
      data: {
        id: newId(), entityType: 'ComplianceAcknowledgement', entityId: row.id, action: existing ? 'UPDATE' : 'CREATE', actorId,
        before: existing ? wireAck(existing) : undefined, after,
      } as unknown as Prisma.AuditEventUncheckedCreateInput,
    });
    return { ack: wireAck(row), created: !existing };
  });
}

/**
 * The entry as the timer stop and a manual entry answer it: with `warnings` when its days now
 * break a working-time rule. A failed read never turns the committed write into an error.
 */
export async function withWarnings<E extends { userId: string; startedAt: string; stoppedAt: string | null }>({ sql, orgs, org, entry, log }: {
  sql: SqlRunner; orgs?: OrgCache; org: OrgContext; entry: E; log: { warn: (obj: object, msg: string) => void };
}): Promise<E & { warnings?: ComplianceWarning[] }> {
  if (entry.stoppedAt === null) return entry;
  try {
    const warnings = await warningsAround({ sql, orgs, org, userId: entry.userId, startedAt: new Date(entry.startedAt), stoppedAt: new Date(entry.stoppedAt) });
    return warnings.length > 0 ? { ...entry, warnings } : entry;
  } catch (error) {
    log.warn({ err: error }, 'working-time warnings could not be worked out');
    return entry;
  }
}
