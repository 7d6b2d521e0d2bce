import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, MERGE_PATCH, unwrap, unwrapWithEtag } from '../../api/client';
import { needKeys, pairingKeys } from '../../api/queryKeys';
import type { ExportFormat, NeedListQuery, NeedPatch, NeedTransition, NewNeed } from '../../api/types';
import { saveExportJob, type DownloadWatch } from '../../components/download';

export function useNeeds(query: NeedListQuery) {
  return useQuery({
    queryKey: needKeys.list(query),
    queryFn: () => unwrap(api.GET('/api/v1/needs', { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

export function useNeed(id: string) {
  return useQuery({
    queryKey: needKeys.detail(id),
    queryFn: () => unwrapWithEtag(api.GET('/api/v1/needs/{id}', { params: { path: { id } } })),
  });
}

export function useCreateNeed() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: NewNeed) => unwrap(api.POST('/api/v1/needs', { body })),
    onSuccess: () => void client.invalidateQueries({ queryKey: needKeys.all }),
  });
}

export function useUpdateNeed(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ patch, etag }: { patch: NeedPatch; etag: string }) =>
      unwrap(
        api.PATCH('/api/v1/needs/{id}', {
          params: { path: { id }, header: { 'If-Match': etag } },
          body: patch,
          headers: { 'Content-Type': MERGE_PATCH },
        }),
      ),
    onSettled: () => void client.invalidateQueries({ queryKey: needKeys.all }),
  });
}

export function useTransitionNeed(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ body, etag }: { body: NeedTransition; etag: string }) =>
      unwrap(api.POST('/api/v1/needs/{id}/transitions', { params: { path: { id }, header: { 'If-Match': etag } }, body })),
    onSettled: () => void client.invalidateQueries({ queryKey: needKeys.all }),
  });
}

export function useMatches(id: string) {
  return useQuery({
    queryKey: needKeys.matches(id),
    queryFn: () => unwrap(api.GET('/api/v1/needs/{id}/matches', { params: { path: { id }, query: { limit: 20 } } })),
  });
}

export function useInvite(needId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (organizationId: string) =>
      unwrap(api.POST('/api/v1/needs/{id}/invitations', { params: { path: { id: needId } }, body: { organization_id: organizationId } })),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: pairingKeys.all });
      void client.invalidateQueries({ queryKey: needKeys.matches(needId) });
      void client.invalidateQueries({ queryKey: needKeys.invitations(needId) });
    },
  });
}

/** The pairings this need's invitations made, with each organization's answer (the pairings API). */
export function useNeedInvitations(needId: string) {
  return useQuery({
    queryKey: needKeys.invitations(needId),
    queryFn: () => unwrap(api.GET('/api/v1/pairings', { params: { query: { need: needId, limit: 200 } } })),
  });
}

// ---- export: a background job on the server, then its file through the authenticated client ---
export async function exportNeeds(format: ExportFormat, filters: Omit<NeedListQuery, 'cursor' | 'limit' | 'count'>, watch: DownloadWatch): Promise<string> {
  // every matching need, not one page of them
  const answer = await api.GET('/api/v1/needs/export', {
    params: { query: { ...filters, format, background: true } },
    signal: watch.signal,
  });
  return saveExportJob(answer, `needs.${format}`, watch);
}
