import {
  AuditEventListSchema,
  UserListSchema,
  WorkEntryListSchema,
  WorkEntrySchema,
  WorkEntryWithWarningsSchema,
  type AuditEvent,
  type WorkEntry,
  type WorkEntryCreateBody,
  type WorkEntryList,
  type WorkEntryPatchBody,
  type WorkEntryWithWarnings,
} from '@workdiary/shared';
import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api-client';
import { hasRole, MANAGER_ROLES, useCurrentUser } from '../../lib/current-user';
import { notifyComplianceWarnings } from '../compliance/rules';

/**
 * The entries API (`/api/work-entries`) for every feature that lists or writes entries: the
 * customer's Working Time tab, the diary's day modal, the entry form. Every list lives under
 * ['work-entries', …]; a write refreshes those lists, the diary and the header timer.
 */
export const workEntriesKey = ['work-entries'] as const;

export type WorkEntriesParams = {
  customerId?: string;
  userId?: string;
  /** 'YYYY-MM-DD' in the organisation's zone (inclusive) or an ISO instant. */
  from?: string;
  to?: string;
  limit?: number;
  offset?: number;
};

export function getWorkEntries(params: WorkEntriesParams, signal?: AbortSignal): Promise<WorkEntryList> {
  return api.get('/api/work-entries', { schema: WorkEntryListSchema, query: { ...params }, signal });
}

export function workEntriesQueryOptions(params: WorkEntriesParams) {
  return queryOptions({
    queryKey: [...workEntriesKey, 'list', params] as const,
    queryFn: ({ signal }) => getWorkEntries(params, signal),
    // Paging or changing the filter keeps the old rows on screen until the new ones arrive.
    placeholderData: keepPreviousData,
  });
}

export function entryHistoryQueryOptions(entryId: string) {
  return queryOptions({
    queryKey: [...workEntriesKey, 'history', entryId] as const,
    queryFn: ({ signal }): Promise<AuditEvent[]> =>
      api.get(`/api/work-entries/${encodeURIComponent(entryId)}/history`, { schema: AuditEventListSchema, signal }).then((l) => l.items),
  });
}

/** Who created and changed an entry, oldest first (AuditEvents). */
export function useEntryHistory(entryId: string | null) {
  return useQuery({ ...entryHistoryQueryOptions(entryId ?? ''), enabled: entryId !== null });
}

/** A manual entry; `warnings` name the working-time rules its days now break (a notice, never a refusal). */
export const createEntry = (body: WorkEntryCreateBody) => api.post('/api/work-entries', { body, schema: WorkEntryWithWarningsSchema });
export const updateEntry = ({ id, body }: { id: string; body: WorkEntryPatchBody }) =>
  api.patch(`/api/work-entries/${encodeURIComponent(id)}`, { body, schema: WorkEntrySchema });
export const deleteEntry = (id: string) => api.delete<void>(`/api/work-entries/${encodeURIComponent(id)}`);

/** What an entry write makes stale: entry lists and histories, the diary, the header timer, the working-time findings. */
export async function invalidateAfterEntryWrite(queryClient: QueryClient): Promise<void> {
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: workEntriesKey }),
    queryClient.invalidateQueries({ queryKey: ['diary'] }),
    queryClient.invalidateQueries({ queryKey: ['timer'] }),
    // The working-time findings follow the sessions.
    queryClient.invalidateQueries({ queryKey: ['compliance'] }),
  ]);
}

export function useCreateEntry() {
  const queryClient = useQueryClient();
  return useMutation<WorkEntryWithWarnings, Error, WorkEntryCreateBody>({
    mutationFn: createEntry,
    onSuccess: (entry) => {
      notifyComplianceWarnings(entry.warnings);
      return invalidateAfterEntryWrite(queryClient);
    },
  });
}

export function useUpdateEntry() {
  const queryClient = useQueryClient();
  return useMutation<WorkEntry, Error, { id: string; body: WorkEntryPatchBody }>({ mutationFn: updateEntry, onSuccess: () => invalidateAfterEntryWrite(queryClient) });
}

export function useDeleteEntry() {
  const queryClient = useQueryClient();
  return useMutation<void, Error, string>({ mutationFn: deleteEntry, onSuccess: () => invalidateAfterEntryWrite(queryClient) });
}

export type EntryUser = { id: string; name: string; active: boolean };

/**
 * The people an entry may be written for: managers and admins pick anyone active in the
 * organisation (`GET /api/users`), members only themselves (no request made).
 */
export function useEntryUsers() {
  const me = useCurrentUser();
  const isManager = hasRole(me, MANAGER_ROLES);
  const query = useQuery({
    queryKey: ['users', 'entry-options'] as const,
    queryFn: ({ signal }) => api.get('/api/users', { schema: UserListSchema, signal }).then((l) =>
      l.items.map((u): EntryUser => ({ id: u.id, name: u.name, active: u.active })).sort((a, b) => a.name.localeCompare(b.name))),
    enabled: isManager,
    staleTime: 60_000,
  });
  const self: EntryUser = { id: me.id, name: me.name, active: true };
  if (!isManager) return { users: [self], isPending: false, error: null as unknown, isManager };
  // Until the list arrives (or if it cannot), the manager can still write their own entries.
  return { users: query.data ?? [self], isPending: query.isPending, error: query.error as unknown, isManager };
}
