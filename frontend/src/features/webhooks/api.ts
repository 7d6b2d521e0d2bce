import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, unwrapWithEtag } from '../../api/client';
import { webhookKeys } from '../../api/queryKeys';
import type { DeliveryStatus, NewWebhook, WebhookPatch } from '../../api/types';

export function useWebhooks() {
  return useQuery({ queryKey: webhookKeys.list, queryFn: () => unwrap(api.GET('/api/v1/webhooks')) });
}

/** The response holds the signing secret: it is handed to the caller and never put in the query cache. */
export function useCreateWebhook() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: NewWebhook) => unwrap(api.POST('/api/v1/webhooks', { body })),
    onSuccess: () => void client.invalidateQueries({ queryKey: webhookKeys.all }),
  });
}

/** Reads the subscription for its current ETag, then changes it with If-Match. */
export async function patchWebhook(id: string, body: WebhookPatch) {
  const { etag } = await unwrapWithEtag(api.GET('/api/v1/webhooks/{id}', { params: { path: { id } } }));
  return unwrap(api.PATCH('/api/v1/webhooks/{id}', { params: { path: { id }, header: { 'If-Match': etag ?? '' } }, body }));
}

export function usePatchWebhook() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: WebhookPatch }) => patchWebhook(id, body),
    onSettled: () => void client.invalidateQueries({ queryKey: webhookKeys.all }),
  });
}

export function useDeleteWebhook() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) => {
      const { etag } = await unwrapWithEtag(api.GET('/api/v1/webhooks/{id}', { params: { path: { id } } }));
      await unwrap(api.DELETE('/api/v1/webhooks/{id}', { params: { path: { id }, header: { 'If-Match': etag ?? '' } } }));
    },
    onSettled: () => void client.invalidateQueries({ queryKey: webhookKeys.all }),
  });
}

/**
 * A page of a subscription's deliveries, fresh each time the log opens; asked again every 2 s while
 * one is pending, and every 10 s otherwise (new events arrive while it is open).
 */
export function useDeliveries(id: string, status: DeliveryStatus | undefined, cursor: string | undefined) {
  return useQuery({
    queryKey: webhookKeys.deliveries(id, status, cursor),
    queryFn: () =>
      unwrap(api.GET('/api/v1/webhooks/{id}/deliveries', { params: { path: { id }, query: { status, cursor, limit: 20 } } })),
    placeholderData: keepPreviousData,
    refetchOnMount: 'always',
    refetchInterval: (q) => (q.state.data?.items.some((d) => d.status === 'pending') ? 2_000 : 10_000),
  });
}

export function useRedeliver(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (deliveryId: string) =>
      unwrap(
        api.POST('/api/v1/webhooks/{id}/deliveries/{delivery_id}/redeliver', {
          params: { path: { id, delivery_id: deliveryId } },
        }),
      ),
    onSettled: () => void client.invalidateQueries({ queryKey: webhookKeys.all }),
  });
}

export function usePing() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.POST('/api/v1/webhooks/{id}/ping', { params: { path: { id } } })),
    onSettled: () => void client.invalidateQueries({ queryKey: webhookKeys.all }),
  });
}
