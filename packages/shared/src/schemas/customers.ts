import { z } from 'zod';
import { text } from './common.ts';

export const CustomerSchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  address: z.string().nullable(),
  archived: z.boolean(),
  /** Billing rate in minor units per hour; null = not billable (reports count its hours, no amount). */
  hourlyRate: z.number().int().nullable(),
});
export type Customer = z.infer<typeof CustomerSchema>;

const optionalText = (max: number) =>
  text().trim().max(max).transform((v) => (v === '' ? null : v)).nullable().optional();

export const CustomerBodySchema = z.object({
  name: text().trim().min(1, 'Name is required').max(200),
  email: z.union([z.literal(''), text().pipe(z.email('Enter a valid email address'))]).transform((v) => (v === '' ? null : v)).nullable().optional(),
  phone: optionalText(60),
  address: optionalText(500),
  archived: z.boolean().optional(),
  hourlyRate: z.number().int('Enter the rate in minor units (cents)').min(0, 'A rate cannot be negative').max(100_000_000).nullable().optional(),
});
export const CustomerPatchSchema = CustomerBodySchema.partial();
export type CustomerBody = z.input<typeof CustomerBodySchema>;

/** `GET /api/customers`: server-side search on name, email and phone (case-insensitive), by name. */
export const CustomerListQuerySchema = z.object({
  q: text().trim().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
  includeArchived: z.enum(['true', 'false']).optional().transform((v) => v === 'true'),
});
export type CustomerListQuery = z.input<typeof CustomerListQuerySchema>;
export const CustomerListSchema = z.object({
  items: z.array(CustomerSchema),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
});
export type CustomerList = z.infer<typeof CustomerListSchema>;
