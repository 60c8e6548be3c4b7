import { AppError, type HolidaySettings } from '@workdiary/shared';
import type { ScopedDb } from '../../db/scoped.ts';
import { isKnownRegion } from '../../domain/calendar/holidays.ts';

export async function updateHolidaySettings({ db, body }: {
  db: ScopedDb; body: { country: string | null; region: string | null; sharePercent: number };
}): Promise<HolidaySettings> {
  const country = body.country;
  const region = country ? body.region : null;
  if (country && !(await isKnownRegion(country, region))) {
    throw new AppError('VALIDATION_ERROR', region ? `Unknown region "${region}" of ${country}.` : `Unknown country "${country}".`, { field: region ? 'region' : 'country' });
  }
  const { count } = await db.organization.updateMany({ data: { holidayCountry: country, holidayRegion: region, holidaySharePercent: body.sharePercent } });
  if (count === 0) throw new AppError('NOT_FOUND');
  return { country, region, sharePercent: body.sharePercent };
}
