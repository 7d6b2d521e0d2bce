import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, MERGE_PATCH, unwrap, unwrapWithEtag } from '../../api/client';
import { toApiError } from '../../api/problem';
import { trainingKeys } from '../../api/queryKeys';
import type { ExportFormat, NewTraining, ParticipantImportReport, PutParticipant, TrainingListQuery, TrainingPatch, TrainingTransition } from '../../api/types';
import { useTrainingList } from '../../components/trainings/trainingsApi';
import { saveExportJob, type DownloadWatch } from '../../components/download';

export function useTrainings(query: TrainingListQuery) {
  return useTrainingList(query);
}

export function useTraining(id: string | undefined) {
  return useQuery({
    queryKey: trainingKeys.detail(id ?? ''),
    queryFn: () => unwrapWithEtag(api.GET('/api/v1/trainings/{id}', { params: { path: { id: id ?? '' } } })),
    enabled: !!id,
  });
}

export function useCreateTraining() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: NewTraining) => unwrap(api.POST('/api/v1/trainings', { body })),
    onSuccess: () => void client.invalidateQueries({ queryKey: trainingKeys.all }),
  });
}

/** A merge patch with the ETag the form was filled from; 412 means someone changed it since. */
export function useUpdateTraining(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ patch, etag }: { patch: TrainingPatch; etag: string }) =>
      unwrap(
        api.PATCH('/api/v1/trainings/{id}', {
          params: { path: { id }, header: { 'If-Match': etag } },
          body: patch,
          headers: { 'Content-Type': MERGE_PATCH },
        }),
      ),
    onSuccess: () => void client.invalidateQueries({ queryKey: trainingKeys.all }),
  });
}

export function useTransitionTraining(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ body, etag }: { body: TrainingTransition; etag: string }) =>
      unwrap(api.POST('/api/v1/trainings/{id}/transitions', { params: { path: { id }, header: { 'If-Match': etag } }, body })),
    // success or a stale ETag (412): read it again either way
    onSettled: () => void client.invalidateQueries({ queryKey: trainingKeys.all }),
  });
}

// ---- participants ---------------------------------------------------------------------------------

export function useParticipants(id: string) {
  return useQuery({
    queryKey: trainingKeys.participants(id),
    queryFn: () => unwrap(api.GET('/api/v1/trainings/{id}/participants', { params: { path: { id } } })),
  });
}

/** Adds an organization or changes its row; the training's counts change with it. */
export function usePutParticipant(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: PutParticipant) => unwrap(api.POST('/api/v1/trainings/{id}/participants', { params: { path: { id } }, body })),
    onSuccess: () => void client.invalidateQueries({ queryKey: trainingKeys.all }),
  });
}

/** The file (CSV or xlsx) as the raw body: a dry run reports the row errors, applying puts every row. */
export async function importParticipants(id: string, file: Blob, dryRun: boolean): Promise<ParticipantImportReport> {
  const { data, error, response } = await api.POST('/api/v1/trainings/{id}/participants/import', {
    params: { path: { id }, query: { dry_run: dryRun } },
    body: '', // the contract types the file as text; the serializer sends the Blob itself (xlsx too)
    bodySerializer: () => file,
    headers: { 'Content-Type': 'application/octet-stream' },
  });
  if (!response.ok) throw toApiError(error, response);
  return data as ParticipantImportReport;
}

export function useImportParticipants(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ file, dryRun }: { file: Blob; dryRun: boolean }) => importParticipants(id, file, dryRun),
    onSuccess: (report) => {
      if (!report.dry_run) void client.invalidateQueries({ queryKey: trainingKeys.all });
    },
  });
}

// ---- export: a background job on the server, then its file through the authenticated client ---
export async function exportTrainings(format: ExportFormat, query: TrainingListQuery, watch: DownloadWatch): Promise<string> {
  // every matching training, not one page of them
  const filters = { ...query, cursor: undefined, limit: undefined, count: undefined };
  const answer = await api.GET('/api/v1/trainings/export', {
    params: { query: { ...filters, format, background: true } },
    signal: watch.signal,
  });
  return saveExportJob(answer, `trainings.${format}`, watch);
}
