import {
  LoginResponseSchema, PasswordResetAcceptedSchema, type PasswordResetConfirmBody, type PasswordResetRequestBody,
} from '@workdiary/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { meQueryKey } from '../../../lib/current-user';

/** POST /api/auth/password-reset — 202 whatever the address; says only whether the server sends mail. */
export function useRequestPasswordReset() {
  return useMutation({
    mutationFn: (body: PasswordResetRequestBody) => api.post('/api/auth/password-reset', { body, schema: PasswordResetAcceptedSchema }),
  });
}

/** POST /api/auth/password-reset/confirm — sets the new password (every other session ends) and signs in. */
export function useConfirmPasswordReset() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: PasswordResetConfirmBody) => api.post('/api/auth/password-reset/confirm', { body, schema: LoginResponseSchema }),
    onSuccess: ({ user }) => {
      queryClient.clear();
      queryClient.setQueryData(meQueryKey, user);
    },
  });
}
