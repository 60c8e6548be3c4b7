import crypto from 'node:crypto';
import { AppError, ReportQuerySchema, type PublicReport, type ReportQuery, type ReportShare, type ReportShareBody } from '@workdiary/shared';
import type { Database } from '../../db/engine.ts';
import { newId } from '../../db/ids.ts';
import { forOrg, type ScopedDb } from '../../db/scoped.ts';
import type { Prisma } from '../../generated/prisma/client.ts';
import { ownedBy, type Actor } from '../../lib/permissions.ts';
import { orgContextOf } from '../../lib/mappers.ts';
import { buildReport, filtersFor } from './reports.service.ts';

/** A share lasts at most a year. */
const MAX_SHARE_MS = 366 * 86_400_000;

const hashToken = (token: string) => crypto.createHash('sha256').update(token).digest('hex');

/** The web page that shows a shared report (no sign-in, no navigation into the app). */
export const sharePath = (token: string) => `/shared/reports/${token}`;

type StoredQuery = ReportShare['query'];

function toWire(row: { id: string; query: unknown; expiresAt: Date; createdAt: Date }, url: string): ReportShare {
  return { id: row.id, url, query: row.query as StoredQuery, expiresAt: row.expiresAt.toISOString(), createdAt: row.createdAt.toISOString() };
}

/**
 * Shares a report by link until `expiresAt`. The query is stored as the caller may see it (a
 * member's is always their own); the token is shown once, only its hash is kept.
 */
export async function createShare({ db, caller, body, now }: { db: ScopedDb; caller: Actor; body: ReportShareBody; now: Date }): Promise<{ id: string; url: string }> {
  const expiresAt = new Date(body.expiresAt);
  if (expiresAt.getTime() <= now.getTime()) throw new AppError('VALIDATION_ERROR', 'The link must expire in the future.', { in: 'body', path: 'expiresAt' });
  if (expiresAt.getTime() - now.getTime() > MAX_SHARE_MS) throw new AppError('VALIDATION_ERROR', 'A shared link lasts at most a year.', { in: 'body', path: 'expiresAt' });
  const q = body.query;
  const groupBy = typeof q.groupBy === 'string' ? q.groupBy.split(',').map((g) => g.trim()) : q.groupBy;
  const filters = filtersFor(caller, { userId: q.userId, customerId: q.customerId, categoryId: q.categoryId });
  const query: StoredQuery = { from: q.from, to: q.to, groupBy: groupBy as StoredQuery['groupBy'], ...filters };
  const token = crypto.randomBytes(24).toString('base64url');
  const id = newId();
  await db.reportShare.create({
    data: { id, createdById: caller.userId, tokenHash: hashToken(token), query, expiresAt } as unknown as Prisma.ReportShareUncheckedCreateInput,
  });
  return { id, url: sharePath(token) };
}

/** The caller's own shares that have not expired, newest first (the token is not shown again). */
export async function listShares({ db, caller, now }: { db: ScopedDb; caller: Actor; now: Date }): Promise<{ items: ReportShare[] }> {
  const rows = await db.reportShare.findMany({
    where: { createdById: caller.userId, expiresAt: { gt: now } },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: 200,
  });
  return { items: rows.map((r) => toWire(r, '')) };
}

/** Ends a share at once (the owner; admins any of the organisation's). */
export async function deleteShare({ db, caller, id }: { db: ScopedDb; caller: Actor; id: string }): Promise<void> {
  const where = { id, ...ownedBy(caller) };
  const { count } = await db.reportShare.deleteMany({ where });
  if (count === 0) throw new AppError('NOT_FOUND', 'No such shared report.');
}

/**
 * The report behind a link, as its owner may see it now (their role and membership are checked
 * again: a deactivated owner's links answer 404). Expired, ended or unknown: 404.
 */
export async function readShared({ database, token, now }: { database: Database; token: string; now: Date }): Promise<PublicReport> {
  const notFound = () => new AppError('NOT_FOUND', 'This shared report does not exist or has ended.');
  const share = await database.prisma.reportShare.findUnique({
    where: { tokenHash: hashToken(token) },
    include: { createdBy: { select: { id: true, role: true, active: true } }, organization: true },
  });
  if (!share || share.expiresAt.getTime() <= now.getTime() || !share.createdBy.active) throw notFound();
  const org = orgContextOf(share.organization);
  const stored = share.query as StoredQuery;
  const parsed = ReportQuerySchema.safeParse({ ...stored, groupBy: stored.groupBy.join(','), userId: stored.userId ?? undefined, customerId: stored.customerId ?? undefined, categoryId: stored.categoryId ?? undefined });
  if (!parsed.success) throw notFound();
  const query: ReportQuery = parsed.data;
  const caller: Actor = { userId: share.createdBy.id, orgId: share.organizationId, role: share.createdBy.role };
  const report = await buildReport({ db: forOrg(database.prisma, share.organizationId), sql: database.sql, org, caller, query });
  return { ...report, organization: org.name, expiresAt: share.expiresAt.toISOString() };
}
