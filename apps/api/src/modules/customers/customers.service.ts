import { AppError, type Customer, type CustomerList } from '@workdiary/shared';
import { Prisma } from '../../generated/prisma/client.ts';
import type { SqlRunner } from '../../db/engine.ts';
import { scopedSql } from '../../db/scoped-sql.ts';
import { newId } from '../../db/ids.ts';
import type { ScopedDb } from '../../db/scoped.ts';

type CustomerRow = { id: string; name: string; email: string | null; phone: string | null; address: string | null; archived: boolean; hourlyRate: number | null };

export const toWireCustomer = (c: CustomerRow): Customer => ({
  id: c.id, name: c.name, email: c.email, phone: c.phone, address: c.address, archived: c.archived,
  hourlyRate: c.hourlyRate === null ? null : Number(c.hourlyRate),
});

const customerSelect = { id: true, name: true, email: true, phone: true, address: true, archived: true, hourlyRate: true } as const;

/** `%`, `_` and `\` typed by a user are searched for literally. */
export const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * One page of the organisation's customers by name (case-insensitive order), searched on name,
 * email and phone, with the count of all matches. Raw SQL because Prisma cannot order by lower().
 */
export async function listCustomers({ sql, orgId, q, limit, offset, includeArchived }: {
  sql: SqlRunner; orgId: string; q?: string; limit: number; offset: number; includeArchived: boolean;
}): Promise<CustomerList> {
  const scope = scopedSql(orgId);
  const term = q?.trim();
  const pattern = term ? likePattern(term) : null;
  const where = scope.where('c',
    !includeArchived && Prisma.sql`NOT c."archived"`,
    pattern !== null && Prisma.sql`(c."name" ILIKE ${pattern} ESCAPE '\\' OR c."email" ILIKE ${pattern} ESCAPE '\\' OR c."phone" ILIKE ${pattern} ESCAPE '\\')`);
  const [rows, count] = await Promise.all([
    sql.query<CustomerRow>(scope.query`
      SELECT c."id", c."name", c."email", c."phone", c."address", c."archived", c."hourlyRate" FROM "Customer" c WHERE ${where}
       ORDER BY lower(c."name"), c."id" LIMIT ${limit} OFFSET ${offset}`),
    sql.query<{ total: number | string }>(scope.query`SELECT count(*)::int AS total FROM "Customer" c WHERE ${where}`),
  ]);
  return { items: rows.map(toWireCustomer), total: Number(count[0]?.total ?? 0), limit, offset };
}

export async function getCustomer({ db, id }: { db: ScopedDb; id: string }): Promise<Customer> {
  const customer = await db.customer.findFirst({ where: { id }, select: customerSelect });
  if (!customer) throw new AppError('NOT_FOUND', 'Customer not found.');
  return toWireCustomer(customer);
}

export type CustomerInput = { name: string; email?: string | null; phone?: string | null; address?: string | null; archived?: boolean; hourlyRate?: number | null };

export async function createCustomer({ db, body }: { db: ScopedDb; body: CustomerInput }): Promise<Customer> {
  const created = await db.customer.create({
    data: {
      id: newId(),
      name: body.name,
      email: body.email ?? null,
      phone: body.phone ?? null,
      address: body.address ?? null,
      archived: body.archived ?? false,
      hourlyRate: body.hourlyRate ?? null,
    } as Parameters<ScopedDb['customer']['create']>[0]['data'],
    select: customerSelect,
  });
  return toWireCustomer(created);
}

/** Edits contact details; `archived: true` archives (it leaves pickers; its history stays), false restores. */
export async function updateCustomer({ db, id, body }: { db: ScopedDb; id: string; body: Partial<CustomerInput> }): Promise<Customer> {
  const existing = await db.customer.findFirst({ where: { id }, select: { id: true } });
  if (!existing) throw new AppError('NOT_FOUND', 'Customer not found.');
  const data: Partial<CustomerInput> = {};
  for (const key of ['name', 'email', 'phone', 'address', 'archived', 'hourlyRate'] as const) {
    if (body[key] !== undefined) (data as Record<string, unknown>)[key] = body[key];
  }
  const updated = await db.customer.update({ where: { id }, data, select: customerSelect });
  return toWireCustomer(updated);
}
