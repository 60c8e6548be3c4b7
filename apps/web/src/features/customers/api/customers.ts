import { CustomerListSchema, CustomerSchema, type Customer, type CustomerBody, type CustomerList } from '@workdiary/shared';
import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

/** Every customer query lives under ['customers', …]. */
export const customersKey = ['customers'] as const;

export type CustomersParams = { q?: string; limit: number; offset: number; includeArchived?: boolean };

export function customersQueryOptions(params: CustomersParams) {
  return queryOptions({
    queryKey: [...customersKey, 'list', params] as const,
    queryFn: ({ signal }): Promise<CustomerList> =>
      api.get('/api/customers', {
        schema: CustomerListSchema,
        query: { q: params.q, limit: params.limit, offset: params.offset, includeArchived: params.includeArchived || undefined },
        signal,
      }),
    placeholderData: keepPreviousData,
  });
}

export function useCustomers(params: CustomersParams) {
  return useQuery(customersQueryOptions(params));
}

export function customerQueryOptions(id: string) {
  return queryOptions({
    queryKey: [...customersKey, id] as const,
    queryFn: ({ signal }): Promise<Customer> => api.get(`/api/customers/${encodeURIComponent(id)}`, { schema: CustomerSchema, signal }),
  });
}

export function useCustomer(id: string) {
  return useQuery(customerQueryOptions(id));
}

export function useSaveCustomer() {
  const queryClient = useQueryClient();
  return useMutation<Customer, Error, { id?: string; body: Partial<CustomerBody> }>({
    mutationFn: ({ id, body }) =>
      id
        ? api.patch(`/api/customers/${encodeURIComponent(id)}`, { body, schema: CustomerSchema })
        : api.post('/api/customers', { body, schema: CustomerSchema }),
    onSuccess: async (saved) => {
      queryClient.setQueryData([...customersKey, saved.id], saved);
      await queryClient.invalidateQueries({ queryKey: customersKey });
    },
  });
}
