import { CategoryNameSchema } from '@workdiary/shared';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent, type KeyboardEvent } from 'react';
import { Button } from '../../../components/button';
import { DataTable } from '../../../components/data-table';
import { IconButton } from '../../../components/icon-button';
import { ChevronLeftIcon, PlusIcon } from '../../../components/icons';
import { TextField } from '../../../components/text-field';
import { toast } from '../../../components/toast';
import { allCategoriesQueryOptions, useCreateCategory } from '../../../components/pickers/use-categories';
import { getErrorMessage } from '../../../lib/api-client';
import { translate as t } from '../../../lib/i18n/i18n';
import { useCategoryActions } from '../hooks/use-category-actions';
import { categoryColumns, DeleteCategoryDialog } from './category-columns';

export type CategoriesStepProps = {
  onBack: () => void;
  onDone: () => void;
};

/** Step 2: the organisation's categories. Delete archives one that entries use; admins restore it. */
export function CategoriesStep({ onBack, onDone }: CategoriesStepProps) {
  const categories = useQuery(allCategoriesQueryOptions());
  const [adding, setAdding] = useState(false);
  const { toDelete, setToDelete, remove, restore } = useCategoryActions();
  const columns = categoryColumns({
    restoringId: restore.isPending ? restore.variables?.id ?? null : null,
    onRestore: (c) => restore.mutate(c),
    onDelete: setToDelete,
  });

  return (
    <div className="wizard-step">
      <div className="categories-head">
        <div>
          <h3 className="categories-head__title">{t('Categories')}</h3>
          <p className="field__hint">{t('Offered in every category list (timer, customer At work, manual entries, diary).')}</p>
        </div>
        <IconButton tone="black" label={t('Add category')} icon={<PlusIcon size={18} />} onClick={() => setAdding(true)} disabled={adding} />
      </div>
      {adding ? <AddCategoryRow onClose={() => setAdding(false)} /> : null}
      <DataTable
        caption={t('Categories')}
        columns={columns}
        rows={categories.data}
        rowKey={(c) => c.id}
        loading={categories.isPending}
        error={categories.isError ? categories.error : undefined}
        onRetry={() => void categories.refetch()}
        emptyTitle={t('No categories yet')}
        emptyMessage={t('Add the kinds of work people book time on, e.g. Regular Hours or On-Site Visit.')}
        rowClassName={(c) => (c.archived ? 'row--archived' : undefined)}
        skeletonRows={4}
        className="categories-table"
      />
      <div className="wizard-actions">
        <Button variant="ghost" onClick={onBack}><ChevronLeftIcon size={16} /> {t('Back')}</Button>
        <span className="wizard-actions__status" />
        <Button variant="primary" onClick={onDone}>{t('Done')}</Button>
      </div>
      <DeleteCategoryDialog
        category={toDelete}
        loading={remove.isPending}
        onCancel={() => setToDelete(null)}
        onConfirm={() => toDelete && remove.mutate(toDelete)}
      />
    </div>
  );
}

function AddCategoryRow({ onClose }: { onClose: () => void }) {
  const create = useCreateCategory();
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);

  function submit(event?: FormEvent) {
    event?.preventDefault();
    if (create.isPending) return;
    const parsed = CategoryNameSchema.safeParse(name);
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? t('Enter a name'));
      return;
    }
    create.mutate(parsed.data, {
      onSuccess: (c) => {
        toast.success(`"${c.name}" added.`);
        onClose();
      },
      onError: (err) => setError(getErrorMessage(err)),
    });
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key !== 'Escape') return;
    // Escape closes this row, not the whole settings dialog.
    event.preventDefault();
    event.stopPropagation();
    onClose();
  }

  return (
    <form className="add-category-row" onSubmit={submit} noValidate>
      <TextField
        label={t('New category name')}
        value={name}
        autoFocus
        autoComplete="off"
        maxLength={80}
        error={error}
        onKeyDown={onKeyDown}
        onChange={(e) => {
          setName(e.target.value);
          setError(null);
        }}
        className="add-category-row__name"
      />
      <div className="add-category-row__actions">
        <Button type="submit" variant="primary" size="sm" loading={create.isPending} loadingText={t('Adding…')}>{t('Add')}</Button>
        <Button variant="ghost" size="sm" onClick={onClose} disabled={create.isPending}>{t('Cancel')}</Button>
      </div>
    </form>
  );
}
