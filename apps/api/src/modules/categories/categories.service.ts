import { AppError, type Category, type CategoryDeleteResult } from '@workdiary/shared';
import type { Prisma } from '../../generated/prisma/client.ts';
import type { ScopedDb } from '../../db/scoped.ts';
import { newId } from '../../db/ids.ts';
import { isPrismaError } from '../../lib/prisma-errors.ts';

const select = { id: true, name: true, archived: true } as const;


/** Active categories by name; archived ones too (after the active ones) when asked. */
export async function listCategories({ db, includeArchived }: { db: ScopedDb; includeArchived: boolean }): Promise<Category[]> {
  return db.category.findMany({
    where: includeArchived ? {} : { archived: false },
    select,
    orderBy: [{ archived: 'asc' }, { name: 'asc' }],
  });
}

/**
 * Any role may add one (inline from a dropdown). The database's unique index on
 * (organizationId, lower(name)) decides duplicates, so two people adding "Support" at once
 * get one category and one clear 409 naming the existing one.
 */
export async function createCategory({ db, name }: { db: ScopedDb; name: string }): Promise<Category> {
  try {
    return await db.category.create({ data: { id: newId(), name } as Prisma.CategoryUncheckedCreateInput, select });
  } catch (err) {
    if (!isPrismaError(err, 'P2002')) throw err;
    throw await nameTaken(db, name);
  }
}

async function nameTaken(db: ScopedDb, name: string): Promise<AppError> {
  const all = await db.category.findMany({ select });
  const clash = all.find((c) => c.name.toLowerCase() === name.toLowerCase());
  const existing = clash?.name ?? name;
  const message = clash?.archived
    ? `A category named "${existing}" already exists but is archived. An administrator can restore it in Settings.`
    : `A category named "${existing}" already exists. Pick it from the list instead.`;
  return new AppError('CATEGORY_NAME_TAKEN', message, { name: existing, ...(clash ? { existingId: clash.id, archived: clash.archived } : {}) });
}

/**
 * Deleting a category that any entry uses (a running timer included) archives it: it leaves
 * every dropdown while history keeps its name. An unused one is removed for good.
 */
export async function deleteCategory({ db, id }: { db: ScopedDb; id: string }): Promise<CategoryDeleteResult> {
  return db.$transaction(async (tx) => {
    const category = await tx.category.findFirst({ where: { id }, select });
    if (!category) throw new AppError('NOT_FOUND', 'This category does not exist.');
    const used = await tx.workEntry.findFirst({ where: { categoryId: id }, select: { id: true } });
    if (!used) {
      const { count } = await tx.category.deleteMany({ where: { id } });
      if (count === 1) return { id, archived: false, deleted: true };
    }
    await tx.category.updateMany({ where: { id }, data: { archived: true } });
    return { id, archived: true, deleted: false };
  }).catch(async (err: unknown) => {
    // An entry was written with this category between our check and the delete: archive instead.
    if (!isPrismaError(err, 'P2003')) throw err;
    await db.category.updateMany({ where: { id }, data: { archived: true } });
    return { id, archived: true, deleted: false };
  });
}

export async function restoreCategory({ db, id }: { db: ScopedDb; id: string }): Promise<Category> {
  const { count } = await db.category.updateMany({ where: { id }, data: { archived: false } });
  if (count === 0) throw new AppError('NOT_FOUND', 'This category does not exist.');
  const category = await db.category.findFirst({ where: { id }, select });
  if (!category) throw new AppError('NOT_FOUND', 'This category does not exist.');
  return category;
}
