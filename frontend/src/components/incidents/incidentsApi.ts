import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { incidentKeys, projectKeys } from '../../api/queryKeys';
import type { IncidentListQuery, NewIncident, ProjectListQuery } from '../../api/types';

// The incidents' reads and the report, shared by the incidents' own pages and the organization
// and project pages that list theirs and report from there.

export function useIncidentList(query: IncidentListQuery, enabled = true) {
  return useQuery({
    queryKey: incidentKeys.list(query),
    queryFn: () => unwrap(api.GET('/api/v1/incidents', { params: { query } })),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useReportIncident() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: NewIncident) => unwrap(api.POST('/api/v1/incidents', { body })),
    // the lists, the organization's and project's sections, and the risk view
    onSuccess: () => void client.invalidateQueries({ queryKey: incidentKeys.all }),
  });
}

/**
 * The projects an organization takes part in (accepted), within the caller's area, for the report's
 * project picker; read under the projects' key, so the cache is the projects list's.
 */
export function useOrganizationProjects(organizationId: string | undefined, area: Pick<ProjectListQuery, 'province' | 'county'>, q: string) {
  const query: ProjectListQuery = { organization: organizationId, ...area, q: q || undefined, limit: 20 };
  return useQuery({
    queryKey: projectKeys.list(query),
    queryFn: () => unwrap(api.GET('/api/v1/projects', { params: { query } })),
    placeholderData: keepPreviousData,
    enabled: !!organizationId,
  });
}
