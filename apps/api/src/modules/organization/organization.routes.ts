import { OrganizationBodySchema, OrganizationSchema } from '@workdiary/shared';
import type { App } from '../../lib/types.ts';
import { readOrganization, updateOrganization } from './organization.service.ts';

/** The organisation's own settings. Default work rules live at /api/settings/work-rules/default. */
export default async function organizationRoutes(app: App) {
  app.get('/organization', {
    schema: { tags: ['organization'], summary: 'The caller\'s organisation', response: { 200: OrganizationSchema } },
  }, async (request) => readOrganization({ db: request.db, org: request.org }));

  app.put('/organization', {
    schema: {
      tags: ['organization'],
      summary: 'Change the organisation\'s name, IANA time zone and ISO 4217 currency (admins)',
      description: 'Days and months are cut in the new time zone from then on (stored instants do not change). '
        + 'A zone that would cut an approved month at other instants is refused with 409 MONTH_LOCKED (`details.months`): reopen those months first. '
        + '`vacationCarryOverUntil` ("MM-DD", e.g. "03-31"; null: never; left out: unchanged): last year\'s remaining vacation days are used first and expire after that day as far as they were not taken by then (GET /api/balances). '
        + '`compliance` ({ enabled, rules }; left out: unchanged): the working-time law check of GET /api/compliance switched on or off and the rules judged (default: on, every rule). '
        + 'Every change is an audit event (entityType Organization, before and after).',
      body: OrganizationBodySchema,
      response: { 200: OrganizationSchema },
    },
    config: { access: { roles: ['ADMIN'] } },
  }, async (request) => {
    const org = await updateOrganization({ db: request.db, org: request.org, body: request.body, actorId: request.auth.userId });
    app.events.publish(request.auth.orgId, { type: 'settings.changed', what: 'organization' });
    return org;
  });
}
