// Absence kinds per organisation (vacation, sick leave, …): how much of a day's requirement an
// approved absence of that kind fulfils. Deleting a used kind archives it, like categories.
import { AppError, type AbsenceKind, type AbsenceKindBody, type AbsencePayrollType } from '@workdiary/shared';
import type { Prisma } from '../../generated/prisma/client.ts';
import { newId } from '../../db/ids.ts';
import type { ScopedDb } from '../../db/scoped.ts';
import { isPrismaError } from '../../lib/prisma-errors.ts';

type StoredPayrollType = 'NONE' | 'VACATION' | 'SICK';

const toWire = (k: { id: string; name: string; creditPercent: number; payrollType: StoredPayrollType; archived: boolean }): AbsenceKind => ({
  id: k.id,
  name: k.name,
  creditPercent: k.creditPercent,
  vacation: k.payrollType === 'VACATION',
  payrollType: k.payrollType.toLowerCase() as AbsencePayrollType,
  archived: k.archived,
});

/**
 * The payroll type a body asks for: `payrollType` wins, `vacation: true` is 'vacation', `vacation:
 * false` turns a vacation kind into 'none' (and leaves sick as it is); null: unchanged.
 */
function payrollTypeOf(body: AbsenceKindBody, current: StoredPayrollType | null): StoredPayrollType | null {
  if (body.payrollType !== undefined) return body.payrollType.toUpperCase() as StoredPayrollType;
  if (body.vacation === true) return 'VACATION';
  if (body.vacation === false && current === 'VACATION') return 'NONE';
  return null;
}

export async function listAbsenceKinds({ db }: { db: ScopedDb }): Promise<AbsenceKind[]> {
  const rows = await db.absenceKind.findMany({ orderBy: [{ archived: 'asc' }, { name: 'asc' }] });
  return rows.map(toWire);
}

function nameTaken(name: string) {
  return new AppError('CONFLICT', `An absence kind called "${name}" already exists.`, { field: 'name' });
}

export async function createAbsenceKind({ db, body }: { db: ScopedDb; body: AbsenceKindBody }): Promise<AbsenceKind> {
  const name = body.name.trim();
  try {
    const payrollType = payrollTypeOf(body, null) ?? 'NONE';
    const row = await db.absenceKind.create({ data: { id: newId(), name, creditPercent: body.creditPercent, payrollType } as Prisma.AbsenceKindUncheckedCreateInput });
    return toWire(row);
  } catch (err) {
    if (isPrismaError(err, 'P2002')) throw nameTaken(name);
    throw err;
  }
}

/**
 * Renames or changes the credit. The credit applies to every approved absence of the kind, also in
 * past months; approved (locked) months are recomputed with it too, so change it with care.
 */
export async function updateAbsenceKind({ db, id, body }: { db: ScopedDb; id: string; body: AbsenceKindBody }): Promise<AbsenceKind> {
  const name = body.name.trim();
  const current = await db.absenceKind.findFirst({ where: { id }, select: { payrollType: true } });
  if (!current) throw new AppError('NOT_FOUND', 'No such absence kind.');
  const payrollType = payrollTypeOf(body, current.payrollType);
  try {
    const { count } = await db.absenceKind.updateMany({
      where: { id },
      data: { name, creditPercent: body.creditPercent, archived: false, ...(payrollType === null ? {} : { payrollType }) },
    });
    if (count === 0) throw new AppError('NOT_FOUND', 'No such absence kind.');
  } catch (err) {
    if (isPrismaError(err, 'P2002')) throw nameTaken(name);
    throw err;
  }
  const row = await db.absenceKind.findFirst({ where: { id } });
  if (!row) throw new AppError('NOT_FOUND', 'No such absence kind.');
  return toWire(row);
}

/** Removes an unused kind; a used one is archived (no new requests, history keeps it). */
export async function deleteAbsenceKind({ db, id }: { db: ScopedDb; id: string }): Promise<{ id: string; archived: boolean; deleted: boolean }> {
  const kind = await db.absenceKind.findFirst({ where: { id }, select: { id: true } });
  if (!kind) throw new AppError('NOT_FOUND', 'No such absence kind.');
  const used = await db.absence.count({ where: { kindId: id } });
  if (used > 0) {
    await db.absenceKind.updateMany({ where: { id }, data: { archived: true } });
    return { id, archived: true, deleted: false };
  }
  await db.absenceKind.deleteMany({ where: { id } });
  return { id, archived: false, deleted: true };
}
