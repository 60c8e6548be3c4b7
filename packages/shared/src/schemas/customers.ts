import { z } from 'zod';

export const CustomerSchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  address: z.string().nullable(),
  archived: z.boolean(),
});
export type Customer = z.infer<typeof CustomerSchema>;

const optionalText = (max: number) =>
  z.string().trim().max(max).transform((v) => (v === '' ? null : v)).nullable().optional();

export const CustomerBodySchema = z.object({
  name: z.string().trim().min(1, 'Name is required').max(200),
  email: z.union([z.literal(''), z.email('Enter a valid email address')]).transform((v) => (v === '' ? null : v)).nullable().optional(),
  phone: optionalText(60),
  address: optionalText(500),
  archived: z.boolean().optional(),
});
export const CustomerPatchSchema = CustomerBodySchema.partial();
export type CustomerBody = z.input<typeof CustomerBodySchema>;
