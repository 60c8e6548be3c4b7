import { z } from 'zod';
import {
  CustomerAtWorkListSchema,
  IdParamsSchema,
  TimerStartBodySchema,
  TimerStateSchema,
  TimerStopBodySchema,
  WorkEntrySchema,
  WorkEntryWithWarningsSchema,
} from '@workdiary/shared';
import type { App } from '../../lib/types.ts';
import { withWarnings } from '../compliance/compliance.service.ts';
import { discardTimer, getRunning, listCustomerAtWork, startTimer, stopTimer } from './timer.service.ts';

/** The caller's own live timer; the server's clock stamps every start and stop. */
export default async function timerRoutes(app: App) {
  const deps = { sql: app.database.sql, orgs: app.orgCache };
  app.get('/timer', {
    schema: { tags: ['timer'], summary: 'The running entry of the signed-in user, or null', response: { 200: TimerStateSchema } },
  }, async (request) => ({ running: await getRunning({ db: request.db, userId: request.auth.userId }) }));

  app.post('/timer/start', {
    schema: {
      tags: ['timer'],
      summary: 'Start the timer for a customer and category (409 TIMER_ALREADY_RUNNING if one runs)',
      body: TimerStartBodySchema,
      response: { 201: WorkEntrySchema },
    },
  }, async (request, reply) => {
    const entry = await startTimer({
      deps,
      orgId: request.auth.orgId,
      user: { id: request.auth.userId, name: request.auth.name },
      customerId: request.body.customerId,
      categoryId: request.body.categoryId,
      now: app.now(),
      events: app.events,
    });
    return reply.status(201).send(entry);
  });

  app.post('/timer/stop', {
    schema: {
      tags: ['timer'],
      summary: 'Stop the running timer with a note (409 if none runs, 422 if the work rules refuse)',
      description: '`warnings` (left out when none): the working-time findings (GET /api/compliance) on the days the session touches and the next day, '
        + 'after the stop. A warning never refuses the stop.',
      body: TimerStopBodySchema,
      response: { 200: WorkEntryWithWarningsSchema },
    },
  }, async (request) => withWarnings({
    sql: app.database.sql,
    orgs: app.orgCache,
    org: request.org,
    log: request.log,
    entry: await stopTimer({
      deps,
      orgId: request.auth.orgId,
      userId: request.auth.userId,
      actorId: request.auth.userId,
      note: request.body.note,
      now: app.now(),
      events: app.events,
    }),
  }));

  app.delete('/timer', {
    schema: {
      tags: ['timer'],
      summary: 'Discard the running session without keeping an entry (audited as a delete)',
      response: { 204: z.null().describe('Discarded') },
    },
  }, async (request, reply) => {
    await discardTimer({ db: request.db, userId: request.auth.userId, actorId: request.auth.userId, events: app.events });
    return reply.status(204).send(null);
  });

  app.get('/customers/:id/at-work', {
    schema: {
      tags: ['timer'],
      summary: 'Who is working for this customer right now',
      params: IdParamsSchema,
      response: { 200: CustomerAtWorkListSchema },
    },
  }, async (request) => ({ items: await listCustomerAtWork({ db: request.db, customerId: request.params.id }) }));
}
