import { z } from 'zod';
import { text } from './common.ts';

export const CategorySchema = z.object({ id: z.string(), name: z.string(), archived: z.boolean() });
export type Category = z.infer<typeof CategorySchema>;
export const CategoryNameSchema = text().trim().min(1, 'Name is required').max(60, 'At most 60 characters');
export const CreateCategoryBodySchema = z.object({ name: CategoryNameSchema });
export type CreateCategoryBody = z.infer<typeof CreateCategoryBodySchema>;

/** `GET /api/categories`: active ones by default; `includeArchived=true` adds the archived ones. */
export const CategoryListQuerySchema = z.object({
  includeArchived: z.enum(['true', 'false']).optional().transform((v) => v === 'true'),
});
export const CategoryListSchema = z.object({ items: z.array(CategorySchema) });
export type CategoryList = z.infer<typeof CategoryListSchema>;

/**
 * `DELETE /api/categories/:id` answers 200 with what happened: a category that entries use is
 * archived (`archived: true, deleted: false`), an unused one is removed (`deleted: true`).
 */
export const CategoryDeleteResultSchema = z.object({ id: z.string(), archived: z.boolean(), deleted: z.boolean() });
export type CategoryDeleteResult = z.infer<typeof CategoryDeleteResultSchema>;
