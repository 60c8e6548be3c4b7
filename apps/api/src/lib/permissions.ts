import { AppError, type Role } from '@workdiary/shared';

/**
 * Who may see and change what, in one place. Roles on whole routes are declared in the route's
 * `config.access` (plugins/auth.ts); the rules here are the ones that depend on whose data it is.
 */

/** The caller of a service: the signed-in user as the auth hook read it (`request.auth` is one). */
export type Actor = { userId: string; orgId: string; role: Role };

/** Managers and admins see and correct everyone's time in their organisation; members their own. */
export const isManager = (actor: Pick<Actor, 'role'>): boolean => actor.role === 'ADMIN' || actor.role === 'MANAGER';

/**
 * Whose rows a list shows: a manager's choice (undefined: everyone's), a member always their own.
 * A member asking for someone else's (`what`: "entries", "absences", …) gets 403 rather than a
 * silently different answer.
 */
export function visibleUserId(actor: Actor, requested: string | undefined, what: string): string | undefined {
  if (isManager(actor)) return requested;
  if (requested !== undefined && requested !== actor.userId) {
    throw new AppError('FORBIDDEN', `Members can only see their own ${what}.`);
  }
  return actor.userId;
}

/** One person's diary (month, day, history, exports): managers and admins anyone's, members their own. */
export function assertMayReadDiaryOf(actor: Pick<Actor, 'userId' | 'role'>, userId: string): void {
  if (!isManager(actor) && actor.userId !== userId) {
    throw new AppError('FORBIDDEN', 'You can only see your own work diary.');
  }
}

/** One person's work rules: admins anyone's; members and managers only their own. */
export function assertMayReadRulesOf(actor: Pick<Actor, 'userId' | 'role'>, userId: string): void {
  if (actor.role !== 'ADMIN' && actor.userId !== userId) {
    throw new AppError('FORBIDDEN', 'You can only see your own work rules.');
  }
}

/**
 * A write on someone's data (an entry, an absence request): managers and admins anyone's in the
 * organisation, members their own; else 403 with `message` (which says what a member may do).
 */
export function assertMayActFor(actor: Pick<Actor, 'userId' | 'role'>, userId: string | undefined, message: string): void {
  if (!isManager(actor) && userId !== actor.userId) throw new AppError('FORBIDDEN', message);
}

/** Whose figures a report shows: a manager's choice (null: everyone's); a member always their own, whatever was asked. */
export const reportedUserId = (actor: Actor, requested: string | undefined): string | null => (isManager(actor) ? (requested ?? null) : actor.userId);

/** Which of someone's own records (a shared report) the caller may end: admins any in the organisation, others those they made. */
export const ownedBy = (actor: Pick<Actor, 'userId' | 'role'>): { createdById?: string } => (actor.role === 'ADMIN' ? {} : { createdById: actor.userId });
