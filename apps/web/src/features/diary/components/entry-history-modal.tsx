import type { WorkEntry } from '@workdiary/shared';
import { useEntryHistory } from '../../../components/entries/entries-api';
import { EmptyState } from '../../../components/empty-state';
import { ErrorState } from '../../../components/error-state';
import { Modal } from '../../../components/modal';
import { Spinner } from '../../../components/spinner';
import { sessionSummary, snapshotOf } from '../lib/audit';
import { AuditTrail } from './audit-trail';
import { translate as t } from '../../../lib/i18n/i18n';

export type EntryHistoryModalProps = {
  entry: WorkEntry | null;
  tz: string;
  date: string;
  onClose: () => void;
};

/** One session's audit trail (GET /api/work-entries/:id/history), over the day modal. */
export function EntryHistoryModal({ entry, tz, date, onClose }: EntryHistoryModalProps) {
  const history = useEntryHistory(entry?.id ?? null);
  return (
    <Modal open={entry !== null} onClose={onClose} title={t('Session history')} description={entry ? sessionSummary(snapshotOf(entry), tz, date) : undefined} size="md">
      {history.isPending ? (
        <div className="diary-centered"><Spinner label={t('Loading history…')} /></div>
      ) : history.isError ? (
        <ErrorState error={history.error} onRetry={() => void history.refetch()} retrying={history.isFetching} title={t('Could not load the history')} />
      ) : history.data.length === 0 ? (
        <EmptyState title={t('No recorded changes')} message={t('Sessions imported or seeded before auditing have no trail.')} />
      ) : (
        <AuditTrail events={history.data} tz={tz} date={date} />
      )}
    </Modal>
  );
}
