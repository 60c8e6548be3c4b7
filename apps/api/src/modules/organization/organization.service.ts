import { AppError, type Organization, type OrganizationBody } from '@workdiary/shared';
import type { ScopedDb } from '../../db/scoped.ts';
import { toWireOrganization } from '../../lib/mappers.ts';
import type { OrgContext } from '../../lib/types.ts';

/**
 * Name, time zone, currency and locale (left out: unchanged). A new zone cuts days and months differently from now on; stored
 * instants do not change, so past days are simply re-cut in the new zone by every report. Answers the organisation as written.
 */
export async function updateOrganization({ db, org, body }: { db: ScopedDb; org: OrgContext; body: OrganizationBody }): Promise<Organization> {
  const written = { name: body.name.trim(), timeZone: body.timeZone.trim(), currency: body.currency.trim().toUpperCase(), ...(body.locale ? { locale: body.locale } : {}) };
  const { count } = await db.organization.updateMany({ data: written });
  if (count === 0) throw new AppError('NOT_FOUND');
  return toWireOrganization({ ...org, ...written });
}
