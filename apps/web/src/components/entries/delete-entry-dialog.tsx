import type { ReactNode } from 'react';
import type { WorkEntry } from '@workdiary/shared';
import { ConfirmDialog } from '../confirm-dialog';
import { toast } from '../toast';
import { useDeleteEntry } from './entries-api';

/** Delete one entry after confirming; the deletion stays in the entry's history (AuditEvent). */
export function DeleteEntryDialog({ entry, summary, noun = 'entry', onClose }: {
  entry: WorkEntry | null;
  /** One line describing the entry (who/when/how long), shown above the history note. */
  summary: ReactNode;
  noun?: 'entry' | 'session';
  onClose: () => void;
}) {
  const remove = useDeleteEntry();
  const title = noun === 'entry' ? 'Entry' : 'Session';
  return (
    <ConfirmDialog
      open={entry !== null}
      title={`Delete ${noun}?`}
      message={entry ? <p>{summary}{' '}The deletion is kept in the {noun}’s history.</p> : null}
      loading={remove.isPending}
      loadingText="Deleting…"
      onCancel={onClose}
      onConfirm={() => {
        if (!entry) return;
        remove.mutate(entry.id, {
          onSuccess: () => {
            toast.success(`${title} deleted`);
            onClose();
          },
          onError: (error) => toast.error(error, { title: 'Could not delete' }),
        });
      }}
    />
  );
}
