import type { LoginBody, LoginResponse } from '@workdiary/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { importWithRetry } from '../../../lib/lazy-retry';
import { meQueryKey } from '../../../lib/current-user';

let schemas: ReturnType<typeof importSchemas> | undefined;
const importSchemas = () => importWithRetry(() => import('./login-schemas'));
/** The login schemas (zod), loaded once on demand: the sign-in page starts it at the first keystroke. */
export function loadLoginSchemas(): ReturnType<typeof importSchemas> {
  schemas ??= importSchemas().catch((error: unknown) => {
    schemas = undefined;
    throw error;
  });
  return schemas;
}

export function login(body: LoginBody): Promise<LoginResponse> {
  return api.post('/api/auth/login', { body, schema: loadLoginSchemas().then((m) => m.LoginResponseSchema) });
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
