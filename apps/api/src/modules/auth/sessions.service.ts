import { AppError, type SessionInfo } from '@workdiary/shared';
import type { Prisma, PrismaClient } from '../../generated/prisma/client.ts';
import type { ScopedDb, ScopedTx } from '../../db/scoped.ts';
import { newId } from '../../db/ids.ts';

/** How long a session (and its token and cookie) lasts from sign-in. */
export const SESSION_TTL_SECONDS = 60 * 60 * 24 * 14;
/** Last seen is written at most this often per session, not on every request. */
export const LAST_SEEN_INTERVAL_MS = 60_000;

/** A new session row for a sign-in; the user's expired rows are cleared on the way. */
export async function createSession({ prisma, user, device, now }: {
  prisma: PrismaClient;
  user: { id: string; organizationId: string };
  device: string;
  now: Date;
}): Promise<{ id: string; expiresAt: Date }> {
  const id = newId();
  const expiresAt = new Date(now.getTime() + SESSION_TTL_SECONDS * 1000);
  await prisma.session.deleteMany({ where: { userId: user.id, expiresAt: { lte: now } } });
  await prisma.session.create({ data: { id, organizationId: user.organizationId, userId: user.id, device: device.slice(0, 120), createdAt: now, lastSeenAt: now, expiresAt } });
  return { id, expiresAt };
}

/** Ends one session (logout). Unknown ids are fine: the session is gone either way. */
export async function endSession(prisma: PrismaClient, sessionId: string): Promise<void> {
  await prisma.session.deleteMany({ where: { id: sessionId } });
}

/** Ends every session of a user, except `keep` (the caller's own, on a password change). */
export async function endUserSessions(db: Prisma.TransactionClient | ScopedDb | ScopedTx, userId: string, keep?: string): Promise<number> {
  const { count } = await db.session.deleteMany({ where: { userId, ...(keep ? { id: { not: keep } } : {}) } });
  return count;
}

/** The caller's active sessions, most recently used first. */
export async function listOwnSessions({ db, userId, currentId, now }: { db: ScopedDb; userId: string; currentId: string | null; now: Date }): Promise<SessionInfo[]> {
  const rows = await db.session.findMany({
    where: { userId, expiresAt: { gt: now } },
    orderBy: [{ lastSeenAt: 'desc' }, { createdAt: 'desc' }],
  });
  return rows.map((s) => ({
    id: s.id,
    device: s.device,
    createdAt: s.createdAt.toISOString(),
    lastSeenAt: s.lastSeenAt.toISOString(),
    expiresAt: s.expiresAt.toISOString(),
    current: s.id === currentId,
  }));
}

/** Ends one of the caller's own sessions; another user's id is simply not found. */
export async function endOwnSession({ db, userId, sessionId }: { db: ScopedDb; userId: string; sessionId: string }): Promise<void> {
  const { count } = await db.session.deleteMany({ where: { id: sessionId, userId } });
  if (count === 0) throw new AppError('NOT_FOUND', 'This session does not exist or has already ended.');
}

/** "Sign out all other devices": every session of the caller but the current one. */
export async function endOtherOwnSessions({ db, userId, currentId }: { db: ScopedDb; userId: string; currentId: string | null }): Promise<number> {
  return endUserSessions(db, userId, currentId ?? undefined);
}

/** An admin's "sign out everywhere" for a user of their organisation. */
export async function endSessionsOfUser({ db, userId }: { db: ScopedDb; userId: string }): Promise<number> {
  const user = await db.user.findFirst({ where: { id: userId }, select: { id: true } });
  if (!user) throw new AppError('NOT_FOUND', 'This user does not exist.');
  return endUserSessions(db, userId);
}
