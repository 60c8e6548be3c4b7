import {
  HolidayListQuerySchema,
  HolidayListSchema,
  HolidayOptionsSchema,
  HolidayRegionsQuerySchema,
  HolidaySettingsBodySchema,
  HolidaySettingsSchema,
  currentMonth,
} from '@workdiary/shared';
import type { App } from '../../lib/types.ts';
import { holidaySettingsOf } from '../../domain/calendar/day-calendar.ts';
import { updateHolidaySettings } from './holiday-settings.service.ts';
import { countryOptions, holidaysBetween, regionOptions } from '../../domain/calendar/holidays.ts';

const tags = ['holidays'];

export default async function holidaysRoutes(app: App) {
  app.get('/settings/holidays', {
    schema: { tags, summary: "The organisation's public-holiday country, region and share", response: { 200: HolidaySettingsSchema } },
  }, async (request) => holidaySettingsOf(request.org));

  app.put('/settings/holidays', {
    schema: {
      tags,
      summary: 'Set the public-holiday country and region (for Germany the federal state) and the share a holiday still requires (admins)',
      description: 'Codes as in date-holidays (country "DE", region "BY"); `country: null` switches public holidays off. Unknown country or region → 400. '
        + 'Holidays lower the required minutes of every month computed from then on, approved months included.',
      body: HolidaySettingsBodySchema,
      response: { 200: HolidaySettingsSchema },
    },
    config: { access: { roles: ['ADMIN'] } },
  }, async (request) => {
    const settings = await updateHolidaySettings({ db: request.db, body: request.body });
    app.events.publish(request.auth.orgId, { type: 'settings.changed', what: 'organization' });
    return settings;
  });

  app.get('/settings/holidays/countries', {
    schema: { tags, summary: 'Countries the holiday library knows', response: { 200: HolidayOptionsSchema } },
  }, async () => ({ items: await countryOptions() }));

  app.get('/settings/holidays/regions', {
    schema: { tags, summary: 'Regions of a country (for Germany the federal states)', querystring: HolidayRegionsQuerySchema, response: { 200: HolidayOptionsSchema } },
  }, async (request) => ({ items: await regionOptions(request.query.country) }));

  app.get('/holidays', {
    schema: { tags, summary: "The organisation's public holidays of a year (default: this year)", querystring: HolidayListQuerySchema, response: { 200: HolidayListSchema } },
  }, async (request) => {
    const settings = holidaySettingsOf(request.org);
    const year = request.query.year ?? Number(currentMonth(request.org.timeZone, app.now()).slice(0, 4));
    const days = await holidaysBetween(settings, `${year}-01-01`, `${year}-12-31`);
    return { items: Object.entries(days).map(([date, name]) => ({ date, name })) };
  });
}
