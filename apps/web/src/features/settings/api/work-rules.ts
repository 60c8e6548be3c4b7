import { WorkRulesViewSchema, type WorkRules, type WorkRulesView } from '@workdiary/shared';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

/** Whose rules: a user id, or the organisation's defaults. */
export type RulesTarget = string;
export const DEFAULT_TARGET = 'default' as const;

const rulesPath = (target: RulesTarget) => `/api/settings/work-rules/${encodeURIComponent(target)}`;
export const workRulesQueryKey = (target: RulesTarget) => ['work-rules', target] as const;

export function getWorkRules(target: RulesTarget, signal?: AbortSignal): Promise<WorkRulesView> {
  return api.get(rulesPath(target), { schema: WorkRulesViewSchema, signal });
}

export function workRulesQueryOptions(target: RulesTarget) {
  return queryOptions({
    queryKey: workRulesQueryKey(target),
    queryFn: ({ signal }) => getWorkRules(target, signal),
  });
}

export function useWorkRules(target: RulesTarget, enabled = true) {
  return useQuery({ ...workRulesQueryOptions(target), enabled });
}

/** PUT (admins). Saving the defaults changes what every inheriting user reads: refetch all rules. */
export function useSaveWorkRules() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ target, rules }: { target: RulesTarget; rules: WorkRules }) =>
      api.put(rulesPath(target), { body: rules, schema: WorkRulesViewSchema }),
    onSuccess: async (view, { target }) => {
      queryClient.setQueryData(workRulesQueryKey(target), view);
      // Others may read what changed (users inheriting the defaults): refetch all but this one.
      await queryClient.invalidateQueries({ queryKey: ['work-rules'], predicate: (q) => q.queryKey[1] !== target });
    },
  });
}

/** DELETE (admins): the user's own rules go and the organisation defaults apply again. */
export function useResetWorkRules() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (userId: string) => api.delete(rulesPath(userId), { schema: WorkRulesViewSchema }),
    onSuccess: async (view, userId) => {
      queryClient.setQueryData(workRulesQueryKey(userId), view);
      await queryClient.invalidateQueries({ queryKey: ['work-rules'], predicate: (q) => q.queryKey[1] !== userId });
    },
  });
}
