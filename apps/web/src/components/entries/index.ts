export { EntryFormModal, type EntryFormModalProps } from './entry-form-modal';
export {
  entryHistoryQueryOptions, invalidateAfterEntryWrite, useCreateEntry, useDeleteEntry, useEntryHistory, useEntryUsers,
  useUpdateEntry, useWorkEntries, workEntriesKey, workEntriesQueryOptions, type WorkEntriesParams,
} from './entries-api';
export { dateLabel, entryMinutes, localDate, localDateLabel, localTime } from './entry-time';
export { useServerNow } from './use-now';
