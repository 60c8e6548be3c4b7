import {
  WebhookCreatedSchema,
  WebhookDeliveryListSchema,
  WebhookListSchema,
  WebhookSchema,
  WebhookTestQueuedSchema,
  type WebhookBody,
} from '@workdiary/shared';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export const webhooksQueryKey = ['webhooks'] as const;

export function webhooksQueryOptions() {
  return queryOptions({
    queryKey: webhooksQueryKey,
    queryFn: ({ signal }) => api.get('/api/webhooks', { schema: WebhookListSchema, signal }),
  });
}

export function useWebhooks() {
  return useQuery(webhooksQueryOptions());
}

/** A webhook's delivery log; refreshed every few seconds while something is pending. */
export function deliveriesQueryOptions(id: string) {
  return queryOptions({
    queryKey: [...webhooksQueryKey, id, 'deliveries'] as const,
    queryFn: ({ signal }) => api.get(`/api/webhooks/${encodeURIComponent(id)}/deliveries`, { schema: WebhookDeliveryListSchema, signal }),
    refetchInterval: (query) => (query.state.data?.items.some((d) => d.status === 'PENDING') ? 5_000 : false),
  });
}

export function useDeliveries(id: string) {
  return useQuery(deliveriesQueryOptions(id));
}

export function useCreateWebhook() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: WebhookBody) => api.post('/api/webhooks', { body, schema: WebhookCreatedSchema }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: webhooksQueryKey }),
  });
}

export function useSetWebhookEnabled() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, enabled }: { id: string; enabled: boolean }) => api.patch(`/api/webhooks/${encodeURIComponent(id)}`, { body: { enabled }, schema: WebhookSchema }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: webhooksQueryKey }),
  });
}

export function useDeleteWebhook() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/api/webhooks/${encodeURIComponent(id)}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: webhooksQueryKey }),
  });
}

export function useSendTestEvent() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post(`/api/webhooks/${encodeURIComponent(id)}/test`, { schema: WebhookTestQueuedSchema }),
    onSuccess: (_queued, id) => queryClient.invalidateQueries({ queryKey: [...webhooksQueryKey, id, 'deliveries'] }),
  });
}
