import type { Category } from '@workdiary/shared';
import { Badge } from '../../../components/badge';
import { Button } from '../../../components/button';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { type DataTableColumn } from '../../../components/data-table';
import { IconButton } from '../../../components/icon-button';
import { HistoryIcon, TrashIcon } from '../../../components/icons';
import { translate as t } from '../../../lib/i18n/i18n';

/** The categories table's columns: the name (with "Archived"), and Restore or Delete. */
export function categoryColumns({ restoringId, onRestore, onDelete }: {
  /** The category being restored, if any. */
  restoringId: string | null;
  onRestore: (c: Category) => void;
  onDelete: (c: Category) => void;
}): Array<DataTableColumn<Category>> {
  return [
    {
      key: 'name',
      header: t('Name'),
      rowHeader: true,
      cell: (c) => (
        <span className="category-name">
          <span className="category-name__text">{c.name}</span>
          {c.archived ? <Badge tone="neutral">{t('Archived')}</Badge> : null}
        </span>
      ),
    },
    {
      key: 'action',
      header: t('Action'),
      align: 'right',
      width: '8rem',
      cell: (c) => c.archived ? (
        <Button
          size="sm"
          icon={<HistoryIcon size={16} />}
          loading={restoringId !== null && restoringId === c.id}
          loadingText={t('Restoring…')}
          onClick={() => onRestore(c)}
          aria-label={t('Restore {name}', { name: c.name })}
        >
          {t('Restore')}
        </Button>
      ) : (
        <IconButton tone="danger" label={t('Delete {name}', { name: c.name })} icon={<TrashIcon size={18} />} onClick={() => onDelete(c)} />
      ),
    },
  ];
}

/** Confirms deleting a category, and says it is archived instead when entries use it. */
export function DeleteCategoryDialog({ category, loading, onCancel, onConfirm }: {
  category: Category | null;
  loading: boolean;
  onCancel: () => void;
  onConfirm: () => void;
}) {
  return (
    <ConfirmDialog
      open={category !== null}
      title={t('Delete "{value1}"?', { value1: category?.name ?? '' })}
      message={(
        <>
          <p>{t('It leaves every category list.')}</p>
          <p>{t('If entries use it, it is archived instead: their history and exports keep its name, and you can restore it here.')}</p>
        </>
      )}
      confirmLabel={t('Delete')}
      loading={loading}
      loadingText={t('Deleting…')}
      onCancel={onCancel}
      onConfirm={onConfirm}
    />
  );
}
