import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';

// Reference data the forms of several features need (provinces, a county search). The geo
// feature reads the same endpoints under the same query keys, so the cache is shared.

export function useProvinceOptions() {
  return useQuery({
    queryKey: ['provinces'],
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
    queryKey: ['counties', 'picker', province ?? '', q],
    queryFn: () =>
      unwrap(api.GET('/api/v1/counties', { params: { query: { province, q: q || undefined, limit: 20 } } })),
    placeholderData: keepPreviousData,
  });
}
