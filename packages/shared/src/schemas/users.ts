import { z } from 'zod';
import { BalanceStartSchema, VacationDaysSchema } from './balances.ts';
import { LocaleSchema, RoleSchema, text } from './common.ts';
import { WorkEntrySchema } from './entries.ts';
import { PersonnelNumberSchema } from './payroll.ts';

const Money = z.number().int().min(0).max(1_000_000_000);

export const PaySchema = z.object({
  type: z.enum(['HOURLY', 'MONTHLY']),
  hourlyRate: Money.nullable().optional(),
  monthlyBase: Money.nullable().optional(),
  overtimeFactor: z.number().min(1).max(5),
});
export type Pay = z.infer<typeof PaySchema>;

export const UserSchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  role: RoleSchema,
  active: z.boolean(),
  pay: PaySchema,
  /** DATEV personnel number; answered to managers and admins only (absent on /api/me). */
  personnelNumber: z.string().nullable().optional(),
  /** Overtime account start and vacation days per year: on the users list and edits (managers, admins), not on /api/me. */
  balanceStart: BalanceStartSchema.nullable().optional(),
  vacationDaysPerYear: z.number().nullable().optional(),
});
export type User = z.infer<typeof UserSchema>;

export const EmailSchema = text().trim().toLowerCase().pipe(z.email('Enter a valid email address').max(254));
export const PasswordSchema = text().min(8, 'Use at least 8 characters').max(200);
export const NameSchema = text().trim().min(1, 'Name is required').max(120);

/** Pay as sent by a client: the rate that belongs to the pay type is required (integer minor units). */
export const PayBodySchema = PaySchema.superRefine((pay, ctx) => {
  if (pay.type === 'HOURLY' && (pay.hourlyRate === null || pay.hourlyRate === undefined)) {
    ctx.addIssue({ code: 'custom', path: ['hourlyRate'], message: 'An hourly rate is required for hourly pay' });
  }
  if (pay.type === 'MONTHLY' && (pay.monthlyBase === null || pay.monthlyBase === undefined)) {
    ctx.addIssue({ code: 'custom', path: ['monthlyBase'], message: 'A monthly base is required for monthly pay' });
  }
});

/** Where a user is working right now, if a timer runs. */
export const AtWorkSummarySchema = z.object({
  customerId: z.string(),
  customerName: z.string(),
  since: z.string(),
});
export type AtWorkSummary = z.infer<typeof AtWorkSummarySchema>;

export const UserListItemSchema = UserSchema.extend({ atWork: AtWorkSummarySchema.nullable() });
export type UserListItem = z.infer<typeof UserListItemSchema>;
export const UserListQuerySchema = z.object({
  q: text().trim().max(200).optional(),
  active: z.enum(['true', 'false']).optional(),
});
export const UserListSchema = z.object({ items: z.array(UserListItemSchema) });
export type UserList = z.infer<typeof UserListSchema>;

/**
 * POST /api/users: the user and either an initial `password`, or `sendInvite: true` for a one-time
 * set-password link that the admin passes on (no mail server is assumed).
 */
export const UserCreateBodySchema = z
  .object({
    name: NameSchema,
    email: EmailSchema,
    role: RoleSchema.default('MEMBER'),
    active: z.boolean().optional(),
    pay: PayBodySchema,
    personnelNumber: PersonnelNumberSchema.nullable().optional(),
    password: PasswordSchema.optional(),
    sendInvite: z.boolean().optional(),
  })
  .superRefine((body, ctx) => {
    const invite = body.sendInvite === true;
    if (invite && body.password !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['password'], message: 'Give an initial password or ask for a set-password link, not both' });
    }
    if (!invite && body.password === undefined) {
      ctx.addIssue({ code: 'custom', path: ['password'], message: 'Give an initial password or ask for a set-password link' });
    }
  });
export type UserCreateBody = z.input<typeof UserCreateBodySchema>;

export const SetPasswordLinkSchema = z.object({
  user: UserSchema,
  setPasswordUrl: z.string(),
  expiresAt: z.string(),
  /** true when the link also went out by mail (SMTP_URL set); false: pass it on yourself. */
  mailed: z.boolean().optional(),
});
export type SetPasswordLink = z.infer<typeof SetPasswordLinkSchema>;
/** 201 of POST /api/users: the User itself, or `{ user, setPasswordUrl, expiresAt }` when an invite link was asked for. */
export const UserCreateResponseSchema = z.union([SetPasswordLinkSchema, UserSchema]);
export type UserCreateResponse = z.infer<typeof UserCreateResponseSchema>;

/** PATCH /api/users/:id (admins). `pay` is merged into the current pay, then checked as a whole. */
export const UserPatchBodySchema = z.object({
  name: NameSchema.optional(),
  email: EmailSchema.optional(),
  role: RoleSchema.optional(),
  active: z.boolean().optional(),
  pay: PaySchema.partial().optional(),
  /** DATEV personnel number, 1–5 digits without a leading zero, unique in the organisation; null clears it. */
  personnelNumber: PersonnelNumberSchema.nullable().optional(),
  /** The overtime account's start; null: from the first month with an entry, opening 0. */
  balanceStart: BalanceStartSchema.nullable().optional(),
  /** Vacation days per year (whole or half days); null: none recorded. */
  vacationDaysPerYear: VacationDaysSchema.nullable().optional(),
});
export type UserPatchBody = z.input<typeof UserPatchBodySchema>;

/** POST /api/auth/set-password (public): the token from the link and the new password. */
export const SetPasswordBodySchema = z.object({
  token: text().min(20).max(200),
  password: PasswordSchema,
});
export type SetPasswordBody = z.infer<typeof SetPasswordBodySchema>;

/** POST /api/me/password */
export const ChangePasswordBodySchema = z.object({
  currentPassword: text().min(1, 'Enter your current password').max(200),
  newPassword: PasswordSchema,
});
export type ChangePasswordBody = z.infer<typeof ChangePasswordBodySchema>;

/** PATCH /api/me */
/** PATCH /api/me: your name and/or your language (null: follow the organisation's locale). */
export const MePatchBodySchema = z.object({
  name: NameSchema.optional(),
  locale: LocaleSchema.nullable().optional(),
  /** The monthly mail reminding you to submit last month (sent only when the server has mail). */
  monthReminder: z.boolean().optional(),
});
export type MePatchBody = z.input<typeof MePatchBodySchema>;

/** GET /api/at-work: the running timers of the organisation, oldest first. */
export const AtWorkItemSchema = z.object({
  entryId: z.string(),
  userId: z.string(),
  userName: z.string(),
  customerId: z.string(),
  customerName: z.string(),
  categoryName: z.string(),
  startedAt: z.string(),
});
export type AtWorkItem = z.infer<typeof AtWorkItemSchema>;
export const AtWorkListSchema = z.object({ items: z.array(AtWorkItemSchema) });
export type AtWorkList = z.infer<typeof AtWorkListSchema>;
export const AtWorkStopBodySchema = z.object({ note: text().trim().max(2000, 'At most 2000 characters').default('') });
export type AtWorkStopBody = z.input<typeof AtWorkStopBodySchema>;

/** POST /api/at-work/:userId/stop answers the stopped entry and who stopped it. */
export const AtWorkStopResponseSchema = WorkEntrySchema.extend({
  stoppedBy: z.object({ id: z.string(), name: z.string() }).nullable(),
});
export type AtWorkStopResponse = z.infer<typeof AtWorkStopResponseSchema>;
