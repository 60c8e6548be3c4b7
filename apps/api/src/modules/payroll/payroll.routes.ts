import { DatevExportQuerySchema, PayrollSettingsBodySchema, PayrollSettingsSchema } from '@workdiary/shared';
import type { App } from '../../lib/types.ts';
import { exportDatevLodas } from './datev-export.service.ts';
import { getPayrollSettings, putPayrollSettings } from './payroll-settings.service.ts';

const ADMINS = { access: { roles: ['ADMIN'] as Array<'ADMIN'> } };
const FINANCE = { access: { roles: ['ADMIN', 'MANAGER'] as Array<'ADMIN' | 'MANAGER'> } };

const NUMBER_RULES = 'Numbers are texts of digits without a leading zero (DATEV reads them as numbers): '
  + '`datevConsultantNumber` (Beraternummer) 4–7 digits (1000–9999999), `datevClientNumber` (Mandantennummer) 1–5 digits (1–99999), '
  + 'each wage type (Lohnart, la_eigene) 1–4 digits (1–9999). null (or an empty text) = not set. A number in another form → 400 VALIDATION_ERROR.';

/** DATEV LODAS payroll hand-off (issue 24): the organisation's settings and the import file. */
export default async function payrollRoutes(app: App) {
  app.get('/settings/payroll', {
    schema: { tags: ['settings'], summary: 'The organisation’s DATEV payroll settings (admins)', description: NUMBER_RULES, response: { 200: PayrollSettingsSchema } },
    config: ADMINS,
  }, async (request) => getPayrollSettings({ db: request.db }));

  app.put('/settings/payroll', {
    schema: {
      tags: ['settings'],
      summary: 'Set the organisation’s DATEV payroll settings (admins): consultant and client number, wage types for worked, overtime, vacation, sick',
      description: `${NUMBER_RULES} The whole settings are sent each time.`,
      body: PayrollSettingsBodySchema,
      response: { 200: PayrollSettingsSchema },
    },
    config: ADMINS,
  }, async (request) => putPayrollSettings({ db: request.db, body: request.body }));

  app.get('/exports/payroll/datev-lodas.txt', {
    schema: {
      tags: ['exports'],
      summary: 'The month’s hours as a DATEV LODAS ASCII import file (managers, admins)',
      description: [
        'Windows-1252, CRLF. `[Allgemein]` (Ziel=LODAS, BeraterNr, MandantenNr, Datumsformat=TT.MM.JJJJ, Feldtrennzeichen=;, Zahlenkomma=,), '
        + '`[Satzbeschreibung]` (record 1: u_lod_bwd_buchung_standard with abrechnung_zeitraum, bs_wert_butab, pnr, la_eigene, bs_nr, kostenstelle), '
        + '`[Bewegungsdaten]`: one line per person and wage type, e.g. `1;01.11.2026;168,50;1001;100;1;;` '
        + '(the month’s first day, hours, personnel number, Lohnart, Bearbeitungsschlüssel 1, no cost centre).',
        'Wage types: `worked` = all minutes worked in the month (Total, Extra included); `overtime` = the Extra minutes (paid with the factor on top of worked); '
        + '`vacation` / `sick` = the minutes approved absences credit on days that require work, by the absence kind’s `payrollType` '
        + '(the kind of each day’s absence, matched by name; kinds of type none are not exported). Figures as the Work diary’s overview and the Excel payroll: '
        + 'an approved month’s kept figures, finished sessions only.',
        'Hours = minutes ÷ 60 rounded half-up to two decimals, per line. Lines with zero hours are left out; people without any hours are not listed. '
        + 'Lines are ordered by personnel number, then worked, overtime, vacation, sick.',
        '`month` defaults to this month in the organisation’s zone. Only users whose month is APPROVED are included, unless `approved=false`.',
        '422 DATEV_INCOMPLETE (nothing written) when a person with hours has no personnel number or a needed setting is missing: '
        + '`details.users` [{ id, name }] and `details.settings` (datevConsultantNumber, datevClientNumber, wageTypes.<type> for a type that has lines).',
      ].join('\n\n'),
      querystring: DatevExportQuerySchema,
    },
    config: FINANCE,
  }, async (request, reply) => {
    const file = await exportDatevLodas({
      orgs: app.orgCache, sql: app.database.sql, db: request.db, org: request.org, month: request.query.month, now: app.now(), approvedOnly: request.query.approved,
    });
    return reply
      .header('Content-Type', 'text/plain; charset=windows-1252')
      .header('Content-Disposition', `attachment; filename="${file.fileName}"`)
      .header('Cache-Control', 'no-store')
      .send(file.buffer);
  });
}
