import { z } from 'zod';
import { LocaleSchema, text } from './common.ts';
import { PasswordSchema, UserSchema } from './users.ts';
import { ComplianceSettingsSchema } from './compliance.ts';

export const LoginBodySchema = z.object({
  email: text().trim().min(1, 'Email is required').max(254),
  password: text().min(1, 'Password is required').max(200),
});
export type LoginBody = z.infer<typeof LoginBodySchema>;

export const OrganizationSchema = z.object({
  id: z.string(),
  name: z.string(),
  timeZone: z.string(),
  currency: z.string(),
  clientTimer: z.boolean(),
  locale: LocaleSchema,
  /** "MM-DD" after which last year's remaining vacation expires (as far as not taken); null: never. On GET/PUT /api/organization. */
  vacationCarryOverUntil: z.string().nullable().optional(),
  /** The working-time law check (GET /api/compliance): on or off and the rules judged. On GET/PUT /api/organization. */
  compliance: ComplianceSettingsSchema.optional(),
});
export type Organization = z.infer<typeof OrganizationSchema>;

/** `locale`: the user's own override of the organisation's locale, null to follow it. */
export const MeSchema = UserSchema.extend({
  locale: LocaleSchema.nullable(),
  organization: OrganizationSchema,
  /** Whether the monthly reminder to submit last month is on (PATCH /api/me). */
  monthReminder: z.boolean().optional(),
  /** Whether this server sends mail (SMTP_URL); false: mails only go to its log. */
  mailEnabled: z.boolean().optional(),
});
export type Me = z.infer<typeof MeSchema>;

export const LoginResponseSchema = z.object({ user: MeSchema, token: z.string() });
export type LoginResponse = z.infer<typeof LoginResponseSchema>;

/** One signed-in device of the caller (`GET /api/me/sessions`). */
export const SessionInfoSchema = z.object({
  id: z.string(),
  /** A short summary of the browser and system, e.g. "Firefox on Linux". */
  device: z.string(),
  createdAt: z.string(),
  /** Updated at most about once a minute while the session is used. */
  lastSeenAt: z.string(),
  expiresAt: z.string(),
  /** true for the session this request was made with. */
  current: z.boolean(),
});
export type SessionInfo = z.infer<typeof SessionInfoSchema>;
export const SessionListSchema = z.object({ items: z.array(SessionInfoSchema) });
export type SessionList = z.infer<typeof SessionListSchema>;
/** `POST /api/users/:id/sessions/revoke`: how many sessions were ended. */
export const SessionsEndedSchema = z.object({ ended: z.number().int() });
export type SessionsEnded = z.infer<typeof SessionsEndedSchema>;

/** POST /api/auth/password-reset: ask for a one-time link by mail. */
export const PasswordResetRequestBodySchema = z.object({ email: text().trim().min(1, 'Email is required').max(254) });
export type PasswordResetRequestBody = z.infer<typeof PasswordResetRequestBodySchema>;
/** Its 202, the same for every address: only whether this server sends mail at all. */
export const PasswordResetAcceptedSchema = z.object({ mailEnabled: z.boolean() });
export type PasswordResetAccepted = z.infer<typeof PasswordResetAcceptedSchema>;
/** POST /api/auth/password-reset/confirm: the link's token and the new password. */
export const PasswordResetConfirmBodySchema = z.object({
  token: text().min(20).max(200),
  password: PasswordSchema,
});
export type PasswordResetConfirmBody = z.infer<typeof PasswordResetConfirmBodySchema>;
