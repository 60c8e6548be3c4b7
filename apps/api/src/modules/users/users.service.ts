import { AppError, PayBodySchema, type Pay, type Role, type User, type UserListItem, type UserPatchBody, type WorkEntry } from '@workdiary/shared';
import type { Prisma, PrismaClient } from '../../generated/prisma/client.ts';
import { newId } from '../../db/ids.ts';
import { isPrismaError } from '../../lib/prisma-errors.ts';
import type { ScopedDb, ScopedTx } from '../../db/scoped.ts';
import { toStaffUser } from '../../lib/mappers.ts';
import type { OrgContext } from '../../lib/types.ts';
import { hashPassword } from '../../lib/passwords.ts';
import { loadRules } from '../../domain/rules-lookup.ts';
import { forceStopRunningEntry } from './force-stop.ts';
import { newSetPasswordToken } from './set-password-token.ts';
import { endUserSessions } from '../auth/sessions.service.ts';


/**
 * Emails are unique across all organisations (sign-in is by email alone). The answer is the same
 * whether the address belongs to a colleague or to someone elsewhere, and never repeats it, so an
 * admin learns nothing about other organisations beyond "not available".
 */
const emailTaken = () =>
  new AppError('EMAIL_TAKEN', 'This email address cannot be used for an account. Use a different one.', { field: 'email' });

const personnelNumberTaken = (n: string) =>
  new AppError('CONFLICT', `Personnel number ${n} is already given to someone else in this organisation.`, { field: 'personnelNumber' });

/** 409 when another user of the organisation has the personnel number (the unique index decides a race). */
async function assertPersonnelNumberFree(db: ScopedDb | ScopedTx, personnelNumber: string | null | undefined, userId: string | null) {
  if (personnelNumber === null || personnelNumber === undefined) return;
  const other = await db.user.findFirst({ where: { personnelNumber, ...(userId ? { id: { not: userId } } : {}) }, select: { id: true } });
  if (other) throw personnelNumberTaken(personnelNumber);
}

/** Pay as stored: only the amount that belongs to the pay type is kept. */
function payColumns(pay: Pay) {
  return {
    payType: pay.type,
    hourlyRate: pay.type === 'HOURLY' ? (pay.hourlyRate ?? null) : null,
    monthlyBase: pay.type === 'MONTHLY' ? (pay.monthlyBase ?? null) : null,
    overtimeFactor: pay.overtimeFactor,
  };
}

/** Users of the organisation by name, each with the timer they have running (if any). */
export async function listUsers({ db, q, active }: { db: ScopedDb; q?: string; active?: boolean }): Promise<UserListItem[]> {
  const text = q?.trim();
  const where: Prisma.UserWhereInput = {
    ...(active === undefined ? {} : { active }),
    ...(text ? { OR: [{ name: { contains: text, mode: 'insensitive' } }, { email: { contains: text.toLowerCase() } }] } : {}),
  };
  const users = await db.user.findMany({ where, orderBy: [{ name: 'asc' }, { email: 'asc' }] });
  const running = await db.workEntry.findMany({
    where: { stoppedAt: null, userId: { in: users.map((u) => u.id) } },
    select: { userId: true, customerId: true, startedAt: true, customer: { select: { name: true } } },
  });
  const byUser = new Map(running.map((r) => [r.userId, r]));
  return users.map((u) => {
    const r = byUser.get(u.id);
    return {
      ...toStaffUser(u),
      atWork: r ? { customerId: r.customerId, customerName: r.customer.name, since: r.startedAt.toISOString() } : null,
    };
  });
}

/** The organisation's default rules (userId null) copied into the new user's own row. */
async function copyDefaultRules(tx: ScopedTx, userId: string) {
  const rules = await loadRules(tx, null);
  await tx.workRules.create({ data: { id: newId(), userId, ...rules } as Prisma.WorkRulesUncheckedCreateInput });
}

export type CreateUserInput = {
  name: string;
  email: string;
  role: Role;
  active?: boolean;
  pay: Pay;
  personnelNumber?: string | null;
  password?: string;
  sendInvite?: boolean;
};

