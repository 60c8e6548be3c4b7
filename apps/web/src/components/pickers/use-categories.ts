import {
  CategoryListSchema, CategorySchema, CategoryDeleteResultSchema,
  type Category, type CategoryDeleteResult,
} from '@workdiary/shared';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api-client';

/**
 * Categories from `GET /api/categories`. Every list lives under the key ['categories'], so
 * invalidating ['categories'] refreshes the pickers and the settings table alike.
 */
export const categoriesQueryKey = ['categories'] as const;
export const allCategoriesQueryKey = ['categories', { includeArchived: true }] as const;

export function getCategories({ includeArchived = false, signal }: { includeArchived?: boolean; signal?: AbortSignal } = {}): Promise<Category[]> {
  return api
    .get('/api/categories', { schema: CategoryListSchema, query: { includeArchived: includeArchived || undefined }, signal })
    .then((list) => list.items);
}

/** Active categories (what every dropdown offers), by name. */
export function categoriesQueryOptions() {
  return queryOptions({
    queryKey: categoriesQueryKey,
    queryFn: ({ signal }) => getCategories({ signal }),
    staleTime: 60_000,
  });
}

/** Active and archived categories (archived last): the admins' settings table. */
export function allCategoriesQueryOptions() {
  return queryOptions({
    queryKey: allCategoriesQueryKey,
    queryFn: ({ signal }) => getCategories({ includeArchived: true, signal }),
  });
}

/** The organisation's active categories: `const { data: categories = [] } = useCategories()`. */
export function useCategories() {
  return useQuery(categoriesQueryOptions());
}

export function createCategory(name: string): Promise<Category> {
  return api.post('/api/categories', { body: { name }, schema: CategorySchema });
}

export function deleteCategory(id: string): Promise<CategoryDeleteResult> {
  return api.delete(`/api/categories/${encodeURIComponent(id)}`, { schema: CategoryDeleteResultSchema });
}

export function restoreCategory(id: string): Promise<Category> {
  return api.post(`/api/categories/${encodeURIComponent(id)}/restore`, { schema: CategorySchema });
}

const byName = (a: Category, b: Category) => a.name.localeCompare(b.name);

/**
 * `POST /api/categories` (any role). On success the new category is in the active list at once
 * (so a select can show it selected) and every category list is refetched.
 */
export function useCreateCategory() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createCategory,
    onSuccess: async (created) => {
      queryClient.setQueryData<Category[]>(categoriesQueryKey, (old) =>
        old && !old.some((c) => c.id === created.id) ? [...old, created].sort(byName) : old);
      await queryClient.invalidateQueries({ queryKey: categoriesQueryKey });
    },
  });
}
