import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, unwrapWithEtag } from '../../api/client';
import { coverageKeys, pairingKeys } from '../../api/queryKeys';
import type { ExportFormat, NewCultivation, NewPairing, Pairing, PairingListQuery, PairingStatus, PairingTransition } from '../../api/types';
import { runEach } from '../../components/BulkAction';
import { saveExportJob, type DownloadWatch } from '../../components/download';
import type { PairingFilters } from './pairingFilters';

export function usePairings(query: PairingListQuery) {
  return useQuery({
    queryKey: pairingKeys.list(query),
    queryFn: () => unwrap(api.GET('/api/v1/pairings', { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

export function usePairing(id: string) {
  return useQuery({
    queryKey: pairingKeys.detail(id),
    queryFn: () => unwrapWithEtag(api.GET('/api/v1/pairings/{id}', { params: { path: { id } } })),
  });
}

export function useCreatePairing() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: NewPairing) => unwrap(api.POST('/api/v1/pairings', { body })),
    onSuccess: () => void client.invalidateQueries({ queryKey: pairingKeys.all }),
  });
}

export function useTransitionPairing(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ body, etag }: { body: PairingTransition; etag: string }) =>
      unwrap(api.POST('/api/v1/pairings/{id}/transitions', { params: { path: { id }, header: { 'If-Match': etag } }, body })),
    onSettled: () => {
      // success or a stale ETag (412): read it again either way; coverage depends on it too
      void client.invalidateQueries({ queryKey: pairingKeys.all });
      void client.invalidateQueries({ queryKey: coverageKeys.all });
    },
  });
}

/**
 * The same move for several pairings of the list (批量推荐, 批量县级确认), one after another. The
 * list carries no ETags, so each pairing is read first, as its page would, and moved with that
 * ETag; a refusal (changed meanwhile, not this caller's move) is kept for the report.
 */
export function useBulkTransitionPairings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ pairings, to }: { pairings: Pairing[]; to: PairingStatus }) =>
      runEach(pairings, async ({ id }) => {
        const { etag } = await unwrapWithEtag(api.GET('/api/v1/pairings/{id}', { params: { path: { id } } }));
        return unwrap(api.POST('/api/v1/pairings/{id}/transitions', { params: { path: { id }, header: { 'If-Match': etag ?? '' } }, body: { to } }));
      }),
    onSettled: () => {
      void client.invalidateQueries({ queryKey: pairingKeys.all });
      void client.invalidateQueries({ queryKey: coverageKeys.all });
    },
  });
}

export function useCultivation(id: string) {
  return useQuery({
    queryKey: pairingKeys.cultivation(id),
    queryFn: () => unwrap(api.GET('/api/v1/pairings/{id}/cultivation', { params: { path: { id } } })),
  });
}

export function useAddCultivation(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: NewCultivation) => unwrap(api.POST('/api/v1/pairings/{id}/cultivation', { params: { path: { id } }, body })),
    onSuccess: () => void client.invalidateQueries({ queryKey: pairingKeys.cultivation(id) }),
  });
}

// ---- export: a background job on the server, then its file through the authenticated client ---
export async function exportPairings(format: ExportFormat, filters: PairingFilters, watch: DownloadWatch): Promise<string> {
  // every matching pairing, not one page of them
  const answer = await api.GET('/api/v1/pairings/export', {
    params: { query: { ...filters, format, background: true } },
    signal: watch.signal,
  });
  return saveExportJob(answer, `pairings.${format}`, watch);
}
