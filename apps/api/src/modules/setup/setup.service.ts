import { AppError, DEFAULT_LOCALE, defaultAbsenceKinds, DEFAULT_WORK_RULES, type Organization } from '@workdiary/shared';
import type { PrismaClient } from '../../generated/prisma/client.ts';
import { newId } from '../../db/ids.ts';
import { toWireOrganization } from '../../lib/mappers.ts';
import { hashPassword } from '../../lib/passwords.ts';

export type SetupInput = {
  organization: { name: string; timeZone: string; currency: string; locale?: string | undefined };
  admin: { name: string; email: string; password: string };
};

export type SetupResult = {
  organization: Organization;
  admin: { id: string; organizationId: string; email: string };
};

/** True until the first organisation exists. */
export async function isSetupNeeded({ prisma }: { prisma: PrismaClient }): Promise<boolean> {
  return (await prisma.organization.count()) === 0;
}

/**
 * First-run setup: the organisation, its default work rules and its first admin, in one
 * transaction. Only while no organisation exists; an advisory lock makes two concurrent
 * attempts (two browsers, or the CLI and a browser) give one organisation and one 409.
 * Used by POST /api/setup and by the create-admin command.
 */
export async function runSetup({ prisma, input }: { prisma: PrismaClient; input: SetupInput }): Promise<SetupResult> {
  const passwordHash = await hashPassword(input.admin.password);
  const orgId = newId();
  const adminId = newId();
  const email = input.admin.email.trim().toLowerCase();
  return prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('workdiary:first-run-setup'))`;
    if ((await tx.organization.count()) > 0) {
      throw new AppError('SETUP_ALREADY_DONE', 'Workdiary is already set up. Sign in, or ask an administrator for an account.');
    }
    const org = await tx.organization.create({
      data: { id: orgId, name: input.organization.name.trim(), timeZone: input.organization.timeZone, currency: input.organization.currency.toUpperCase(), locale: input.organization.locale ?? DEFAULT_LOCALE },
    });
    await tx.workRules.create({ data: { id: newId(), organizationId: orgId, userId: null, ...DEFAULT_WORK_RULES } });
    await tx.absenceKind.createMany({ data: defaultAbsenceKinds(org.locale).map((k) => ({ id: newId(), organizationId: orgId, ...k })) });
    const admin = await tx.user.create({
      data: {
        id: adminId, organizationId: orgId, email, name: input.admin.name.trim(), role: 'ADMIN', passwordHash,
        payType: 'MONTHLY', monthlyBase: 0, hourlyRate: null, overtimeFactor: 1.25,
      },
      select: { id: true, organizationId: true, email: true },
    });
    await tx.workRules.create({ data: { id: newId(), organizationId: orgId, userId: adminId, ...DEFAULT_WORK_RULES } });
    return { organization: toWireOrganization(org), admin };
  });
}
