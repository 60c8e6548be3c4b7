import {
  LoginResponseSchema, SetupImportResultSchema, SetupStatusSchema,
  type LoginResponse, type SetPasswordBody, type SetupBody, type SetupStatus,
} from '@workdiary/shared';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export const setupStatusQueryKey = ['setup-status'] as const;

export function getSetupStatus(signal?: AbortSignal): Promise<SetupStatus> {
  return api.get('/api/setup', { schema: SetupStatusSchema, signal });
}

export function setupStatusQueryOptions() {
  return queryOptions({ queryKey: setupStatusQueryKey, queryFn: ({ signal }) => getSetupStatus(signal) });
}

export function useSetupStatus() {
  return useQuery(setupStatusQueryOptions());
}

/** After setup or a set-password link the server has signed the user in: start a clean cache with them. */
function useSignedIn() {
  const queryClient = useQueryClient();
  return ({ user }: LoginResponse) => {
    queryClient.clear();
    queryClient.setQueryData(['me'], user);
  };
}

/** POST /api/setup — organisation + first admin; the admin is signed in afterwards. */
export function useRunSetup() {
  const signedIn = useSignedIn();
  return useMutation({
    mutationFn: (body: SetupBody) => api.post('/api/setup', { body, schema: LoginResponseSchema }),
    onSuccess: signedIn,
  });
}

/** POST /api/auth/set-password — redeem a one-time link; signs the user in. */
export function useSetPassword() {
  const signedIn = useSignedIn();
  return useMutation({
    mutationFn: (body: SetPasswordBody) => api.post('/api/auth/set-password', { body, schema: LoginResponseSchema }),
    onSuccess: signedIn,
  });
}

/** POST /api/setup/import — instead of setup: load an organisation export (zip); answers a set-password link per user. */
export function useImportOrganization() {
  return useMutation({
    // Typed explicitly: a browser may leave a .zip's type empty or call it application/x-zip-compressed.
    mutationFn: (file: File) => api.post('/api/setup/import', { body: new Blob([file], { type: 'application/zip' }), schema: SetupImportResultSchema }),
  });
}
