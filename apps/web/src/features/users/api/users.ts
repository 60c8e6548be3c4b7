import {
  SessionsEndedSchema, SetPasswordLinkSchema, UserCreateResponseSchema, UserListSchema, UserSchema,
  type SetPasswordLink, type User, type UserCreateBody, type UserCreateResponse, type UserListItem, type UserPatchBody,
} from '@workdiary/shared';
import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export const usersQueryKey = ['users'] as const;

export function usersQueryOptions(q: string) {
  return queryOptions({
    queryKey: [...usersQueryKey, 'admin-list', q] as const,
    queryFn: ({ signal }): Promise<UserListItem[]> =>
      api.get('/api/users', { query: { q }, schema: UserListSchema, signal }).then((list) => list.items),
    placeholderData: keepPreviousData,
  });
}

/** GET /api/users?q= — every user of the organisation with who is at work now. */
export function useUsers(q: string) {
  return useQuery(usersQueryOptions(q));
}

export function isInviteResponse(r: UserCreateResponse): r is SetPasswordLink {
  return 'setPasswordUrl' in r;
}

/** POST /api/users. Answers the user, or `{ user, setPasswordUrl }` for an invite link. */
export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UserCreateBody) => api.post('/api/users', { body, schema: UserCreateResponseSchema }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: usersQueryKey }),
  });
}

/** PATCH /api/users/:id (name, email, role, pay, active). */
export function useUpdateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: UserPatchBody }): Promise<User> =>
      api.patch(`/api/users/${encodeURIComponent(id)}`, { body: patch, schema: UserSchema }),
    onSuccess: async () => {
      // A deactivation may have stopped a timer; a role or name change shows in the diary and at-work lists.
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: usersQueryKey }),
        queryClient.invalidateQueries({ queryKey: ['at-work'] }),
        queryClient.invalidateQueries({ queryKey: ['me'] }),
      ]);
    },
  });
}

/** POST /api/users/:id/set-password-link — a fresh one-time link (older ones stop working). */
export function useIssueSetPasswordLink() {
  return useMutation({
    mutationFn: (id: string) => api.post(`/api/users/${encodeURIComponent(id)}/set-password-link`, { schema: SetPasswordLinkSchema }),
  });
}

/** POST /api/users/:id/sessions/revoke — signs the user out on every device at once. */
export function useSignOutEverywhere() {
  return useMutation({
    mutationFn: (id: string) => api.post(`/api/users/${encodeURIComponent(id)}/sessions/revoke`, { schema: SessionsEndedSchema }),
  });
}
