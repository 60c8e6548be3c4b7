import { CalendarFeedCreatedSchema, CalendarFeedParamsSchema, CalendarFeedSchema, NoContentSchema } from '@workdiary/shared';
import type { App } from '../../lib/types.ts';
import { assertSignedInWithSession } from '../api-tokens/api-tokens.service.ts';
import { requestOrigin } from '../users/session.ts';
import { readCalendarFeed, renderCalendarFeed, revokeCalendarFeed, rotateCalendarFeed } from './calendar-feed.service.ts';

const tags = ['calendar'];
const WHAT = 'The feed holds the organisation\'s public holidays and the approved absences you may see (members: their own; managers and admins: '
  + 'everyone\'s in the organisation, of active users), from 1 January of last year to 31 December of next year, as all-day events. '
  + 'Requested or rejected absences and absence notes are never in it.';

/** The per-user secret calendar feed URL (issue 28). */
export default async function calendarFeedRoutes(app: App) {
  app.get('/me/calendar-feed', {
    schema: {
      tags,
      summary: 'Whether you have a calendar feed URL (the URL itself is shown only when it is made)',
      response: { 200: CalendarFeedSchema },
    },
  }, async (request) => readCalendarFeed({ db: request.db, userId: request.auth.userId }));

  app.post('/me/calendar-feed', {
    schema: {
      tags,
      summary: 'Make your secret calendar feed URL, or a new one (the old one stops working at once)',
      description: `${WHAT} Subscribe to the URL in a calendar app; anyone holding it reads the feed without signing in, so treat it like a password. `
        + 'Only a SHA-256 of its token is stored. Requests made with an API token cannot do this (403 FORBIDDEN).',
      response: { 201: CalendarFeedCreatedSchema },
    },
  }, async (request, reply) => {
    assertSignedInWithSession(request.auth, 'make a calendar feed URL');
    const created = await rotateCalendarFeed({ db: request.db, userId: request.auth.userId, origin: requestOrigin(request), now: app.now() });
    return reply.status(201).send(created);
  });

  app.delete('/me/calendar-feed', {
    schema: {
      tags,
      summary: 'Turn your calendar feed off: its URL answers 404 from then on',
      description: '404 NOT_FOUND when you have none. Answers 204 with no body.',
      response: { 204: NoContentSchema },
    },
  }, async (request, reply) => {
    await revokeCalendarFeed({ db: request.db, userId: request.auth.userId });
    return reply.status(204).send(null);
  });

  app.get('/calendar/:token.ics', {
    schema: {
      tags,
      summary: 'A calendar feed (iCalendar, no sign-in: the token in the path is the secret)',
      description: `${WHAT} 404 NOT_FOUND for an unknown or revoked URL and when its owner is deactivated. Answered with Cache-Control: private, no-store.`,
      params: CalendarFeedParamsSchema,
    },
    config: { access: { public: true } },
  }, async (request, reply) => {
    const body = await renderCalendarFeed({ database: app.database, token: request.params.token, now: app.now() });
    return reply
      .header('content-type', 'text/calendar; charset=utf-8')
      .header('cache-control', 'private, no-store')
      .header('content-disposition', 'inline; filename="workdiary.ics"')
      .send(body);
  });
}
