import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, unwrapWithEtag } from '../../api/client';
import { tokenKeys } from '../../api/queryKeys';
import type { NewApiToken } from '../../api/types';

export function useApiTokens() {
  return useQuery({
    queryKey: tokenKeys.list,
    queryFn: () => unwrap(api.GET('/api/v1/api-tokens')),
  });
}

/** The response holds the secret: it is handed to the caller and never put in the query cache. */
export function useCreateApiToken() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: NewApiToken) => unwrap(api.POST('/api/v1/api-tokens', { body })),
    onSuccess: () => void client.invalidateQueries({ queryKey: tokenKeys.all }),
  });
}

/** Reads the token for its current ETag, then revokes it with If-Match. */
export async function revokeApiToken(id: string): Promise<void> {
  const { etag } = await unwrapWithEtag(api.GET('/api/v1/api-tokens/{id}', { params: { path: { id } } }));
  await unwrap(api.DELETE('/api/v1/api-tokens/{id}', { params: { path: { id }, header: { 'If-Match': etag ?? '' } } }));
}

export function useRevokeApiToken() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: revokeApiToken,
    onSettled: () => void client.invalidateQueries({ queryKey: tokenKeys.all }),
  });
}
