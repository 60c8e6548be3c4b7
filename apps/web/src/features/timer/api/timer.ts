import {
  CustomerAtWorkListSchema, TimerStateSchema, TimerSwitchResponseSchema, WorkEntrySchema, WorkEntryWithWarningsSchema,
  type CustomerAtWorkItem, type TimerPatchBody, type TimerState, type TimerSwitchBody, type TimerSwitchResponse, type WorkEntry, type WorkEntryWithWarnings,
} from '@workdiary/shared';
import { queryOptions, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { notifyComplianceWarnings } from '../../../components/compliance/rules';

/**
 * Every write of this tab's timer (start, stop, switch, discard, edit) carries this key, so the
 * timer's dialogs can tell this tab's own stop, still waiting for its answer, from a stop elsewhere
 * (the live event of the stop can arrive before the stop's own answer).
 */
export const TIMER_WRITE_KEY = ['timer-write'] as const;

/** The caller's running entry. Server-sent events invalidate it (another tab, another device). */
export const timerQueryKey = ['timer'] as const;
export const customerAtWorkQueryKey = (customerId: string) => ['customers', customerId, 'at-work'] as const;

export function getTimer({ signal }: { signal?: AbortSignal } = {}): Promise<TimerState> {
  return api.get('/api/timer', { schema: TimerStateSchema, signal });
}

export function timerQueryOptions() {
  return queryOptions({
    queryKey: timerQueryKey,
    queryFn: ({ signal }) => getTimer({ signal }),
    // Live events keep it fresh; this only covers a dropped event stream.
    staleTime: 60_000,
    refetchInterval: 5 * 60_000,
  });
}

/** `{ running: WorkEntry | null }` of the signed-in user. */
export function useRunningTimer() {
  return useQuery(timerQueryOptions());
}

export function getCustomerAtWork(customerId: string, { signal }: { signal?: AbortSignal } = {}): Promise<CustomerAtWorkItem[]> {
  return api.get(`/api/customers/${encodeURIComponent(customerId)}/at-work`, { schema: CustomerAtWorkListSchema, signal }).then((l) => l.items);
}

/** Who is working for this customer now (the live "At Work" badge). */
export function useCustomerAtWork(customerId: string) {
  return useQuery({
    queryKey: customerAtWorkQueryKey(customerId),
    queryFn: ({ signal }) => getCustomerAtWork(customerId, { signal }),
    staleTime: 60_000,
    refetchInterval: 5 * 60_000,
  });
}

/** Everything a start, stop or discard of one's own timer changes. */
async function afterTimerChange(queryClient: QueryClient, running: WorkEntry | null, customerId: string) {
  queryClient.setQueryData<TimerState>(timerQueryKey, { running });
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: timerQueryKey }),
    queryClient.invalidateQueries({ queryKey: customerAtWorkQueryKey(customerId) }),
    queryClient.invalidateQueries({ queryKey: ['at-work'] }),
    queryClient.invalidateQueries({ queryKey: ['work-entries'] }),
    queryClient.invalidateQueries({ queryKey: ['diary'] }),
  ]);
}

export type StartTimerBody = { customerId: string; categoryId: string };

/**
 * UI reactions (close the dialog, toast) run here, before the caches change: the cache update
 * may unmount the dialog, and `mutate(…, { onSuccess })` callbacks do not run after an unmount.
 */
export type MutationReactions<T> = { onSuccess?: (result: T) => void; onError?: (error: unknown) => void };

/**
 * A write of one's own timer: the reactions run first, then `after` updates the caches; a failure
 * refetches the timer (it may have changed elsewhere).
 */
function useTimerWrite<TVariables, TResult>(
  mutationFn: (variables: TVariables) => Promise<TResult>,
  reactions: MutationReactions<TResult>,
  after: (queryClient: QueryClient, result: TResult) => Promise<unknown>,
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: TIMER_WRITE_KEY,
    mutationFn,
    onSuccess: (result) => {
      reactions.onSuccess?.(result);
      return after(queryClient, result);
    },
    onError: (error) => {
      reactions.onError?.(error);
      return queryClient.invalidateQueries({ queryKey: timerQueryKey });
    },
  });
}

export function useStartTimer(reactions: MutationReactions<WorkEntry> = {}) {
  return useTimerWrite(
    (body: StartTimerBody) => api.post('/api/timer/start', { body, schema: WorkEntrySchema }),
    reactions,
    (queryClient, entry) => afterTimerChange(queryClient, entry, entry.customerId),
  );
}

export function useStopTimer(reactions: MutationReactions<WorkEntryWithWarnings> = {}) {
  return useTimerWrite(
    (note: string) => api.post('/api/timer/stop', { body: { note }, schema: WorkEntryWithWarningsSchema }),
    reactions,
    (queryClient, entry) => {
      notifyComplianceWarnings(entry.warnings);
      void queryClient.invalidateQueries({ queryKey: ['compliance'] });
      return afterTimerChange(queryClient, null, entry.customerId);
    },
  );
}

/** POST /api/timer/switch: the running session stops with its note and the next one starts, atomically. */
export function useSwitchTimer(reactions: MutationReactions<TimerSwitchResponse> = {}) {
  return useTimerWrite(
    (body: TimerSwitchBody) => api.post('/api/timer/switch', { body, schema: TimerSwitchResponseSchema }),
    reactions,
    async (queryClient, result) => {
      await afterTimerChange(queryClient, result.running, result.running.customerId);
      await queryClient.invalidateQueries({ queryKey: customerAtWorkQueryKey(result.stopped.customerId) });
    },
  );
}

/** DELETE /api/timer: throws the running session away (after a refused stop). */
export function useDiscardTimer(reactions: MutationReactions<WorkEntry> = {}) {
  return useTimerWrite(
    async (running: WorkEntry) => {
      await api.delete('/api/timer');
      return running;
    },
    reactions,
    (queryClient, running) => afterTimerChange(queryClient, null, running.customerId),
  );
}

/** PATCH /api/timer: the running session's note and start ("I forgot to start"); other tabs follow by `entry.changed`. */
export function useEditTimer(reactions: MutationReactions<WorkEntry> = {}) {
  return useTimerWrite(
    (body: TimerPatchBody) => api.patch('/api/timer', { body, schema: WorkEntrySchema }),
    reactions,
    (queryClient, entry) => afterTimerChange(queryClient, entry, entry.customerId),
  );
}
