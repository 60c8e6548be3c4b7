import { AtWorkListSchema, AtWorkStopBodySchema, AtWorkStopResponseSchema, IdSchema } from '@workdiary/shared';
import { z } from 'zod';
import type { App } from '../../lib/types.ts';
import { listOrgAtWork, stopUserTimer } from './at-work.service.ts';

const UserIdParamsSchema = z.object({ userId: IdSchema });

/** Who is at work now (managers, admins), and stopping someone's forgotten timer. */
export default async function atWorkRoutes(app: App) {
  app.get('/at-work', {
    schema: { tags: ['timer'], summary: 'Running timers of the organisation (managers, admins)', response: { 200: AtWorkListSchema } },
    config: { access: { roles: ['ADMIN', 'MANAGER'] } },
  }, async (request) => ({ items: await listOrgAtWork({ db: request.db }) }));

  app.post('/at-work/:userId/stop', {
    schema: {
      tags: ['timer'],
      summary: 'Stop a user\'s running timer with a note (managers, admins); audited as the manager\'s',
      description: '409 TIMER_NOT_RUNNING if none runs; 422 if the work rules refuse the stop (e.g. NOTE_REQUIRED).',
      params: UserIdParamsSchema,
      body: AtWorkStopBodySchema,
      response: { 200: AtWorkStopResponseSchema },
    },
    config: { access: { roles: ['ADMIN', 'MANAGER'] } },
  }, async (request) => stopUserTimer({
    db: request.db, deps: { sql: app.database.sql, unscoped: app.database.unscoped, orgs: app.orgCache }, orgId: request.auth.orgId,
    userId: request.params.userId, actorId: request.auth.userId, note: request.body.note, now: app.now(), events: app.events,
  }));
}
