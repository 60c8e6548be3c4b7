import { MeSchema, type Me } from '@workdiary/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { meQueryKey } from '../../../lib/current-user';

export { meQueryKey };

export function getMe({ signal }: { signal?: AbortSignal } = {}): Promise<Me> {
  return api.get('/api/me', { schema: MeSchema, signal });
}

export function meQueryOptions() {
  return queryOptions({
    queryKey: meQueryKey,
    queryFn: ({ signal }) => getMe({ signal }),
    staleTime: 5 * 60_000,
  });
}

/** The signed-in user (401 → ApiError status 401). Inside the app prefer `useCurrentUser()` from lib. */
export function useMe() {
  return useQuery(meQueryOptions());
}
