import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, MERGE_PATCH, unwrap, unwrapWithEtag } from '../../api/client';
import { ApiError } from '../../api/problem';
import { frameworkKeys, jobKeys, roundKeys } from '../../api/queryKeys';
import type {
  Assignment,
  AssignmentListQuery,
  ExportFormat,
  FrameworkListQuery,
  FrameworkPatch,
  FrameworkTransition,
  Job,
  NewAssignments,
  NewFramework,
  NewRound,
  ResultListQuery,
  RoundListQuery,
  RoundTransition,
} from '../../api/types';
import { saveExport, type DownloadWatch } from '../../components/download';

// ---- indicator frameworks (指标体系) --------------------------------------------------------------

export function useFrameworks(query: FrameworkListQuery) {
  return useQuery({
    queryKey: frameworkKeys.list(query),
    queryFn: () => unwrap(api.GET('/api/v1/indicator-frameworks', { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

export function useFramework(id: string | undefined) {
  return useQuery({
    queryKey: frameworkKeys.detail(id ?? ''),
    queryFn: () => unwrapWithEtag(api.GET('/api/v1/indicator-frameworks/{id}', { params: { path: { id: id ?? '' } } })),
    enabled: !!id,
  });
}

/** The metric catalogue: fixed, so read once per session. */
export function useIndicatorMetrics() {
  return useQuery({
    queryKey: frameworkKeys.metrics,
    queryFn: () => unwrap(api.GET('/api/v1/indicator-metrics')),
    staleTime: Infinity,
  });
}

export function useCreateFramework() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: NewFramework) => unwrap(api.POST('/api/v1/indicator-frameworks', { body })),
    onSuccess: () => void client.invalidateQueries({ queryKey: frameworkKeys.all }),
  });
}

/** A merge patch (the tree is replaced whole) with the ETag the editor was filled from; 412 means someone saved since. */
export function useUpdateFramework(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ patch, etag }: { patch: FrameworkPatch; etag: string }) =>
      unwrapWithEtag(
        api.PATCH('/api/v1/indicator-frameworks/{id}', {
          params: { path: { id }, header: { 'If-Match': etag } },
          body: patch,
          headers: { 'Content-Type': MERGE_PATCH },
        }),
      ),
    onSuccess: () => void client.invalidateQueries({ queryKey: frameworkKeys.all }),
  });
}

export function useTransitionFramework(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ body, etag }: { body: FrameworkTransition; etag: string }) =>
      unwrapWithEtag(api.POST('/api/v1/indicator-frameworks/{id}/transitions', { params: { path: { id }, header: { 'If-Match': etag } }, body })),
    // success or a stale ETag (412): read it again either way
    onSettled: () => void client.invalidateQueries({ queryKey: frameworkKeys.all }),
  });
}

/** 复制为新版本: a new draft with the next version number of the lineage. */
export function useCopyFramework() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.POST('/api/v1/indicator-frameworks/{id}/copy', { params: { path: { id } } })),
    onSuccess: () => void client.invalidateQueries({ queryKey: frameworkKeys.all }),
  });
}

// ---- evaluation rounds (评估轮次) -----------------------------------------------------------------

export function useRounds(query: RoundListQuery) {
  return useQuery({
    queryKey: roundKeys.list(query),
    queryFn: () => unwrap(api.GET('/api/v1/evaluation-rounds', { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

/**
 * A round. While its snapshot job runs (`snapshot_job_id`) it is read again every 2 s, unless
 * `jobFinished` says the job has ended (then it is read once more by the page, and the server
 * clears the job's id).
 */
export function useRound(id: string, jobFinished = false) {
  return useQuery({
    queryKey: roundKeys.detail(id),
    queryFn: () => unwrapWithEtag(api.GET('/api/v1/evaluation-rounds/{id}', { params: { path: { id } } })),
    refetchInterval: (q) => (q.state.data?.data.snapshot_job_id && !jobFinished ? 2000 : false),
  });
}

export function useCreateRound() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: NewRound) => unwrap(api.POST('/api/v1/evaluation-rounds', { body })),
    onSuccess: () => void client.invalidateQueries({ queryKey: roundKeys.all }),
  });
}

export function useTransitionRound(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ body, etag }: { body: RoundTransition; etag: string }) =>
      unwrap(api.POST('/api/v1/evaluation-rounds/{id}/transitions', { params: { path: { id }, header: { 'If-Match': etag } }, body })),
    // a move changes the round's assignments' status and its ranking: read everything under it again
    onSettled: () => void client.invalidateQueries({ queryKey: roundKeys.all }),
  });
}

/** 重新快照: the computed figures again, in the background (the round names the job). */
export function useSnapshotRound(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/evaluation-rounds/{id}/snapshot', { params: { path: { id } } })),
    onSettled: () => void client.invalidateQueries({ queryKey: roundKeys.detailAll(id) }),
  });
}