export type CreateUserResult = { user: User; setPasswordToken: string | null; expiresAt: Date | null };

/**
 * A new user with their own copy of the default work rules, and either a password or a one-time
 * set-password token (only its SHA-256 is stored). Emails are globally unique (login is by email).
 */
export async function createUser({ db, prisma, input, now }: { db: ScopedDb; prisma: PrismaClient; input: CreateUserInput; now: Date }): Promise<CreateUserResult> {
  const email = input.email.trim().toLowerCase();
  // Unscoped on purpose: the address may be taken in another organisation too.
  if (await prisma.user.findUnique({ where: { email }, select: { id: true } })) throw emailTaken();
  await assertPersonnelNumberFree(db, input.personnelNumber, null);
  const pay = PayBodySchema.parse(input.pay);
  const passwordHash = input.password !== undefined ? await hashPassword(input.password) : null;
  const invite = input.password === undefined ? newSetPasswordToken(now) : null;
  const id = newId();
  try {
    const created = await db.$transaction(async (tx) => {
      const user = await tx.user.create({
        data: {
          id,
          name: input.name.trim(),
          email,
          role: input.role,
          active: input.active ?? true,
          passwordHash,
          setPasswordToken: invite?.hash ?? null,
          setPasswordExpiresAt: invite?.expiresAt ?? null,
          ...payColumns(pay),
          personnelNumber: input.personnelNumber ?? null,
        } as Prisma.UserUncheckedCreateInput,
      });
      await copyDefaultRules(tx, id);
      return user;
    });
    return { user: toStaffUser(created), setPasswordToken: invite?.token ?? null, expiresAt: invite?.expiresAt ?? null };
  } catch (err) {
    if (isPrismaError(err, 'P2002')) {
      await assertPersonnelNumberFree(db, input.personnelNumber, id);
      throw emailTaken();
    }
    throw err;
  }
}

/** A new one-time set-password link for an existing, active user (e.g. the first one expired). */
export async function issueSetPasswordLink({ db, userId, now }: { db: ScopedDb; userId: string; now: Date }) {
  const current = await db.user.findFirst({ where: { id: userId }, select: { active: true } });
  if (!current) throw new AppError('NOT_FOUND', 'This user does not exist.');
  if (!current.active) throw new AppError('USER_INACTIVE', 'This user is deactivated. Reactivate them first.');
  const invite = newSetPasswordToken(now);
  await db.user.updateMany({ where: { id: userId }, data: { setPasswordToken: invite.hash, setPasswordExpiresAt: invite.expiresAt } });
  const user = await db.user.findFirst({ where: { id: userId } });
  if (!user) throw new AppError('NOT_FOUND', 'This user does not exist.');
  return { user: toStaffUser(user), token: invite.token, expiresAt: invite.expiresAt };
}

