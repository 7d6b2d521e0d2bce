import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { brandKeys, campaignKeys, coverageKeys, homeKeys, needKeys, organizationKeys, pairingKeys, projectKeys } from '../../api/queryKeys';
import type { ProjectRollupQuery, ProjectSeriesQuery } from '../../api/types';
import type { TileSource } from './tiles';

// The dashboard's reads. The lists' counts and the coverage, campaigns and funnel use their
// features' own query keys, so a write anywhere that invalidates them refreshes the tiles too.

type CountSource = Extract<TileSource, { kind: 'projects' | 'pairings' | 'needs' | 'organizations' | 'brands' }>;

/** The `total` of a list with the tile's filters (one row asked for, `count=true`). */
export function useListCount(source: CountSource) {
  const page = { limit: 1, count: true } as const;
  const { queryKey, queryFn } = ((): { queryKey: readonly unknown[]; queryFn: () => Promise<{ total?: number | null }> } => {
    switch (source.kind) {
      case 'projects': {
        const q = { ...source.filters, ...page };
        return { queryKey: projectKeys.list(q), queryFn: () => unwrap(api.GET('/api/v1/projects', { params: { query: q } })) };
      }
      case 'pairings': {
        const q = { ...source.filters, ...page };
        return { queryKey: pairingKeys.list(q), queryFn: () => unwrap(api.GET('/api/v1/pairings', { params: { query: q } })) };
      }
      case 'needs': {
        const q = { ...source.filters, ...page };
        return { queryKey: needKeys.list(q), queryFn: () => unwrap(api.GET('/api/v1/needs', { params: { query: q } })) };
      }
      case 'organizations': {
        const q = { ...source.filters, ...page };
        return { queryKey: organizationKeys.list(q), queryFn: () => unwrap(api.GET('/api/v1/organizations', { params: { query: q } })) };
      }
      case 'brands': {
        const q = { ...source.filters, ...page };
        return { queryKey: brandKeys.list(q), queryFn: () => unwrap(api.GET('/api/v1/brands', { params: { query: q } })) };
      }
    }
  })();
  return useQuery({ queryKey, queryFn, select: (p) => p.total ?? 0 });
}

export function useCoverage(province: string | undefined) {
  return useQuery({
    queryKey: coverageKeys.view(undefined, province),
    queryFn: () => unwrap(api.GET('/api/v1/coverage', { params: { query: { province } } })),
  });
}

export function useRollup(q: ProjectRollupQuery) {
  return useQuery({
    queryKey: homeKeys.rollup(q),
    queryFn: () => unwrap(api.GET('/api/v1/statistics/projects', { params: { query: q } })),
  });
}

export function useSeries(q: ProjectSeriesQuery) {
  return useQuery({
    queryKey: homeKeys.series(q),
    queryFn: () => unwrap(api.GET('/api/v1/statistics/projects/series', { params: { query: q } })),
  });
}

/** The rural tour's campaigns, newest year first: the first is this year's (or the latest). */
export function useCampaigns() {
  return useQuery({ queryKey: campaignKeys.list, queryFn: () => unwrap(api.GET('/api/v1/campaigns')) });
}

export function useFunnel(id: string | undefined) {
  return useQuery({
    queryKey: campaignKeys.funnel(id ?? ''),
    queryFn: () => unwrap(api.GET('/api/v1/campaigns/{id}/funnel', { params: { path: { id: id ?? '' } } })),
    enabled: !!id,
  });
}
