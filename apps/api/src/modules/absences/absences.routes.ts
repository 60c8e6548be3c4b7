import { z } from 'zod';
import {
  AbsenceKindBodySchema,
  AbsenceKindListSchema,
  AbsenceKindSchema,
  AbsenceListQuerySchema,
  AbsenceListSchema,
  AbsenceRequestBodySchema,
  AbsenceSchema,
  IdParamsSchema,
} from '@workdiary/shared';
import type { App } from '../../lib/types.ts';
import { createAbsenceKind, deleteAbsenceKind, listAbsenceKinds, updateAbsenceKind } from './absence-kinds.service.ts';
import { decideAbsence, deleteAbsence, listAbsences, requestAbsence } from './absences.service.ts';

const tags = ['absences'];
const MANAGERS = { access: { roles: ['ADMIN', 'MANAGER'] as Array<'ADMIN' | 'MANAGER'> } };
const ADMINS = { access: { roles: ['ADMIN'] as Array<'ADMIN'> } };

export default async function absencesRoutes(app: App) {
  app.get('/absences', {
    schema: {
      tags,
      summary: 'Absences touching [from, to] (dates in the organisation\'s zone); members see their own',
      querystring: AbsenceListQuerySchema,
      response: { 200: AbsenceListSchema },
    },
  }, async (request) => ({ items: await listAbsences({ db: request.db, caller: request.auth, query: request.query }) }));

  app.post('/absences', {
    schema: {
      tags,
      summary: 'Request an absence (members: for themselves; managers may file one for anyone)',
      description: 'Whole days [startDate, endDate]. Status REQUESTED until a manager decides; only APPROVED absences count as fulfilled required hours. '
        + 'Overlapping another requested or approved absence → 409 ABSENCE_OVERLAP; a day in an approved month → 409 MONTH_LOCKED; archived kind → 400.',
      body: AbsenceRequestBodySchema,
      response: { 201: AbsenceSchema },
    },
  }, async (request, reply) => reply.status(201).send(await requestAbsence({ db: request.db, caller: request.auth, body: request.body })));

  for (const [path, decision] of [['approve', 'APPROVED'], ['reject', 'REJECTED']] as const) {
    app.post(`/absences/:id/${path}`, {
      schema: {
        tags,
        summary: `${path === 'approve' ? 'Approve' : 'Reject'} an absence request (managers, admins)`,
        description: 'Already decided → 409 ABSENCE_DECIDED; approving a day in an approved month → 409 MONTH_LOCKED.',
        params: IdParamsSchema,
        response: { 200: AbsenceSchema },
      },
      config: MANAGERS,
    }, async (request) => decideAbsence({ db: request.db, caller: request.auth, id: request.params.id, decision, now: app.now() }));
  }

  app.delete('/absences/:id', {
    schema: {
      tags,
      summary: 'Withdraw a pending request (its user) or delete an absence (managers, admins); 204',
      description: 'A day in an approved month → 409 MONTH_LOCKED.',
      params: IdParamsSchema,
      response: { 204: z.null().describe('Deleted') },
    },
  }, async (request, reply) => {
    await deleteAbsence({ db: request.db, caller: request.auth, id: request.params.id });
    return reply.status(204).send(null);
  });

  app.get('/settings/absence-kinds', {
    schema: { tags, summary: 'Absence kinds of the organisation (archived ones last)', response: { 200: AbsenceKindListSchema } },
  }, async (request) => ({ items: await listAbsenceKinds({ db: request.db }) }));

  app.post('/settings/absence-kinds', {
    schema: {
      tags,
      summary: 'Add an absence kind (admins): name and the share of a day it counts as fulfilled',
      description: '`payrollType` (none | vacation | sick) says which DATEV wage type the credited hours are paid as in GET /api/exports/payroll/datev-lodas.txt; `vacation: true` is the same as payrollType vacation (it also marks the kind for vacation days). Left out: none. Name taken (ignoring case) → 409 CONFLICT.',
      body: AbsenceKindBodySchema,
      response: { 201: AbsenceKindSchema },
    },
    config: ADMINS,
  }, async (request, reply) => reply.status(201).send(await createAbsenceKind({ db: request.db, body: request.body })));

  app.put('/settings/absence-kinds/:id', {
    schema: {
      tags,
      summary: 'Rename an absence kind or change its credit (admins); restores an archived one',
      description: '`payrollType` (none | vacation | sick) says which DATEV wage type the credited hours are paid as in GET /api/exports/payroll/datev-lodas.txt; `vacation: true` is the same as payrollType vacation (it also marks the kind for vacation days). Left out: unchanged. The payroll type applies to every approved absence of the kind, also in approved months (their kept days name the kind).',
      params: IdParamsSchema,
      body: AbsenceKindBodySchema,
      response: { 200: AbsenceKindSchema },
    },
    config: ADMINS,
  }, async (request) => updateAbsenceKind({ db: request.db, id: request.params.id, body: request.body }));

  app.delete('/settings/absence-kinds/:id', {
    schema: {
      tags,
      summary: 'Delete an absence kind (admins): a used one is archived instead',
      params: IdParamsSchema,
      response: { 200: z.object({ id: z.string(), archived: z.boolean(), deleted: z.boolean() }) },
    },
    config: ADMINS,
  }, async (request) => deleteAbsenceKind({ db: request.db, id: request.params.id }));
}
