import { AppError } from '@workdiary/shared';
import type { PrismaClient } from '../../generated/prisma/client.ts';
import { hashPassword, verifyPassword } from '../../lib/passwords.ts';
import { hashSetPasswordToken } from './set-password-token.ts';
import { endUserSessions } from '../auth/sessions.service.ts';

export type SessionUser = { id: string; organizationId: string };

/**
 * Changes the caller's own password and ends every session of theirs (the auth hook reads the
 * session row on each request, so this is immediate everywhere); the route then starts a fresh
 * session for the caller.
 */
export async function changePassword({ prisma, userId, currentPassword, newPassword }: {
  prisma: PrismaClient; userId: string; currentPassword: string; newPassword: string;
}): Promise<SessionUser> {
  const user = await prisma.user.findUnique({ where: { id: userId }, select: { passwordHash: true } });
  if (!user) throw new AppError('UNAUTHENTICATED');
  if (!(await verifyPassword(user.passwordHash, currentPassword))) {
    throw new AppError('WRONG_PASSWORD', 'Your current password is not correct.', { field: 'currentPassword' });
  }
  const passwordHash = await hashPassword(newPassword);
  return prisma.$transaction(async (tx) => {
    const updated = await tx.user.update({
      where: { id: userId },
      data: { passwordHash, setPasswordToken: null, setPasswordExpiresAt: null },
      select: { id: true, organizationId: true },
    });
    await endUserSessions(tx, userId);
    return updated;
  });
}

const invalidLink = () =>
  new AppError('NOT_FOUND', 'This set-password link is invalid, already used or expired. Ask an administrator for a new one.');

/**
 * Redeems a one-time set-password link (public: the token is the credential). The token is
 * looked up by its SHA-256, works once, and ends any other session of that user.
 */
export async function setPasswordWithToken({ prisma, token, password, now }: {
  prisma: PrismaClient; token: string; password: string; now: Date;
}): Promise<SessionUser> {
  const hash = hashSetPasswordToken(token);
  const user = await prisma.user.findUnique({
    where: { setPasswordToken: hash },
    select: { id: true, active: true, setPasswordExpiresAt: true },
  });
  if (!user || !user.active || !user.setPasswordExpiresAt || user.setPasswordExpiresAt.getTime() <= now.getTime()) throw invalidLink();
  const passwordHash = await hashPassword(password);
  // Conditional on the token still being there, so two redemptions at once cannot both win.
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.user.updateMany({
      where: { id: user.id, setPasswordToken: hash },
      data: { passwordHash, setPasswordToken: null, setPasswordExpiresAt: null },
    });
    if (count === 0) throw invalidLink();
    await endUserSessions(tx, user.id);
    const updated = await tx.user.findUnique({ where: { id: user.id }, select: { id: true, organizationId: true } });
    if (!updated) throw invalidLink();
    return updated;
  });
}