/** Serialises changes to the organisation's admins, so two admins cannot demote each other at once. */
async function lockAdmins(tx: ScopedTx, orgId: string) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`admins:${orgId}`}))`;
}

export type UpdateUserResult = { user: User; stoppedEntry: WorkEntry | null };

/** The user's pay with the patch's fields over it, validated as a whole (a 400 names the `pay.` field). */
function mergedPay(current: Pick<Prisma.UserModel, 'payType' | 'hourlyRate' | 'monthlyBase' | 'overtimeFactor'>, patchPay: NonNullable<UserPatchBody['pay']>): Pay {
  const merged = PayBodySchema.safeParse({
    type: current.payType,
    hourlyRate: current.hourlyRate,
    monthlyBase: current.monthlyBase,
    overtimeFactor: current.overtimeFactor,
    ...stripUndefined(patchPay),
  });
  if (!merged.success) {
    const issue = merged.error.issues[0];
    throw new AppError('VALIDATION_ERROR', issue ? `pay.${issue.path.join('.')}: ${issue.message}` : 'The pay is not valid.', {
      issues: merged.error.issues.map((i) => ({ path: ['pay', ...i.path].join('.'), message: i.message })),
    });
  }
  return merged.data;
}

/**
 * On deactivation: their sessions, personal API tokens and calendar feed end, and their running
 * timer stops with a note; answers the stopped entry.
 */
async function endAccess({ tx, org, actor, userId, name, now }: {
  tx: ScopedTx; org: OrgContext; actor: { id: string; name: string }; userId: string; name: string; now: Date;
}): Promise<WorkEntry | null> {
  // Their sessions end now, so old tokens cannot come back to life on a reactivation.
  await endUserSessions(tx, userId);
  // Their personal API tokens and calendar feed end too (issue 28), for good.
  await tx.apiToken.deleteMany({ where: { userId } });
  await tx.calendarFeed.deleteMany({ where: { userId } });
  return forceStopRunningEntry({
    tx,
    org,
    userId,
    actorId: actor.id,
    note: `Stopped automatically: ${name} was deactivated by ${actor.name}.`,
    now,
  });
}

/**
 * Admin edits: name, email, role, pay, active. The last active admin cannot be demoted or
 * deactivated. Deactivating ends the user's sessions and stops their running timer with a note
 * (history stays); reactivating lets them sign in again.
 */
export async function updateUser({ db, org, actor, userId, patch, now }: {
  db: ScopedDb;
  org: OrgContext;
  actor: { id: string; name: string };
  userId: string;
  patch: UserPatchBody;
  now: Date;
}): Promise<UpdateUserResult> {
  const email = patch.email?.trim().toLowerCase();
  try {
    return await db.$transaction(async (tx) => {
      await lockAdmins(tx, org.id);
      const current = await tx.user.findFirst({ where: { id: userId } });
      if (!current) throw new AppError('NOT_FOUND', 'This user does not exist.');

      const role = patch.role ?? current.role;
      const active = patch.active ?? current.active;
      const losesAdmin = current.role === 'ADMIN' && current.active && (role !== 'ADMIN' || !active);
      if (losesAdmin) {
        const otherAdmins = await tx.user.count({ where: { role: 'ADMIN', active: true, id: { not: userId } } });
        if (otherAdmins === 0) {
          throw new AppError('LAST_ADMIN', `${current.name} is the last active administrator. Make someone else an administrator first.`);
        }
      }

      const data: Prisma.UserUpdateManyMutationInput = {};
      if (patch.name !== undefined) data.name = patch.name.trim();
      if (email !== undefined && email !== current.email) data.email = email;
      if (patch.role !== undefined) data.role = patch.role;
      if (patch.balanceStart !== undefined) {
        data.balanceStartMonth = patch.balanceStart?.month ?? null;
        data.balanceOpeningMinutes = patch.balanceStart?.openingMinutes ?? null;
      }
      if (patch.vacationDaysPerYear !== undefined) data.vacationDaysPerYear = patch.vacationDaysPerYear;
      if (patch.personnelNumber !== undefined && patch.personnelNumber !== current.personnelNumber) {
        await assertPersonnelNumberFree(tx, patch.personnelNumber, userId);
        data.personnelNumber = patch.personnelNumber;
      }
      if (patch.pay !== undefined) Object.assign(data, payColumns(mergedPay(current, patch.pay)));
      let stoppedEntry: WorkEntry | null = null;
      if (patch.active !== undefined && patch.active !== current.active) {
        data.active = patch.active;
        if (!patch.active) {
          data.setPasswordToken = null;
          data.setPasswordExpiresAt = null;
          stoppedEntry = await endAccess({ tx, org, actor, userId, name: current.name, now });
        }
      }
      if (Object.keys(data).length > 0) await tx.user.updateMany({ where: { id: userId }, data });
      const user = await tx.user.findFirst({ where: { id: userId } });
      if (!user) throw new AppError('NOT_FOUND', 'This user does not exist.');
      return { user: toStaffUser(user), stoppedEntry };
    });
  } catch (err) {
    if (isPrismaError(err, 'P2002')) await assertPersonnelNumberFree(db, patch.personnelNumber, userId);
    if (isPrismaError(err, 'P2002') && email) throw emailTaken();
    throw err;
  }
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
