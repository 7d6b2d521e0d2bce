import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, unwrapWithEtag } from '../../api/client';
import { scoringKeys } from '../../api/queryKeys';
import type { AssignmentTransition, Score, Tie } from '../../api/types';

/** The caller's assignments, the rounds being scored first (the server's order). */
export function useMyAssignments() {
  return useQuery({
    queryKey: scoringKeys.mine,
    queryFn: () => unwrap(api.GET('/api/v1/me/assignments')),
  });
}

/** An assignment's scoring sheet with its ETag (every save and move names it). */
export function useScoreSheet(id: string) {
  return useQuery({
    queryKey: scoringKeys.sheet(id),
    queryFn: () => unwrapWithEtag(api.GET('/api/v1/assignments/{id}/scores', { params: { path: { id } } })),
  });
}

export function useRound(id: string | undefined) {
  return useQuery({
    queryKey: scoringKeys.round(id ?? ''),
    queryFn: () => unwrapWithEtag(api.GET('/api/v1/evaluation-rounds/{id}', { params: { path: { id: id ?? '' } } })),
    enabled: !!id,
    select: (r) => r.data,
  });
}

/** The metrics' catalogue: the evidence pack names its figures in Chinese; English names come from here. */
export function useMetrics() {
  return useQuery({
    queryKey: scoringKeys.metrics,
    queryFn: () => unwrap(api.GET('/api/v1/indicator-metrics')),
    staleTime: 60 * 60_000,
  });
}

/**
 * Saves the scores (a draft until submitted) with the ETag the sheet was read with; the answer is
 * the sheet as saved, with its new ETag, put straight in the cache so the next save names it.
 */
export function useSaveScores(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ scores, etag }: { scores: Score[]; etag: string }) =>
      unwrapWithEtag(api.PUT('/api/v1/assignments/{id}/scores', { params: { path: { id }, header: { 'If-Match': etag } }, body: { scores } })),
    onSuccess: (sheet) => {
      client.setQueryData(scoringKeys.sheet(id), sheet);
      void client.invalidateQueries({ queryKey: scoringKeys.mine });
    },
  });
}

/** Submits, takes back or recuses; the sheet and the worklist are read again either way. */
export function useMoveAssignment(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ body, etag }: { body: AssignmentTransition; etag: string }) =>
      unwrapWithEtag(api.POST('/api/v1/assignments/{id}/transitions', { params: { path: { id }, header: { 'If-Match': etag } }, body })),
    onSettled: () => void client.invalidateQueries({ queryKey: scoringKeys.assignments }),
  });
}

export function useTies() {
  return useQuery({
    queryKey: scoringKeys.ties,
    queryFn: () => unwrap(api.GET('/api/v1/me/ties')),
  });
}

/** Replaces every declared tie. */
export function useSaveTies() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (ties: Tie[]) => unwrap(api.PUT('/api/v1/me/ties', { body: { ties } })),
    onSuccess: (saved) => client.setQueryData(scoringKeys.ties, saved),
  });
}
