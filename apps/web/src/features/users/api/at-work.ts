import { AtWorkListSchema, AtWorkStopResponseSchema, type AtWorkItem } from '@workdiary/shared';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export const atWorkQueryKey = ['at-work'] as const;

export function atWorkQueryOptions() {
  return queryOptions({
    queryKey: atWorkQueryKey,
    queryFn: ({ signal }): Promise<AtWorkItem[]> => api.get('/api/at-work', { schema: AtWorkListSchema, signal }).then((l) => l.items),
    // Server-sent events keep it fresh; the interval only covers a dropped event stream.
    refetchInterval: 60_000,
  });
}

/** GET /api/at-work (managers, admins): the running timers of the organisation. */
export function useAtWork(enabled = true) {
  return useQuery({ ...atWorkQueryOptions(), enabled });
}

/** POST /api/at-work/:userId/stop — stops someone's timer with a note, as the signed-in manager. */
export function useStopUserTimer() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ userId, note }: { userId: string; note: string }) =>
      api.post(`/api/at-work/${encodeURIComponent(userId)}/stop`, { body: { note }, schema: AtWorkStopResponseSchema }),
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: atWorkQueryKey }),
        queryClient.invalidateQueries({ queryKey: ['users'] }),
      ]);
    },
  });
}
