import { z } from 'zod';

/** One person working for a customer right now (the customer page's live "At Work" badge). */
export const CustomerAtWorkItemSchema = z.object({
  userId: z.string(),
  name: z.string(),
  /** The server's start instant of the running session (ISO UTC). */
  since: z.string(),
  categoryName: z.string(),
});
export type CustomerAtWorkItem = z.infer<typeof CustomerAtWorkItemSchema>;
/** GET /api/customers/:id/at-work */
export const CustomerAtWorkListSchema = z.object({ items: z.array(CustomerAtWorkItemSchema) });
export type CustomerAtWorkList = z.infer<typeof CustomerAtWorkListSchema>;
