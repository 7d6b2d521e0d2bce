import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { auditKeys } from '../../api/queryKeys';
import type { AuditEventQuery, ExportFormat } from '../../api/types';
import { saveExportJob, type DownloadWatch } from '../../components/download';

export function useAuditEvents(query: AuditEventQuery) {
  return useQuery({
    queryKey: auditKeys.list(query),
    queryFn: () => unwrap(api.GET('/api/v1/audit-events', { params: { query } })),
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
}

/** The labels of every entity type and action; they change only with a new release. */
export function useAuditVocabulary() {
  return useQuery({
    queryKey: auditKeys.vocabulary,
    queryFn: () => unwrap(api.GET('/api/v1/audit-events/vocabulary')),
    staleTime: Infinity,
  });
}

/** Accounts to filter by, searched by name (the audit log is read by national admins, who see every account). */
export function useActorOptions(q: string) {
  return useQuery({
    queryKey: auditKeys.actors(q),
    queryFn: () => unwrap(api.GET('/api/v1/users', { params: { query: { q: q || undefined, limit: 20 } } })),
    placeholderData: keepPreviousData,
  });
}

/** Every event the filters select, as a file (not one page of them). */
export async function exportAuditEvents(
  format: ExportFormat,
  filters: Omit<AuditEventQuery, 'cursor' | 'limit'>,
  watch: DownloadWatch,
): Promise<string> {
  const answer = await api.GET('/api/v1/audit-events/export', {
    params: { query: { ...filters, format, background: true } },
    signal: watch.signal,
  });
  return saveExportJob(answer, `audit-log.${format}`, watch);
}
