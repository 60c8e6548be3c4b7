import { TimerSwitchBodySchema, TimerSwitchResponseSchema } from '@workdiary/shared';
import type { App } from '../../lib/types.ts';
import { switchTimer } from './timer-switch.service.ts';
import { startOfRequest } from './start-request.ts';

/** Switching customers in one step (stop with the note + start, atomically). */
export default async function timerSwitchRoutes(app: App) {
  const deps = { sql: app.database.sql, unscoped: app.database.unscoped, orgs: app.orgCache };
  app.post('/timer/switch', {
    schema: {
      tags: ['timer'],
      summary: 'Stop the running session with its note and start the next one at the same instant',
      description: 'One transaction: the errors of stop (409 TIMER_NOT_RUNNING, the work rules\' 422s) and of start '
        + '(404, 409 ENTRY_OVERLAP, MODULE_DISABLED, CUSTOMER_ARCHIVED, CATEGORY_ARCHIVED); when one refuses nothing changes.',
      body: TimerSwitchBodySchema,
      response: { 201: TimerSwitchResponseSchema },
    },
  }, async (request, reply) => {
    const result = await switchTimer({ deps, ...startOfRequest(app, request), note: request.body.note });
    return reply.status(201).send(result);
  });
}
