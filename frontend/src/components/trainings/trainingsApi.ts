import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { trainingKeys } from '../../api/queryKeys';
import type { TrainingListQuery } from '../../api/types';

// The trainings' list read, shared by the trainings' own pages and the organization page's
// 参加的培训 (features do not import each other); the same key, so they share the cache.

export function useTrainingList(query: TrainingListQuery, enabled = true) {
  return useQuery({
    queryKey: trainingKeys.list(query),
    queryFn: () => unwrap(api.GET('/api/v1/trainings', { params: { query } })),
    placeholderData: keepPreviousData,
    enabled,
  });
}
