import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { toast } from '../../../components/toast';
import { api } from '../../../lib/api-client';
import { translate as t } from '../../../lib/i18n/i18n';

export async function logout(): Promise<void> {
  await api.post('/api/auth/logout');
}

/** Ends the session, then goes to /login and forgets every cached query. */
export function useLogout() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: logout,
    onError: (error) => toast.error(error, { title: t('Sign-out may not have reached the server') }),
    onSettled: async () => {
      // Leave the signed-in pages first, so nothing refetches the data we are about to drop.
      await navigate('/login', { replace: true });
      queryClient.clear();
    },
  });
}
