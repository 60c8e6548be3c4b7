import { createHash, randomBytes } from 'node:crypto';
import { AppError } from '@workdiary/shared';
import type { Prisma, PrismaClient } from '../../generated/prisma/client.ts';
import type { UnscopedSql } from '../../db/engine.ts';
import { newId } from '../../db/ids.ts';
import { countHit } from '../../lib/rate-limit-store.ts';
import { hashPassword } from '../../lib/passwords.ts';
import type { OutgoingMail } from '../../lib/mailer.ts';
import { endUserSessions } from '../auth/sessions.service.ts';
import { mailLanguage, passwordResetMail } from './templates.ts';

/** How long a password-reset link works. */
export const RESET_TTL_MS = 60 * 60 * 1000;
/** At most this many reset mails per address and hour (the rest are answered 202 and dropped): no mail bombing. */
export const RESET_MAILS_PER_HOUR = 5;

const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

/** The link in the mail: the web app's /reset-password page. */
export function resetPasswordUrl(base: string, token: string): string {
  return `${base.replace(/\/+$/, '')}/reset-password?token=${encodeURIComponent(token)}`;
}

/**
 * POST /api/auth/password-reset. For an active user with that address: a new one-hour link
 * (earlier unused ones stop working), audited, and the mail to send. For any other address:
 * nothing. The route runs this after answering (the same 202 for every address), so the answer's
 * time does not tell whether the address exists or a mail went out.
 */
export async function requestPasswordReset({ prisma, sql, email, baseUrl, now }: {
  prisma: PrismaClient; sql: UnscopedSql; email: string; baseUrl: string; now: Date;
}): Promise<OutgoingMail | null> {
  const address = email.trim().toLowerCase();
  // Counted for every address, known or not (the same work either way).
  const { hits } = await countHit(sql, `password-reset-mail|${address}`, 60 * 60 * 1000);
  const user = await prisma.user.findUnique({
    where: { email: address },
    select: { id: true, organizationId: true, name: true, email: true, active: true, locale: true, organization: { select: { locale: true } } },
  });
  if (!user || !user.active || hits > RESET_MAILS_PER_HOUR) return null;
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + RESET_TTL_MS);
  await prisma.$transaction(async (tx) => {
    // One link at a time: asking again replaces the earlier one; links a day past expiry are dropped.
    await tx.passwordReset.deleteMany({ where: { userId: user.id, usedAt: null } });
    await tx.passwordReset.deleteMany({ where: { expiresAt: { lt: new Date(now.getTime() - 24 * 60 * 60 * 1000) } } });
    const id = newId();
    await tx.passwordReset.create({
      data: { id, organizationId: user.organizationId, userId: user.id, tokenHash: hashToken(token), createdAt: now, expiresAt },
    });
    await tx.auditEvent.create({
      data: {
        id: newId(), organizationId: user.organizationId, entityType: 'PasswordReset', entityId: id, action: 'CREATE', actorId: user.id,
        after: { userId: user.id, expiresAt: expiresAt.toISOString() },
      } as Prisma.AuditEventUncheckedCreateInput,
    });
  });
  return passwordResetMail({
    language: mailLanguage(user.locale, user.organization.locale),
    to: user.email,
    name: user.name,
    link: resetPasswordUrl(baseUrl, token),
  });
}

/**
 * POST /api/auth/password-reset/confirm: sets the new password once, ends every session of the
 * user (the route then starts a fresh one), audited. A used link answers 410 RESET_LINK_USED, an
 * old one 410 RESET_LINK_EXPIRED, an unknown or replaced one 404 RESET_LINK_INVALID.
 */
export async function confirmPasswordReset({ prisma, token, password, now }: {
  prisma: PrismaClient; token: string; password: string; now: Date;
}): Promise<{ id: string; organizationId: string }> {
  const tokenHash = hashToken(token);
  const link = await prisma.passwordReset.findUnique({
    where: { tokenHash },
    select: { id: true, userId: true, organizationId: true, expiresAt: true, usedAt: true, user: { select: { active: true } } },
  });
  if (!link || !link.user.active) {
    throw new AppError('RESET_LINK_INVALID', 'This password-reset link is not valid. Ask for a new one on the sign-in page.');
  }
  const used = () => new AppError('RESET_LINK_USED', 'This password-reset link was already used. Ask for a new one on the sign-in page if you need to.');
  if (link.usedAt) throw used();
  if (link.expiresAt.getTime() <= now.getTime()) {
    throw new AppError('RESET_LINK_EXPIRED', 'This password-reset link has expired (links work for one hour). Ask for a new one on the sign-in page.');
  }
  const passwordHash = await hashPassword(password);
  return prisma.$transaction(async (tx) => {
    // Conditional on the link being unused, so two redemptions at once cannot both win.
    const { count } = await tx.passwordReset.updateMany({ where: { id: link.id, usedAt: null }, data: { usedAt: now } });
    if (count === 0) throw used();
    await tx.user.updateMany({
      where: { id: link.userId },
      data: { passwordHash, setPasswordToken: null, setPasswordExpiresAt: null },
    });
    await endUserSessions(tx, link.userId);
    await tx.auditEvent.create({
      data: {
        id: newId(), organizationId: link.organizationId, entityType: 'PasswordReset', entityId: link.id, action: 'UPDATE', actorId: link.userId,
        after: { userId: link.userId, usedAt: now.toISOString(), sessionsEnded: true },
      } as Prisma.AuditEventUncheckedCreateInput,
    });
    return { id: link.userId, organizationId: link.organizationId };
  });
}
