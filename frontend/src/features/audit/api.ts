import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { auditKeys } from '../../api/queryKeys';
import type { AuditEventQuery } from '../../api/types';

export function useAuditEvents(query: AuditEventQuery) {
  return useQuery({
    queryKey: auditKeys.list(query),
    queryFn: () => unwrap(api.GET('/api/v1/audit-events', { params: { query } })),
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
}
