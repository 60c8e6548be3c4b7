import { AppError, type Customer, type CustomerList } from '@workdiary/shared';
import type { SqlRunner } from '../../db/engine.ts';
import { newId } from '../../db/ids.ts';
import type { ScopedDb } from '../../db/scoped.ts';

type CustomerRow = { id: string; name: string; email: string | null; phone: string | null; address: string | null; archived: boolean };

export const toWireCustomer = (c: CustomerRow): Customer => ({
  id: c.id, name: c.name, email: c.email, phone: c.phone, address: c.address, archived: c.archived,
});

const customerSelect = { id: true, name: true, email: true, phone: true, address: true, archived: true } as const;

/** `%`, `_` and `\` typed by a user are searched for literally. */
export const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * One page of the organisation's customers by name (case-insensitive order), searched on name,
 * email and phone, with the count of all matches. Raw SQL because Prisma cannot order by lower().
 */
export async function listCustomers({ sql, orgId, q, limit, offset, includeArchived }: {
  sql: SqlRunner; orgId: string; q?: string; limit: number; offset: number; includeArchived: boolean;
}): Promise<CustomerList> {
  const params: unknown[] = [orgId];
  const where = ['"organizationId" = $1'];
  if (!includeArchived) where.push('NOT "archived"');
  const term = q?.trim();
  if (term) {
    params.push(likePattern(term));
    const p = `$${params.length}`;
    where.push(`("name" ILIKE ${p} ESCAPE '\\' OR "email" ILIKE ${p} ESCAPE '\\' OR "phone" ILIKE ${p} ESCAPE '\\')`);
  }
  const whereSql = where.join(' AND ');
  const pageParams = [...params, limit, offset];
  const [rows, count] = await Promise.all([
    sql.query<CustomerRow>(
      `SELECT "id", "name", "email", "phone", "address", "archived" FROM "Customer" WHERE ${whereSql}
        ORDER BY lower("name"), "id" LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      pageParams,
    ),
    sql.query<{ total: number | string }>(`SELECT count(*)::int AS total FROM "Customer" WHERE ${whereSql}`, params),
  ]);
  return { items: rows.map(toWireCustomer), total: Number(count[0]?.total ?? 0), limit, offset };
}

export async function getCustomer({ db, id }: { db: ScopedDb; id: string }): Promise<Customer> {
  const customer = await db.customer.findFirst({ where: { id }, select: customerSelect });
  if (!customer) throw new AppError('NOT_FOUND', 'Customer not found.');
  return toWireCustomer(customer);
}

export type CustomerInput = { name: string; email?: string | null; phone?: string | null; address?: string | null; archived?: boolean };

export async function createCustomer({ db, body }: { db: ScopedDb; body: CustomerInput }): Promise<Customer> {
  const created = await db.customer.create({
    data: {
      id: newId(),
      name: body.name,
      email: body.email ?? null,
      phone: body.phone ?? null,
      address: body.address ?? null,
      archived: body.archived ?? false,
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
  for (const key of ['name', 'email', 'phone', 'address', 'archived'] as const) {
    if (body[key] !== undefined) (data as Record<string, unknown>)[key] = body[key];
  }
  const updated = await db.customer.update({ where: { id }, data, select: customerSelect });
  return toWireCustomer(updated);
}
