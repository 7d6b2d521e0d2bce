import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { statisticsKeys } from '../../api/queryKeys';
import type { ExportFormat, Fact, ProjectSeriesQuery, StatisticsTableQuery } from '../../api/types';
import { saveExport, type DownloadWatch } from '../../components/download';

// Figures move with every write anywhere: read them fresh on each visit, and keep the last answer
// on screen while a changed query loads (the table does not blink away under the controls).

export function useStatisticsTable(fact: Fact, query: StatisticsTableQuery, enabled = true) {
  return useQuery({
    queryKey: statisticsKeys.table(fact, query),
    queryFn: () => unwrap(api.GET('/api/v1/statistics/tables/{fact}', { params: { path: { fact }, query } })),
    placeholderData: keepPreviousData,
    staleTime: 0,
    enabled,
  });
}

export function useProjectSeries(query: ProjectSeriesQuery, enabled = true) {
  return useQuery({
    queryKey: statisticsKeys.projectSeries(query),
    queryFn: () => unwrap(api.GET('/api/v1/statistics/projects/series', { params: { query } })),
    placeholderData: keepPreviousData,
    staleTime: 0,
    enabled,
  });
}

/** The same table as a file (Chinese headers, a 合计 row), through the authenticated client. */
export async function exportStatisticsTable(fact: Fact, format: ExportFormat, query: StatisticsTableQuery, watch: DownloadWatch): Promise<string> {
  const answer = await api.GET('/api/v1/statistics/tables/{fact}/export', {
    params: { path: { fact }, query: { ...query, format } },
    parseAs: 'stream',
    signal: watch.signal,
  });
  return saveExport(answer, `statistics-${fact}.${format}`, watch);
}
