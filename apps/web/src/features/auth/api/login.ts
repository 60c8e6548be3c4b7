import { LoginResponseSchema, type LoginBody, type LoginResponse } from '@workdiary/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { meQueryKey } from './get-me';

export function login(body: LoginBody): Promise<LoginResponse> {
  return api.post('/api/auth/login', { body, schema: LoginResponseSchema });
}

/** Signs in (the server sets the session cookie) and seeds ['me'] with the user. */
export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: login,
    onSuccess: ({ user }) => {
      // Nothing cached from a previous session may leak into this one.
      queryClient.clear();
      queryClient.setQueryData(meQueryKey, user);
    },
  });
}