export function isJobRunning(job: Job | undefined): boolean {
  return !job || job.status === 'queued' || job.status === 'running';
}

/** Polls a job every 500 ms until it has succeeded or failed. */
export function useJob(id: string | null | undefined) {
  return useQuery({
    queryKey: jobKeys.detail(id ?? ''),
    queryFn: () => unwrap(api.GET('/api/v1/jobs/{id}', { params: { path: { id: id ?? '' } } })),
    enabled: !!id,
    refetchInterval: (q) => (isJobRunning(q.state.data) ? 500 : false),
    staleTime: 0,
  });
}

// ---- assignments (专家分配) ------------------------------------------------------------------------

/** A round's assignments shown at most: the panel groups them by subject on one page. */
export const ASSIGNMENTS_SHOWN = 4_000;

/**
 * A round's assignments, every page up to `ASSIGNMENTS_SHOWN` (the list pages by subject, 200
 * at a time); `truncated` says the round has more.
 */
export function useAssignments(roundId: string, query: AssignmentListQuery = {}) {
  return useQuery({
    queryKey: roundKeys.assignments(roundId, query),
    queryFn: async () => {
      const items: Assignment[] = [];
      let cursor: string | undefined;
      do {
        const page = await unwrap(
          api.GET('/api/v1/evaluation-rounds/{id}/assignments', { params: { path: { id: roundId }, query: { ...query, limit: 200, cursor } } }),
        );
        items.push(...page.items);
        cursor = page.next_cursor ?? undefined;
      } while (cursor && items.length < ASSIGNMENTS_SHOWN);
      return { items, truncated: cursor != null };
    },
    placeholderData: keepPreviousData,
  });
}

/** One expert on one subject, or `{propose: true}` to fill every subject up to the round's experts per subject. */
export function useCreateAssignments(roundId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: NewAssignments) =>
      unwrap(api.POST('/api/v1/evaluation-rounds/{id}/assignments', { params: { path: { id: roundId } }, body })),
    onSettled: () => void client.invalidateQueries({ queryKey: roundKeys.detailAll(roundId) }),
  });
}

/**
 * Withdraws an assignment (撤回) with a reason, with the ETag of the assignment read again; if it
 * changed since the table showed it, the move is refused as a 412 would be.
 */
export function useWithdrawAssignment(roundId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ assignment, reason }: { assignment: Assignment; reason: string }) => {
      const current = await unwrapWithEtag(api.GET('/api/v1/assignments/{id}', { params: { path: { id: assignment.id } } }));
      if (!current.etag || current.data.updated_at !== assignment.updated_at) throw new ApiError({ status: 412, title: 'Precondition Failed' });
      return unwrap(
        api.POST('/api/v1/assignments/{id}/transitions', {
          params: { path: { id: assignment.id }, header: { 'If-Match': current.etag } },
          body: { to: 'withdrawn', reason },
        }),
      );
    },
    onSettled: () => void client.invalidateQueries({ queryKey: roundKeys.detailAll(roundId) }),
  });
}

/** The experts an admin may assign: active users with the evaluator role, by name. */
export function useEvaluators(q: string) {
  return useQuery({
    queryKey: roundKeys.evaluators(q),
    queryFn: () => unwrap(api.GET('/api/v1/users', { params: { query: { role: 'evaluator', disabled: false, q: q || undefined, limit: 50 } } })),
    placeholderData: keepPreviousData,
  });
}

// ---- results (评估结果) ----------------------------------------------------------------------------

export function useResults(roundId: string, query: ResultListQuery, enabled = true) {
  return useQuery({
    queryKey: roundKeys.results(roundId, query),
    queryFn: () => unwrap(api.GET('/api/v1/evaluation-rounds/{id}/results', { params: { path: { id: roundId }, query } })),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useSubjectResult(roundId: string, subjectId: string) {
  return useQuery({
    queryKey: roundKeys.result(roundId, subjectId),
    queryFn: () =>
      unwrap(api.GET('/api/v1/evaluation-rounds/{id}/results/{subject_id}', { params: { path: { id: roundId, subject_id: subjectId } } })),
  });
}

/** The ranking as filtered now, every row (not one page), through the authenticated client. */
export async function exportResults(roundId: string, format: ExportFormat, query: ResultListQuery, watch: DownloadWatch): Promise<string> {
  const filters = { ...query, cursor: undefined, limit: undefined, count: undefined };
  const answer = await api.GET('/api/v1/evaluation-rounds/{id}/results/export', {
    params: { path: { id: roundId }, query: { ...filters, format } },
    parseAs: 'stream',
    signal: watch.signal,
  });
  return saveExport(answer, `evaluation-results.${format}`, watch);
}
