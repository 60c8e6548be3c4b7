import {
  ComplianceAckSchema,
  ComplianceListSchema,
  type ComplianceAck,
  type ComplianceAckBody,
  type ComplianceList,
} from '@workdiary/shared';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api-client';

export const complianceKeys = {
  all: ['compliance'] as const,
  of: (month: string, userId: string | undefined) => ['compliance', month, userId ?? 'everyone'] as const,
};

/** `GET /api/compliance?month=&userId=`: the month's working-time findings (members: their own). */
export function complianceQueryOptions(month: string, userId?: string) {
  return queryOptions({
    queryKey: complianceKeys.of(month, userId),
    queryFn: ({ signal }): Promise<ComplianceList> =>
      api.get('/api/compliance', { query: userId ? { month, userId } : { month }, schema: ComplianceListSchema, signal }),
  });
}

export function useCompliance(month: string, userId?: string, enabled = true) {
  return useQuery({ ...complianceQueryOptions(month, userId), enabled });
}

/** `POST /api/compliance/acknowledgements` (managers, admins); refetches the findings and the diary. */
export function useAcknowledge() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ComplianceAckBody): Promise<ComplianceAck> => api.post('/api/compliance/acknowledgements', { body, schema: ComplianceAckSchema }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: complianceKeys.all });
      void client.invalidateQueries({ queryKey: ['diary'] });
    },
  });
}
