import type { Category } from '@workdiary/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { toast } from '../../../components/toast';
import { categoriesQueryKey, deleteCategory, restoreCategory } from '../../../components/pickers/use-categories';
import { translate as t } from '../../../lib/i18n/i18n';

/**
 * Step 2's actions on a category: delete (after a confirmation; the server archives one that
 * entries use) and restore an archived one. Both refresh every category list.
 */
export function useCategoryActions() {
  const queryClient = useQueryClient();
  const [toDelete, setToDelete] = useState<Category | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: categoriesQueryKey });

  const remove = useMutation({
    mutationFn: (c: Category) => deleteCategory(c.id),
    onSuccess: async (result, c) => {
      setToDelete(null);
      toast.success(result.archived
        ? t('"{name}" is archived: entries use it, so their history keeps it. You can restore it here.', { name: c.name })
        : t('"{name}" is deleted.', { name: c.name }));
      await refresh();
    },
    onError: (err) => {
      setToDelete(null);
      toast.error(err);
    },
  });
  const restore = useMutation({
    mutationFn: (c: Category) => restoreCategory(c.id),
    onSuccess: async (_r, c) => {
      toast.success(t('"{name}" is back in every category list.', { name: c.name }));
      await refresh();
    },
    onError: (err) => toast.error(err),
  });

  return { toDelete, setToDelete, remove, restore };
}
