import { z } from 'zod';
import {
  CustomerAtWorkListSchema,
  IdParamsSchema,
  TimerPatchBodySchema,
  TimerStartBodySchema,
  TimerStateSchema,
  TimerStopBodySchema,
  WorkEntrySchema,
  WorkEntryWithWarningsSchema,
} from '@workdiary/shared';
import type { App } from '../../lib/types.ts';
import { withWarnings } from '../compliance/compliance.service.ts';
import { discardTimer, editRunningTimer, getRunning, listCustomerAtWork, startTimer, stopTimer } from './timer.service.ts';
import { startOfRequest } from './start-request.ts';

/** The caller's own live timer; the server's clock stamps every start and stop. */
export default async function timerRoutes(app: App) {
  const deps = { sql: app.database.sql, unscoped: app.database.unscoped, orgs: app.orgCache };
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
    const entry = await startTimer({ deps, ...startOfRequest(app, request) });
    return reply.status(201).send(entry);
  });

  app.post('/timer/stop', {
    schema: {
      tags: ['timer'],
      summary: 'Stop the running timer with a note (409 if none runs, 422 if the work rules refuse)',
      description: '`warnings` (left out when none): the working-time findings (GET /api/compliance) on the days the session touches and the next day, '
        + 'after the stop. A warning never refuses the stop. An empty `note` keeps the note written while working (PATCH /api/timer); a note sent replaces it.',
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

  app.patch('/timer', {
    schema: {
      tags: ['timer'],
      summary: 'Edit the running session: its note and its start (409 TIMER_NOT_RUNNING if none runs)',
      description: 'The caller\'s own running session. `note`: what is being worked on; the stop keeps it unless the stop sends a note of its own '
        + '(POST /api/timer/stop with an empty note keeps it). `startedAt`: a new start for a timer started late; it may not be in the future '
        + '(422 ENTRY_IN_FUTURE), may not make the session so far longer than the maximum session length (422 SESSION_TOO_LONG: a start set by hand '
        + 'is refused, not flagged), may not overlap another session (409 ENTRY_OVERLAP) and may not reach into an approved month (409 MONTH_LOCKED). '
        + 'Taken under the user\'s lock like every timer write; audited as UPDATE; other tabs hear `entry.changed`. A refusal changes nothing.',
      body: TimerPatchBodySchema,
      response: { 200: WorkEntrySchema },
    },
  }, async (request) => editRunningTimer({ db: request.db, org: request.org, events: app.events, actor: request.auth, body: request.body, now: app.now() }));

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
