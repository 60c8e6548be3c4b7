import { ApiTokenListSchema } from '@workdiary/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

const key = (userId: string) => ['users', userId, 'api-tokens'] as const;

/** GET /api/users/:id/tokens (admins): a user's personal API tokens, never the tokens themselves. */
export function useUserApiTokens(userId: string, enabled = true) {
  return useQuery({
    queryKey: key(userId),
    enabled,
    queryFn: ({ signal }) => api.get(`/api/users/${encodeURIComponent(userId)}/tokens`, { schema: ApiTokenListSchema, signal }),
  });
}

/** DELETE /api/users/:id/tokens/:tokenId (admins): the token answers 401 from then on. */
export function useRevokeUserApiToken(userId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (tokenId: string) => api.delete<void>(`/api/users/${encodeURIComponent(userId)}/tokens/${encodeURIComponent(tokenId)}`),
    onSettled: () => queryClient.invalidateQueries({ queryKey: key(userId) }),
  });
}
