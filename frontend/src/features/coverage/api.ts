import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { coverageKeys } from '../../api/queryKeys';

export function useCoverage(year: number | undefined, province: string | undefined) {
  return useQuery({
    queryKey: coverageKeys.view(year, province),
    queryFn: () => unwrap(api.GET('/api/v1/coverage', { params: { query: { year, province } } })),
    placeholderData: keepPreviousData,
  });
}
