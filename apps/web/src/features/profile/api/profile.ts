import {
  LoginResponseSchema, MeSchema, SessionListSchema,
  type ChangePasswordBody, type Me, type MePatchBody,
} from '@workdiary/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

const meKey = ['me'] as const;

export { ownRulesQueryOptions, useOwnRules } from '../../../lib/own-rules';

/** PATCH /api/me { name } — the header and every page read the new name from ['me']. */
export function useUpdateMyName() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: MePatchBody): Promise<Me> => api.patch('/api/me', { body, schema: MeSchema }),
    onSuccess: (me) => queryClient.setQueryData(meKey, me),
  });
}

/**
 * POST /api/me/password. The server ends every other session and sets a fresh cookie for this
 * one, so nothing else is needed here to stay signed in.
 */
export function useChangePassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ChangePasswordBody) => api.post('/api/me/password', { body, schema: LoginResponseSchema }),
    onSuccess: ({ user }) => queryClient.setQueryData(meKey, user),
  });
}

const sessionsKey = ['me', 'sessions'] as const;

/** GET /api/me/sessions: the caller's signed-in devices, `current` marks this one. */
export function useMySessions() {
  return useQuery({
    queryKey: sessionsKey,
    queryFn: ({ signal }) => api.get('/api/me/sessions', { schema: SessionListSchema, signal }),
  });
}

/** DELETE /api/me/sessions: signs every other device out at once; this one stays signed in. */
export function useEndOtherSessions() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.delete<void>('/api/me/sessions'),
    onSettled: () => queryClient.invalidateQueries({ queryKey: sessionsKey }),
  });
}

/** DELETE /api/me/sessions/:id: signs that device out at once (the list is read again afterwards). */
export function useEndSession() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete<void>(`/api/me/sessions/${encodeURIComponent(id)}`),
    onSettled: () => queryClient.invalidateQueries({ queryKey: sessionsKey }),
  });
}
