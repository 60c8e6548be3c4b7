import { Prisma } from '../generated/prisma/client.ts';

/**
 * Tenancy for raw SQL, the counterpart of `forOrg` (scoped.ts) for the hand-written queries:
 * every condition is a parameter of a tagged `Prisma.sql` template (never text glued together),
 * and a query built here must contain this organisation's filter, or building it throws. So raw
 * SQL cannot skip the organisation the way the scoped client cannot.
 *
 *   const scope = scopedSql(orgId);
 *   const q = scope.query`SELECT … FROM "WorkEntry" e WHERE ${scope.where('e', Prisma.sql`e."userId" = ${userId}`)}`;
 *   await sql.query(q);
 *
 * Every `where`/`organization` filter embedded in a query is this organisation's: a query may
 * filter several tables (joins, CTEs, subqueries), each with its own filter.
 */
declare const scopedBrand: unique symbol;
/** A query that provably carries an organisation filter made by `scopedSql`. */
export type ScopedQuery = Prisma.Sql & { readonly [scopedBrand]: true };

/** A condition, or nothing (an optional filter that is not set). */
export type Condition = Prisma.Sql | false | null | undefined;

export type ScopedSql = {
  readonly orgId: string;
  /** `"<alias>"."organizationId" = <orgId> AND <each condition>`: the WHERE of a scoped query. */
  where(alias: string, ...conditions: Condition[]): Prisma.Sql;
  /**
   * `"<alias>"."id" = <orgId> AND <each condition>`: the filter of the one table whose rows are
   * organisations (`"Organization"`), where the organisation is the row's own id.
   */
  organization(alias: string, ...conditions: Condition[]): Prisma.Sql;
  /** Tagged template for the whole query; throws unless it embeds a `where` of this scope. */
  query(strings: TemplateStringsArray, ...values: unknown[]): ScopedQuery;
};

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function scopedSql(orgId: string): ScopedSql {
  if (!orgId) throw new Error('scopedSql needs an organisation id');
  const filters = new WeakSet<Prisma.Sql>();
  function filter(alias: string, column: 'organizationId' | 'id', conditions: Condition[]): Prisma.Sql {
    if (!IDENTIFIER.test(alias)) throw new Error(`scopedSql: "${alias}" is not a table alias`);
    const parts = [Prisma.sql`${Prisma.raw(`"${alias}"."${column}"`)} = ${orgId}`];
    for (const c of conditions) if (c) parts.push(c);
    const where = Prisma.join(parts, ' AND ');
    filters.add(where);
    return where;
  }
  return {
    orgId,
    where: (alias, ...conditions) => filter(alias, 'organizationId', conditions),
    organization: (alias, ...conditions) => filter(alias, 'id', conditions),
    query(strings, ...values) {
      if (!values.some((v) => v instanceof Prisma.Sql && filters.has(v))) {
        throw new Error('scopedSql: the query has no organisation filter; put scope.where(…) in its WHERE');
      }
      return Prisma.sql(strings, ...values) as ScopedQuery;
    },
  };
}
