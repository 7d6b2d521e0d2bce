import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, MERGE_PATCH, unwrap, unwrapWithEtag } from '../../api/client';
import { toApiError } from '../../api/problem';
import { userKeys } from '../../api/queryKeys';
import type { NewUser, UserListQuery, UserPatch } from '../../api/types';

export function useUsers(query: UserListQuery) {
  return useQuery({
    queryKey: userKeys.list(query),
    queryFn: () => unwrap(api.GET('/api/v1/users', { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

export function useUser(id: string | null) {
  return useQuery({
    queryKey: userKeys.detail(id ?? ''),
    queryFn: () => unwrapWithEtag(api.GET('/api/v1/users/{id}', { params: { path: { id: id ?? '' } } })),
    enabled: !!id,
    staleTime: 0,
  });
}

export function useCreateUser() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: NewUser) => unwrap(api.POST('/api/v1/users', { body })),
    onSuccess: () => void client.invalidateQueries({ queryKey: userKeys.all }),
  });
}

export function useUpdateUser(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ patch, etag }: { patch: UserPatch; etag: string }) =>
      unwrap(
        api.PATCH('/api/v1/users/{id}', {
          params: { path: { id }, header: { 'If-Match': etag } },
          body: patch,
          headers: { 'Content-Type': MERGE_PATCH },
        }),
      ),
    onSettled: () => void client.invalidateQueries({ queryKey: userKeys.all }),
  });
}

/** Forgets the failed logins that lock an account out (`user.unlock` in the audit log). */
export function useClearLockout() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) => {
      const { error, response } = await api.DELETE('/api/v1/users/{id}/lockout', { params: { path: { id } } });
      if (!response.ok) throw toApiError(error, response);
    },
    onSettled: () => void client.invalidateQueries({ queryKey: userKeys.all }),
  });
}
