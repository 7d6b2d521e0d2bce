import { keepPreviousData, useQueries, useQuery } from '@tanstack/react-query';
import { api, unwrap, unwrapWithEtag } from '../api/client';
import { geoKeys, organizationKeys } from '../api/queryKeys';

// Reference data the forms of several features need (provinces, a county or organization search,
// an organization's name). The owning features read the same endpoints under the same query keys,
// so the cache is shared.

export function useProvinceOptions() {
  return useQuery({
    queryKey: geoKeys.provinces,
    queryFn: () => unwrap(api.GET('/api/v1/provinces')),
    staleTime: 10 * 60_000,
  });
}

/** The name of a province code, or the code itself until the list has loaded. */
export function useProvinceName(): (code?: string | null) => string {
  const provinces = useProvinceOptions();
  return (code) => (code ? (provinces.data?.items.find((p) => p.code === code)?.name ?? code) : '');
}

export function useCountySearch(province: string | undefined, q: string) {
  return useQuery({
    queryKey: geoKeys.countyPicker(province, q),
    queryFn: () =>
      unwrap(api.GET('/api/v1/counties', { params: { query: { province, q: q || undefined, limit: 20 } } })),
    placeholderData: keepPreviousData,
  });
}

/** Organizations by name for the pickers: active ones only, as no other may pair, dock or take part. */
export function useOrganizationSearch(q: string) {
  return useQuery({
    queryKey: organizationKeys.picker(q),
    queryFn: () => unwrap(api.GET('/api/v1/organizations', { params: { query: { q: q || undefined, status: 'active', limit: 20 } } })),
    placeholderData: keepPreviousData,
  });
}

/** One organization's name (an org member's own, to prefill the lead). */
export function useOrganizationRef(id: string | null | undefined) {
  return useQuery({
    queryKey: organizationKeys.detail(id ?? ''),
    queryFn: () => unwrapWithEtag(api.GET('/api/v1/organizations/{id}', { params: { path: { id: id ?? '' } } })),
    enabled: !!id,
    select: (r) => ({ id: r.data.id, name: r.data.name }),
  });
}

/** Several organizations' names by id (a brand's partners), each read once and shared with its page. */
export function useOrganizationNames(ids: readonly string[]): Record<string, string | undefined> {
  const results = useQueries({
    queries: ids.map((id) => ({
      queryKey: organizationKeys.detail(id),
      queryFn: () => unwrapWithEtag(api.GET('/api/v1/organizations/{id}', { params: { path: { id } } })),
      select: (r: { data: { name: string } }) => r.data.name,
    })),
  });
  return Object.fromEntries(ids.map((id, i) => [id, results[i]?.data]));
}

/** Counties by code (a case's or a picker's chosen ones), each read once and kept: code → county, once loaded. */
export function useCountyRefs(codes: readonly string[]) {
  return useQueries({
    queries: codes.map((code) => ({
      queryKey: geoKeys.countyName(code),
      queryFn: () => unwrap(api.GET('/api/v1/counties/{code}', { params: { path: { code } } })),
      staleTime: 10 * 60_000,
    })),
    combine: (results) => new Map(results.flatMap((r, i) => (r.data ? [[codes[i], r.data] as const] : []))),
  });
}
