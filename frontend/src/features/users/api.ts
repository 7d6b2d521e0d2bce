import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, MERGE_PATCH, unwrap, unwrapWithEtag } from '../../api/client';
import type { NewUser, UserListQuery, UserPatch } from '../../api/types';

export const userKeys = {
  all: ['users'] as const,
  list: (q: UserListQuery) => ['users', 'list', q] as const,
  detail: (id: string) => ['users', 'detail', id] as const,
};

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

// Reference data the user forms need. The same endpoints serve the geo feature; features do not
// import each other, so these small queries are repeated here with the same keys.
export function useProvinceOptions() {
  return useQuery({
    queryKey: ['provinces'],
    queryFn: () => unwrap(api.GET('/api/v1/provinces')),
    staleTime: 10 * 60_000,
  });
}

export function useCountySearch(province: string | undefined, q: string) {
  return useQuery({
    queryKey: ['counties', 'picker', province ?? '', q],
    queryFn: () =>
      unwrap(api.GET('/api/v1/counties', { params: { query: { province, q: q || undefined, limit: 20 } } })),
    placeholderData: keepPreviousData,
  });
}
