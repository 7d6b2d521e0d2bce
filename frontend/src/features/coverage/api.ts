import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';

export function useCoverage(year: number | undefined, province: string | undefined) {
  return useQuery({
    queryKey: ['coverage', year ?? null, province ?? null],
    queryFn: () => unwrap(api.GET('/api/v1/coverage', { params: { query: { year, province } } })),
    placeholderData: keepPreviousData,
  });
}
