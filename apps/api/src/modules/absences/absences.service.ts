// Absence requests: a user asks (or a manager files one for them), a manager or admin approves or
// rejects. Only APPROVED absences count in the figures; a day inside an approved (locked) month
// cannot be requested, approved or withdrawn.
import { AppError, addMonths, monthOf, type Absence, type AbsenceListQuery } from '@workdiary/shared';
import type { Prisma } from '../../generated/prisma/client.ts';
import { newId } from '../../db/ids.ts';
import { assertMayActFor, isManager, visibleUserId, type Actor } from '../../lib/permissions.ts';
import type { ScopedDb, ScopedTx } from '../../db/scoped.ts';
import { dateColumn, dateOfColumn } from '../../domain/calendar/day-calendar.ts';
import { assertMonthsOpen } from '../../domain/month-lock.ts';
import { lockUserEntries } from '../../domain/entry-rules.ts';


const include = {
  user: { select: { id: true, name: true } },
  kind: { select: { id: true, name: true, creditPercent: true } },
  decidedBy: { select: { id: true, name: true } },
} as const;

type Row = Prisma.AbsenceGetPayload<{ include: typeof include }>;

const toWire = (r: Row): Absence => ({
  id: r.id,
  userId: r.userId,
  user: r.user,
  kind: r.kind,
  startDate: dateOfColumn(r.startDate),
  endDate: dateOfColumn(r.endDate),
  note: r.note,
  status: r.status,
  decidedBy: r.decidedBy,
  decidedAt: r.decidedAt?.toISOString() ?? null,
  createdAt: r.createdAt.toISOString(),
});

/** The months ('YYYY-MM') of the dates [start, end]. */
function monthsOfDates(start: string, end: string): string[] {
  const months: string[] = [];
  for (let m = monthOf(start); m <= monthOf(end); m = addMonths(m, 1)) months.push(m);
  return months;
}

export async function listAbsences({ db, caller, query }: { db: ScopedDb; caller: Actor; query: AbsenceListQuery }): Promise<Absence[]> {
  const userId = visibleUserId(caller, query.userId, 'absences');
  const rows = await db.absence.findMany({
    where: {
      ...(userId !== undefined ? { userId } : {}),
      ...(query.status !== undefined ? { status: query.status } : {}),
      ...(query.to !== undefined ? { startDate: { lte: dateColumn(query.to) } } : {}),
      ...(query.from !== undefined ? { endDate: { gte: dateColumn(query.from) } } : {}),
    },
    include,
    orderBy: [{ startDate: 'asc' }, { id: 'asc' }],
    take: 2000,
  });
  return rows.map(toWire);
}

async function loadAbsence(db: ScopedDb | ScopedTx, id: string): Promise<Row> {
  const row = await db.absence.findFirst({ where: { id }, include });
  if (!row) throw new AppError('NOT_FOUND', 'No such absence.');
  return row;
}

export async function requestAbsence({ db, caller, body }: {
  db: ScopedDb; caller: Actor; body: { userId?: string; kindId: string; startDate: string; endDate: string; note: string };
}): Promise<Absence> {
  const userId = body.userId ?? caller.userId;
  assertMayActFor(caller, userId, 'Members can only request absences for themselves.');
  const user = await db.user.findFirst({ where: { id: userId }, select: { active: true, name: true } });
  if (!user) throw new AppError('NOT_FOUND', 'No such user.', { field: 'userId' });
  if (!user.active) throw new AppError('USER_INACTIVE', `${user.name} is deactivated.`, { field: 'userId' });
  const kind = await db.absenceKind.findFirst({ where: { id: body.kindId }, select: { archived: true, name: true } });
  if (!kind) throw new AppError('NOT_FOUND', 'No such absence kind.', { field: 'kindId' });
  if (kind.archived) throw new AppError('VALIDATION_ERROR', `The absence kind "${kind.name}" was deleted: choose another one.`, { field: 'kindId' });
  const id = await db.$transaction(async (tx) => {
    await lockUserEntries(tx, userId);
    await assertMonthsOpen({ db: tx, userId, months: monthsOfDates(body.startDate, body.endDate) });
    const clash = await tx.absence.findFirst({
      where: { userId, status: { in: ['REQUESTED', 'APPROVED'] }, startDate: { lte: dateColumn(body.endDate) }, endDate: { gte: dateColumn(body.startDate) } },
      select: { id: true, startDate: true, endDate: true },
    });
    if (clash) {
      throw new AppError('ABSENCE_OVERLAP', `This overlaps the absence from ${dateOfColumn(clash.startDate)} to ${dateOfColumn(clash.endDate)}.`, { absenceId: clash.id });
    }
    const created = await tx.absence.create({
      data: {
        id: newId(), userId, kindId: body.kindId, startDate: dateColumn(body.startDate), endDate: dateColumn(body.endDate), note: body.note.trim(),
      } as Prisma.AbsenceUncheckedCreateInput,
    });
    return created.id;
  });
  return toWire(await loadAbsence(db, id));
}

/** Managers and admins approve or reject a request (once). Approving inside a locked month → 409 MONTH_LOCKED. */
export async function decideAbsence({ db, caller, id, decision, now }: {
  db: ScopedDb; caller: Actor; id: string; decision: 'APPROVED' | 'REJECTED'; now: Date;
}): Promise<Absence> {
  const first = await loadAbsence(db, id);
  await db.$transaction(async (tx) => {
    await lockUserEntries(tx, first.userId);
    const current = await loadAbsence(tx, id);
    if (current.status !== 'REQUESTED') {
      throw new AppError('ABSENCE_DECIDED', `This absence was already ${current.status === 'APPROVED' ? 'approved' : 'rejected'}.`, { status: current.status });
    }
    if (decision === 'APPROVED') {
      await assertMonthsOpen({ db: tx, userId: current.userId, months: monthsOfDates(dateOfColumn(current.startDate), dateOfColumn(current.endDate)) });
    }
    await tx.absence.updateMany({ where: { id, status: 'REQUESTED' }, data: { status: decision, decidedById: caller.userId, decidedAt: now } });
  });
  return toWire(await loadAbsence(db, id));
}

/** The user withdraws a pending request; managers may delete any absence outside locked months. */
export async function deleteAbsence({ db, caller, id }: { db: ScopedDb; caller: Actor; id: string }): Promise<void> {
  const first = await loadAbsence(db, id);
  if (!isManager(caller) && (first.userId !== caller.userId || first.status !== 'REQUESTED')) {
    throw new AppError('FORBIDDEN', 'Members can only withdraw their own pending requests.');
  }
  await db.$transaction(async (tx) => {
    await lockUserEntries(tx, first.userId);
    await assertMonthsOpen({ db: tx, userId: first.userId, months: monthsOfDates(dateOfColumn(first.startDate), dateOfColumn(first.endDate)) });
    await tx.absence.deleteMany({ where: { id } });
  });
}
