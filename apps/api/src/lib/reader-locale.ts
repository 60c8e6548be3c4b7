import type { ScopedDb } from '../db/scoped.ts';
import type { OrgContext } from './types.ts';

/**
 * The language an export is written in for the person downloading it: their own override, else
 * the organisation's locale (Excel labels only; numbers and dates are Excel's own formats).
 */
export async function readerLocale(db: ScopedDb, org: Pick<OrgContext, 'locale'>, userId: string): Promise<string> {
  const user = await db.user.findFirst({ where: { id: userId }, select: { locale: true } });
  return user?.locale ?? org.locale;
}
