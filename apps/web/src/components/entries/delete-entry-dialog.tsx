import type { ReactNode } from 'react';
import type { WorkEntry } from '@workdiary/shared';
import { ConfirmDialog } from '../confirm-dialog';
import { toast } from '../toast';
import { useDeleteEntry } from './entries-api';
import { translate as t } from '../../lib/i18n/i18n';

/** Delete one entry after confirming; the deletion stays in the entry's history (AuditEvent). */
export function DeleteEntryDialog({ entry, summary, noun = 'entry', onClose }: {
  entry: WorkEntry | null;
  /** One line describing the entry (who/when/how long), shown above the history note. */
  summary: ReactNode;
  noun?: 'entry' | 'session';
  onClose: () => void;
}) {
  const remove = useDeleteEntry();
  const title = noun === 'entry' ? t('Entry') : t('Session');
  return (
    <ConfirmDialog
      open={entry !== null}
      title={t('Delete {noun}?', { noun })}
      message={entry ? <p>{summary}{' '}{noun === 'session' ? t('The deletion is kept in the session’s history.') : t('The deletion is kept in the entry’s history.')}</p> : null}
      loading={remove.isPending}
      loadingText={t('Deleting…')}
      onCancel={onClose}
      onConfirm={() => {
        if (!entry) return;
        remove.mutate(entry.id, {
          onSuccess: () => {
            toast.success(`${title} deleted`);
            onClose();
          },
          onError: (error) => toast.error(error, { title: t('Could not delete') }),
        });
      }}
    />
  );
}
