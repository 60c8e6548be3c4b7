import { z } from 'zod';

export const CategorySchema = z.object({ id: z.string(), name: z.string(), archived: z.boolean() });
export type Category = z.infer<typeof CategorySchema>;
export const CategoryNameSchema = z.string().trim().min(1, 'Name is required').max(60, 'At most 60 characters');
export const CreateCategoryBodySchema = z.object({ name: CategoryNameSchema });
export type CreateCategoryBody = z.infer<typeof CreateCategoryBodySchema>;
