import { z } from 'zod';
import {
  AuditEventListSchema,
  IdParamsSchema,
  WorkEntryCreateBodySchema,
  WorkEntryListQuerySchema,
  WorkEntryListSchema,
  WorkEntryPatchBodySchema,
  WorkEntrySchema,
  WorkEntryWithWarningsSchema,
} from '@workdiary/shared';
import type { App } from '../../lib/types.ts';
import { withWarnings } from '../compliance/compliance.service.ts';
import { createEntry, deleteEntry, entryHistory, listEntries, updateEntry } from './work-entries.service.ts';

const tags = ['work-entries'];

const TIME_RULES = 'Times are either `startedAt`/`stoppedAt` (ISO instants) or `date` + `startTime` (+ `stopDate`) + `stopTime` as wall time in the organisation\'s zone. '
  + 'A wall time that does not exist answers 400 LOCAL_TIME_NONEXISTENT; one that happens twice answers 400 LOCAL_TIME_AMBIGUOUS with both `candidates` '
  + '(instant + UTC offset) in `details`: send the chosen offset as `startOffset`/`stopOffset`.';

export default async function workEntriesRoutes(app: App) {
  app.get('/work-entries', {
    schema: {
      tags,
      summary: 'List entries with the total of the whole filtered range',
      description: 'Newest first. `from`/`to`: dates YYYY-MM-DD in the organisation\'s zone (whole days, `to` inclusive) or ISO instants (`to` exclusive); '
        + 'an entry belongs to the range its start falls in. `totalMinutes` and `total` cover the whole range, not only the page; a running entry counts up to now. '
        + 'Members see only their own rows: a member\'s `userId` filter naming someone else answers 403.',
      querystring: WorkEntryListQuerySchema,
      response: { 200: WorkEntryListSchema },
    },
  }, async (request) => {
    const { limit, offset, ...filter } = request.query;
    return listEntries({ db: request.db, sql: app.database.sql, org: request.org, actor: request.auth, filter, limit, offset, now: app.now() });
  });

  app.post('/work-entries', {
    schema: {
      tags,
      summary: 'Add a manual entry',
      description: `${TIME_RULES} Members may only add their own (another userId → 403); managers and admins anyone's in the organisation. `
        + 'Unknown customer, category or user → 404; archived ones → 422. Overlaps → 409 ENTRY_OVERLAP naming the other entry. '
        + '`warnings` (left out when none): the working-time findings (GET /api/compliance) on the days the entry touches and the next day; never a refusal.',
      body: WorkEntryCreateBodySchema,
      response: { 201: WorkEntryWithWarningsSchema },
    },
  }, async (request, reply) => {
    const entry = await createEntry({ db: request.db, org: request.org, events: app.events, actor: request.auth, body: request.body, now: app.now() });
    return reply.status(201).send(await withWarnings({ sql: app.database.sql, orgs: app.orgCache, org: request.org, entry, log: request.log }));
  });

  app.patch('/work-entries/:id', {
    schema: {
      tags,
      summary: 'Edit an entry',
      description: `${TIME_RULES} Fields left out keep their value. A running entry's times cannot be edited (409 ENTRY_RUNNING: the timer stops it); its customer, category and note can.`,
      params: IdParamsSchema,
      body: WorkEntryPatchBodySchema,
      response: { 200: WorkEntrySchema },
    },
  }, async (request) =>
    updateEntry({ db: request.db, org: request.org, events: app.events, actor: request.auth, id: request.params.id, body: request.body, now: app.now() }));

  app.delete('/work-entries/:id', {
    schema: {
      tags,
      summary: 'Delete an entry',
      description: 'Answers 204. A running entry cannot be deleted (409 ENTRY_RUNNING): stop it first.',
      params: IdParamsSchema,
      response: { 204: z.null().describe('Deleted') },
    },
  }, async (request, reply) => {
    await deleteEntry({ db: request.db, org: request.org, events: app.events, actor: request.auth, id: request.params.id });
    return reply.status(204).send(null);
  });

  app.get('/work-entries/:id/history', {
    schema: {
      tags,
      summary: 'The audit trail of one entry (also after it was deleted)',
      params: IdParamsSchema,
      response: { 200: AuditEventListSchema },
    },
  }, async (request) => ({ items: await entryHistory({ db: request.db, actor: request.auth, id: request.params.id }) }));
}
