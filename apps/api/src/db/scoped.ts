import type { PrismaClient } from '../generated/prisma/client.ts';

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

type Args = { where?: Record<string, unknown>; data?: unknown; create?: Record<string, unknown> };

export function scopeArgs(model: string, operation: string, rawArgs: unknown, orgId: string): unknown {
  const key = model === 'Organization' ? 'id' : 'organizationId';
  const args: Args = { ...((rawArgs ?? {}) as Args) };
  if (WHERE_OPS.has(operation)) args.where = { ...(args.where ?? {}), [key]: orgId };
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
