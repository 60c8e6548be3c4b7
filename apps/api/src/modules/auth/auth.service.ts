import { AppError, type Me } from '@workdiary/shared';
import type { PrismaClient } from '../../generated/prisma/client.ts';
import { burnVerify, verifyPassword } from '../../lib/passwords.ts';
import { toLocale, toWireOrganization, toWireUser } from '../../lib/mappers.ts';

/** Login is the one query made before a tenant is known: by globally unique email. */
export async function authenticate({ prisma, email, password }: { prisma: PrismaClient; email: string; password: string }) {
  const user = await prisma.user.findUnique({ where: { email: email.trim().toLowerCase() } });
  if (!user) {
    await burnVerify(password);
    throw new AppError('INVALID_CREDENTIALS');
  }
  const ok = await verifyPassword(user.passwordHash, password);
  if (!ok) throw new AppError('INVALID_CREDENTIALS');
  if (!user.active) throw new AppError('INVALID_CREDENTIALS', 'This account is deactivated. Ask an administrator.');
  return user;
}

export async function loadMe({ prisma, userId, mailEnabled }: { prisma: PrismaClient; userId: string; mailEnabled?: boolean }): Promise<Me> {
  const user = await prisma.user.findUnique({ where: { id: userId }, include: { organization: true } });
  if (!user) throw new AppError('UNAUTHENTICATED');
  return {
    ...toWireUser(user), locale: toLocale(user.locale), organization: toWireOrganization(user.organization),
    monthReminder: user.monthReminder, ...(mailEnabled === undefined ? {} : { mailEnabled }),
  };
}
