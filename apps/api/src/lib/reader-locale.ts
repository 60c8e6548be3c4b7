import type { ScopedDb } from '../db/scoped.ts';
import type { OrgContext } from './types.ts';

/**
 * The language an export is written in for the person downloading it: their own override, else
 * the organisation's locale (Excel labels only; numbers and dates are Excel's own formats). A
 * request's caller carries their override (the auth hook's session read brings it); only a caller
 * without it is read.
 */
export async function readerLocale(db: ScopedDb, org: Pick<OrgContext, 'locale'>, caller: { userId: string; locale?: string | null }): Promise<string> {
  if (caller.locale !== undefined) return caller.locale ?? org.locale;
  const user = await db.user.findFirst({ where: { id: caller.userId }, select: { locale: true } });
  return user?.locale ?? org.locale;
}
