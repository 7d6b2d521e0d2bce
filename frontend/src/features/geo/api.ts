import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, MERGE_PATCH, unwrap, unwrapWithEtag } from '../../api/client';
import { geoKeys, needKeys, pairingKeys, statisticsKeys } from '../../api/queryKeys';
import { toApiError } from '../../api/problem';
import type { CountyListQuery, ImportReport, NeedListQuery, StatisticsTableQuery } from '../../api/types';

export const provincesQuery = queryOptions({
  queryKey: geoKeys.provinces,
  queryFn: () => unwrap(api.GET('/api/v1/provinces')),
  staleTime: 10 * 60_000,
});

export function useProvinces() {
  return useQuery(provincesQuery);
}

export function useEastWestPairs() {
  return useQuery({
    queryKey: geoKeys.pairs,
    queryFn: () => unwrap(api.GET('/api/v1/east-west-pairs')),
    staleTime: 10 * 60_000,
  });
}

export function useCounties(query: CountyListQuery) {
  return useQuery({
    queryKey: geoKeys.countyList(query),
    queryFn: () => unwrap(api.GET('/api/v1/counties', { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

export function useCounty(code: string) {
  return useQuery({
    queryKey: geoKeys.county(code),
    queryFn: () => unwrapWithEtag(api.GET('/api/v1/counties/{code}', { params: { path: { code } } })),
  });
}

export function useSetKeyCounty(code: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ keyCounty, etag }: { keyCounty: boolean; etag: string }) =>
      unwrap(
        api.PATCH('/api/v1/counties/{code}', {
          params: { path: { code }, header: { 'If-Match': etag } },
          body: { key_county: keyCounty },
          headers: { 'Content-Type': MERGE_PATCH },
        }),
      ),
    onSettled: () => {
      // success or a stale ETag (412): either way read the record again
      void client.invalidateQueries({ queryKey: geoKeys.counties });
      void client.invalidateQueries({ queryKey: geoKeys.keyCounties });
      void client.invalidateQueries({ queryKey: geoKeys.provinces });
    },
  });
}

export function useKeyCountySummary() {
  return useQuery({
    queryKey: geoKeys.keyCountySummary,
    queryFn: () => unwrap(api.GET('/api/v1/key-counties/summary')),
  });
}

/** POSTs the raw CSV text; the body is sent as text/csv, not JSON. */
export async function importKeyCounties(csv: string, dryRun: boolean): Promise<ImportReport> {
  const { data, error, response } = await api.POST('/api/v1/key-counties/import', {
    params: { query: { dry_run: dryRun } },
    body: csv,
    bodySerializer: () => csv,
    headers: { 'Content-Type': 'text/csv; charset=utf-8' },
  });
  if (!response.ok) throw toApiError(error, response);
  return data as ImportReport;
}

export function useImportKeyCounties() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ csv, dryRun }: { csv: string; dryRun: boolean }) => importKeyCounties(csv, dryRun),
    onSuccess: (report) => {
      if (report.applied) {
        void client.invalidateQueries({ queryKey: geoKeys.keyCounties });
        void client.invalidateQueries({ queryKey: geoKeys.counties });
        void client.invalidateQueries({ queryKey: geoKeys.provinces });
      }
    },
  });
}

/** The pairings of one county (the pairings API; the pairings feature is not imported). */
export function useCountyPairings(code: string) {
  return useQuery({
    queryKey: pairingKeys.byCounty(code),
    queryFn: () => unwrap(api.GET('/api/v1/pairings', { params: { query: { county: code, limit: 100, count: true } } })),
  });
}

/** The county's projects counted by status (the statistics roll-up, in the caller's scope). */
export function useCountyProjectsByStatus(code: string) {
  const query: StatisticsTableQuery = { group_by: 'status', county: code };
  return useQuery({
    queryKey: statisticsKeys.table('projects', query),
    queryFn: () => unwrap(api.GET('/api/v1/statistics/tables/{fact}', { params: { path: { fact: 'projects' }, query } })),
  });
}

/** The county's newest needs. */
export function useCountyNeeds(code: string) {
  const query: NeedListQuery = { county: code, limit: 10, count: true };
  return useQuery({
    queryKey: needKeys.list(query),
    queryFn: () => unwrap(api.GET('/api/v1/needs', { params: { query } })),
  });
}
