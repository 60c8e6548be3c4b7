import { z } from 'zod';
import { RoleSchema } from './common.ts';

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
});
export type User = z.infer<typeof UserSchema>;

export const EmailSchema = z.string().trim().toLowerCase().pipe(z.email('Enter a valid email address').max(254));
export const PasswordSchema = z.string().min(8, 'Use at least 8 characters').max(200);
export const NameSchema = z.string().trim().min(1, 'Name is required').max(120);
