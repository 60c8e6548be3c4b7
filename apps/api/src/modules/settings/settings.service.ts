import { AppError, sessionLimitsFit, type Modules, type WorkRules, type WorkRulesView } from '@workdiary/shared';
import type { Prisma, WorkRules as WorkRulesRow } from '../../generated/prisma/client.ts';
import { newId } from '../../db/ids.ts';
import type { ScopedDb } from '../../db/scoped.ts';
import type { OrgContext } from '../../lib/types.ts';
import { pickRulesRow, rulesOf, rulesRowsFor } from '../../domain/rules-lookup.ts';

function toView(row: WorkRulesRow | null, userId: string | null, inherited: boolean): WorkRulesView {
  return { ...rulesOf(row), userId, inherited, updatedAt: row ? row.updatedAt.toISOString() : null };
}

/** Rules that no session could satisfy are refused here, not discovered at the next stop. */
function assertSatisfiable(rules: WorkRules) {
  if (!sessionLimitsFit(rules)) {
    throw new AppError('VALIDATION_ERROR', 'The minimum session must be shorter than the maximum session.', {
      issues: [{ path: 'minSessionMinutes', message: 'Must be shorter than the maximum session' }],
    });
  }
}

async function assertUserInOrg(db: ScopedDb, userId: string) {
  const user = await db.user.findFirst({ where: { id: userId }, select: { id: true } });
  if (!user) throw new AppError('NOT_FOUND', 'This user does not exist.');
}

export async function getDefaultRules({ db }: { db: ScopedDb }): Promise<WorkRulesView> {
  const { row } = pickRulesRow(await rulesRowsFor(db, null), null);
  return toView(row, null, false);
}

/** The rules in force for a user: their own, else the organisation's defaults (as loadRules reads them). */
export async function getUserRules({ db, userId }: { db: ScopedDb; userId: string }): Promise<WorkRulesView> {
  await assertUserInOrg(db, userId);
  const { row, inherited } = pickRulesRow(await rulesRowsFor(db, userId), userId);
  return toView(row, userId, inherited);
}

export async function putUserRules({ db, userId, rules }: { db: ScopedDb; userId: string; rules: WorkRules }): Promise<WorkRulesView> {
  assertSatisfiable(rules);
  await assertUserInOrg(db, userId);
  const row = await db.workRules.upsert({
    where: { userId },
    create: { id: newId(), userId, ...rules } as Prisma.WorkRulesUncheckedCreateInput,
    update: rules,
  });
  return toView(row, userId, false);
}

/** Back to the organisation's defaults: the user's own row goes. */
export async function resetUserRules({ db, userId }: { db: ScopedDb; userId: string }): Promise<WorkRulesView> {
  await assertUserInOrg(db, userId);
  await db.workRules.deleteMany({ where: { userId } });
  return getUserRules({ db, userId });
}

export async function putDefaultRules({ db, rules }: { db: ScopedDb; rules: WorkRules }): Promise<WorkRulesView> {
  assertSatisfiable(rules);
  // One default row per organisation (a partial unique index); update it in place.
  const { count } = await db.workRules.updateMany({ where: { userId: null }, data: rules });
  if (count === 0) {
    try {
      await db.workRules.create({ data: { id: newId(), userId: null, ...rules } as Prisma.WorkRulesUncheckedCreateInput });
    } catch (err) {
      // Another admin created it a moment ago: write over theirs, last write wins as for any edit.
      if ((err as { code?: unknown }).code !== 'P2002') throw err;
      await db.workRules.updateMany({ where: { userId: null }, data: rules });
    }
  }
  return getDefaultRules({ db });
}

/** The module switches of the organisation the auth hook read (`request.org`). */
export function modulesOf(org: Pick<OrgContext, 'clientTimer'>): Modules {
  return { clientTimer: org.clientTimer };
}

export async function putModules({ db, modules }: { db: ScopedDb; modules: Modules }): Promise<Modules> {
  const { count } = await db.organization.updateMany({ data: { clientTimer: modules.clientTimer } });
  if (count === 0) throw new AppError('NOT_FOUND');
  return modulesOf(modules);
}
