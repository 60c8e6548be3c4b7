import { z } from 'zod';
import { LocaleSchema } from './common.ts';
import { UserSchema } from './users.ts';

export const LoginBodySchema = z.object({
  email: z.string().trim().min(1, 'Email is required').max(254),
  password: z.string().min(1, 'Password is required').max(200),
});
export type LoginBody = z.infer<typeof LoginBodySchema>;

export const OrganizationSchema = z.object({
  id: z.string(),
  name: z.string(),
  timeZone: z.string(),
  currency: z.string(),
  clientTimer: z.boolean(),
  locale: LocaleSchema,
});
export type Organization = z.infer<typeof OrganizationSchema>;

/** `locale`: the user's own override of the organisation's locale, null to follow it. */
export const MeSchema = UserSchema.extend({ locale: LocaleSchema.nullable(), organization: OrganizationSchema });
export type Me = z.infer<typeof MeSchema>;

export const LoginResponseSchema = z.object({ user: MeSchema, token: z.string() });
export type LoginResponse = z.infer<typeof LoginResponseSchema>;
