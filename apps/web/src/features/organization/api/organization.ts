import { OrganizationSchema, type Organization, type OrganizationBody } from '@workdiary/shared';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, download } from '../../../lib/api-client';

export const organizationQueryKey = ['organization'] as const;

export function organizationQueryOptions() {
  return queryOptions({
    queryKey: organizationQueryKey,
    queryFn: ({ signal }) => api.get('/api/organization', { schema: OrganizationSchema, signal }),
  });
}

export function useOrganization() {
  return useQuery(organizationQueryOptions());
}

/** PUT /api/organization (admins). Every page reads the zone and currency from ['me']: refresh it too. */
export function useSaveOrganization() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: OrganizationBody): Promise<Organization> => api.put('/api/organization', { body, schema: OrganizationSchema }),
    onSuccess: async (org) => {
      queryClient.setQueryData(organizationQueryKey, org);
      // Days and months are cut in the new zone, money shown in the new currency: refetch what depends on them.
      await queryClient.invalidateQueries();
    },
  });
}

/** Everything of the organisation as CSV files in a zip (admins). Resolves with the saved file's name. */
export const downloadOrganizationExport = () =>
  download('/api/exports/organization.zip', `workdiary_${new Date().toISOString().slice(0, 10)}.zip`);
