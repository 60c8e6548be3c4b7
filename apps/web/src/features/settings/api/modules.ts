import { ModulesSchema, type Me, type Modules } from '@workdiary/shared';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export const modulesQueryKey = ['modules'] as const;

export function modulesQueryOptions() {
  return queryOptions({
    queryKey: modulesQueryKey,
    queryFn: ({ signal }) => api.get('/api/settings/modules', { schema: ModulesSchema, signal }),
  });
}

export function useModules() {
  return useQuery(modulesQueryOptions());
}

/** PUT (admins). The header reads the switch from /api/me, so that is updated too. */
export function useSaveModules() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (modules: Modules) => api.put('/api/settings/modules', { body: modules, schema: ModulesSchema }),
    onSuccess: async (modules) => {
      queryClient.setQueryData(modulesQueryKey, modules);
      queryClient.setQueryData<Me>(['me'], (me) => (me ? { ...me, organization: { ...me.organization, clientTimer: modules.clientTimer } } : me));
      await queryClient.invalidateQueries({ queryKey: ['me'] });
    },
  });
}
