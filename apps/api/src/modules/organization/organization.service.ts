import { AppError, type Organization, type OrganizationBody } from '@workdiary/shared';
import type { ScopedDb } from '../../db/scoped.ts';
import { toWireOrganization } from '../../lib/mappers.ts';

export async function getOrganization({ db }: { db: ScopedDb }): Promise<Organization> {
  const org = await db.organization.findFirst({});
  if (!org) throw new AppError('NOT_FOUND');
  return toWireOrganization(org);
}

/**
 * Name, time zone, currency and locale (left out: unchanged). A new zone cuts days and months differently from now on; stored
 * instants do not change, so past days are simply re-cut in the new zone by every report.
 */
export async function updateOrganization({ db, body }: { db: ScopedDb; body: OrganizationBody }): Promise<Organization> {
  const { count } = await db.organization.updateMany({
    data: { name: body.name.trim(), timeZone: body.timeZone.trim(), currency: body.currency.trim().toUpperCase(), ...(body.locale ? { locale: body.locale } : {}) },
  });
  if (count === 0) throw new AppError('NOT_FOUND');
  return getOrganization({ db });
}
