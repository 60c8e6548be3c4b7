import { Prisma, type PrismaClient } from '../generated/prisma/client.ts';

/**
 * Tenancy in one place: every query a request makes goes through this client, which adds the
 * caller's organisation to every filter and every row it creates. A forgotten `where` cannot
 * leak another organisation's rows; an id from another organisation simply is not found.
 */
const WHERE_OPS = new Set([
  'findUnique', 'findUniqueOrThrow', 'findFirst', 'findFirstOrThrow', 'findMany', 'count',
  'aggregate', 'groupBy', 'update', 'updateMany', 'updateManyAndReturn', 'delete', 'deleteMany', 'upsert',
]);
const CREATE_OPS = new Set(['create', 'createMany', 'createManyAndReturn', 'upsert']);

type Args = { where?: Record<string, unknown>; data?: unknown; create?: Record<string, unknown>; update?: Record<string, unknown> };

/** Scalar columns per model: a write may only set these (nested relation writes are not scoped). */
const SCALARS: Record<string, Set<string>> = {
  Organization: new Set(Object.values(Prisma.OrganizationScalarFieldEnum)),
  User: new Set(Object.values(Prisma.UserScalarFieldEnum)),
  WorkRules: new Set(Object.values(Prisma.WorkRulesScalarFieldEnum)),
  Category: new Set(Object.values(Prisma.CategoryScalarFieldEnum)),
  Customer: new Set(Object.values(Prisma.CustomerScalarFieldEnum)),
  WorkEntry: new Set(Object.values(Prisma.WorkEntryScalarFieldEnum)),
  AuditEvent: new Set(Object.values(Prisma.AuditEventScalarFieldEnum)),
  Session: new Set(Object.values(Prisma.SessionScalarFieldEnum)),
  MonthClose: new Set(Object.values(Prisma.MonthCloseScalarFieldEnum)),
  MonthEvent: new Set(Object.values(Prisma.MonthEventScalarFieldEnum)),
  AbsenceKind: new Set(Object.values(Prisma.AbsenceKindScalarFieldEnum)),
  Absence: new Set(Object.values(Prisma.AbsenceScalarFieldEnum)),
  ReportShare: new Set(Object.values(Prisma.ReportShareScalarFieldEnum)),
  DayFigure: new Set(Object.values(Prisma.DayFigureScalarFieldEnum)),
  UserDay: new Set(Object.values(Prisma.UserDayScalarFieldEnum)),
  UserMonth: new Set(Object.values(Prisma.UserMonthScalarFieldEnum)),
  BalanceCorrection: new Set(Object.values(Prisma.BalanceCorrectionScalarFieldEnum)),
  ComplianceAcknowledgement: new Set(Object.values(Prisma.ComplianceAcknowledgementScalarFieldEnum)),
  ApiToken: new Set(Object.values(Prisma.ApiTokenScalarFieldEnum)),
  CalendarFeed: new Set(Object.values(Prisma.CalendarFeedScalarFieldEnum)),
  Webhook: new Set(Object.values(Prisma.WebhookScalarFieldEnum)),
  WebhookDelivery: new Set(Object.values(Prisma.WebhookDeliveryScalarFieldEnum)),
  PasswordReset: new Set(Object.values(Prisma.PasswordResetScalarFieldEnum)),
  MonthReminder: new Set(Object.values(Prisma.MonthReminderScalarFieldEnum)),
  Import: new Set(Object.values(Prisma.ImportScalarFieldEnum)),
};

function assertScalarOnly(model: string, data: unknown) {
  const allowed = SCALARS[model];
  if (!allowed || data === null || typeof data !== 'object') return;
  for (const row of Array.isArray(data) ? data : [data]) {
    for (const key of Object.keys(row as object)) {
      if (!allowed.has(key)) throw new Error(`Scoped client: nested write "${model}.${key}" is not allowed; write each model with its own scoped call`);
    }
  }
}

export function scopeArgs(model: string, operation: string, rawArgs: unknown, orgId: string): unknown {
  const key = model === 'Organization' ? 'id' : 'organizationId';
  const args: Args = { ...((rawArgs ?? {}) as Args) };
  if (WHERE_OPS.has(operation)) {
    // AND the organisation onto the caller's filter, never overwrite it: asking for another
    // organisation's id must find nothing rather than the caller's own row.
    const where = args.where ?? {};
    const and = where.AND === undefined ? [] : Array.isArray(where.AND) ? where.AND : [where.AND];
    args.where = { ...where, AND: [...and, { [key]: orgId }] };
  }
  for (const data of [args.data, args.create, args.update]) assertScalarOnly(model, data);
  if (CREATE_OPS.has(operation) && model !== 'Organization') {
    if (operation === 'upsert') args.create = { ...(args.create ?? {}), organizationId: orgId };
    else if (Array.isArray(args.data)) args.data = args.data.map((d: Record<string, unknown>) => ({ ...d, organizationId: orgId }));
    else args.data = { ...((args.data ?? {}) as Record<string, unknown>), organizationId: orgId };
  }
  if (CREATE_OPS.has(operation) && model === 'Organization') throw new Error('Organizations are not created through a scoped client');
  return args;
}

export function forOrg(prisma: PrismaClient, orgId: string) {
  return prisma.$extends({
    name: 'tenant-scope',
    query: {
      $allModels: {
        async $allOperations({ model, operation, args, query }) {
          return query(scopeArgs(model, operation, args, orgId) as typeof args);
        },
      },
    },
  });
}

export type ScopedDb = ReturnType<typeof forOrg>;
/** The client inside `db.$transaction(async (tx) => …)`: still scoped. */
export type ScopedTx = Parameters<Parameters<ScopedDb['$transaction']>[0]>[0];
