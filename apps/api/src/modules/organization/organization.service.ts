import { AppError, COMPLIANCE_RULES, monthBounds, type Organization, type OrganizationBody } from '@workdiary/shared';
import { newId } from '../../db/ids.ts';
import type { ScopedDb, ScopedTx } from '../../db/scoped.ts';
import { Prisma } from '../../generated/prisma/client.ts';
import { toWireOrganization } from '../../lib/mappers.ts';
import type { OrgContext } from '../../lib/types.ts';
import { monthLabel } from '../../domain/month-lock.ts';
import { complianceSettingsOf } from '../compliance/compliance.service.ts';

/**
 * The approved months (of anyone) whose instants a move from zone `from` to `to` would change,
 * ascending. An approved month is locked by the instants it covered when it was approved; a new
 * zone cuts months at other instants, which would let entries in or out of a paid month.
 */
async function approvedMonthsMoved(tx: ScopedTx, from: string, to: string): Promise<string[]> {
  const approved = await tx.monthClose.findMany({ where: { status: 'APPROVED' }, select: { month: true }, distinct: ['month'] });
  return approved.map((a) => a.month).filter((month) => {
    const before = monthBounds(month, from);
    const after = monthBounds(month, to);
    return before.start.getTime() !== after.start.getTime() || before.end.getTime() !== after.end.getTime();
  }).sort();
}

/**
 * Name, time zone, currency and locale (left out: unchanged). A new zone cuts days and months
 * differently from now on; stored instants do not change, so open days are re-cut in the new zone
 * by every view. A zone change that would move an approved month's instants is refused (409
 * MONTH_LOCKED naming the months; reopen them first, or approve after the change): the row is
 * locked for update first, and an approval locks it for share, so the two cannot interleave.
 * Every change is audited (entityType Organization, before and after). Answers the organisation
 * as written.
 */
export async function updateOrganization({ db, org, body, actorId }: { db: ScopedDb; org: OrgContext; body: OrganizationBody; actorId: string }): Promise<Organization> {
  const written = {
    name: body.name.trim(), timeZone: body.timeZone.trim(), currency: body.currency.trim().toUpperCase(), ...(body.locale ? { locale: body.locale } : {}),
    ...(body.vacationCarryOverUntil !== undefined ? { vacationCarryOverUntil: body.vacationCarryOverUntil } : {}),
  };
  // The working-time check (left out: unchanged); every rule chosen is stored as null (the defaults).
  const compliance = body.compliance
    ? { complianceEnabled: body.compliance.enabled, complianceRules: body.compliance.rules.length === COMPLIANCE_RULES.length ? null : COMPLIANCE_RULES.filter((r) => body.compliance?.rules.includes(r)) }
    : null;
  const saved = await db.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<Array<{ name: string; timeZone: string; currency: string; locale: string; vacationCarryOverUntil: string | null; complianceEnabled: boolean; complianceRules: unknown }>>`
      SELECT name, "timeZone", currency, locale, "vacationCarryOverUntil", "complianceEnabled", "complianceRules" FROM "Organization" WHERE id = ${org.id} FOR UPDATE`;
    if (!row) throw new AppError('NOT_FOUND');
    if (row.timeZone !== written.timeZone) {
      const moved = await approvedMonthsMoved(tx, row.timeZone, written.timeZone);
      const first = moved[0];
      if (first) {
        throw new AppError(
          'MONTH_LOCKED',
          `Changing the time zone to ${written.timeZone} would move the days of approved months (${moved.slice(0, 3).map(monthLabel).join(', ')}${moved.length > 3 ? ', …' : ''}). Reopen them first.`,
          { month: first, months: moved, timeZone: written.timeZone },
        );
      }
    }
    await tx.organization.updateMany({
      data: compliance ? { ...written, complianceEnabled: compliance.complianceEnabled, complianceRules: compliance.complianceRules ?? Prisma.DbNull } : written,
    });
    // Every day is cut at other instants now: the kept per-day figures are worked out again.
    if (row.timeZone !== written.timeZone) await tx.$queryRaw`SELECT wd_rebuild_day_figures(${org.id})::text AS done`;
    const complianceBefore = complianceSettingsOf(row);
    const complianceAfter = compliance ? complianceSettingsOf(compliance) : complianceBefore;
    const before = { name: row.name, timeZone: row.timeZone, currency: row.currency.trim(), locale: row.locale, vacationCarryOverUntil: row.vacationCarryOverUntil, compliance: complianceBefore };
    const after = { ...before, ...written, compliance: complianceAfter };
    if (JSON.stringify(before) !== JSON.stringify(after)) {
      await tx.auditEvent.create({
        data: { id: newId(), entityType: 'Organization', entityId: org.id, action: 'UPDATE', actorId, before, after } as unknown as Prisma.AuditEventUncheckedCreateInput,
      });
    }
    return { ...written, vacationCarryOverUntil: 'vacationCarryOverUntil' in written ? written.vacationCarryOverUntil : row.vacationCarryOverUntil, compliance: complianceAfter };
  });
  return { ...toWireOrganization({ ...org, ...saved }), vacationCarryOverUntil: saved.vacationCarryOverUntil, compliance: saved.compliance };
}

/** GET /api/organization: the organisation with its vacation carry-over expiry. */
export async function readOrganization({ db, org }: { db: ScopedDb; org: OrgContext }): Promise<Organization> {
  const row = await db.organization.findFirst({ where: { id: org.id }, select: { vacationCarryOverUntil: true, complianceEnabled: true, complianceRules: true } });
  return {
    ...toWireOrganization(org), vacationCarryOverUntil: row?.vacationCarryOverUntil ?? null,
    compliance: complianceSettingsOf(row ?? { complianceEnabled: true, complianceRules: null }),
  };
}
