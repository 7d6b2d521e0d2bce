import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, MERGE_PATCH, unwrap, unwrapWithEtag } from '../../api/client';
import { brandKeys, incidentKeys, organizationKeys, pairingKeys, projectKeys } from '../../api/queryKeys';
import type { IncidentPatch, IncidentTransition, NewIncidentAction, RiskQuery } from '../../api/types';

export function useIncident(id: string) {
  return useQuery({
    queryKey: incidentKeys.detail(id),
    queryFn: () => unwrapWithEtag(api.GET('/api/v1/incidents/{id}', { params: { path: { id } } })),
  });
}

/** A merge patch with the ETag the form was filled from; 412 means someone changed it since. */
export function useUpdateIncident(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ patch, etag }: { patch: IncidentPatch; etag: string }) =>
      unwrap(
        api.PATCH('/api/v1/incidents/{id}', {
          params: { path: { id }, header: { 'If-Match': etag } },
          body: patch,
          headers: { 'Content-Type': MERGE_PATCH },
        }),
      ),
    onSuccess: () => void client.invalidateQueries({ queryKey: incidentKeys.all }),
  });
}

export function useTransitionIncident(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ body, etag }: { body: IncidentTransition; etag: string }) =>
      unwrap(api.POST('/api/v1/incidents/{id}/transitions', { params: { path: { id }, header: { 'If-Match': etag } }, body })),
    // success or a stale ETag (412): read it again either way
    onSettled: () => void client.invalidateQueries({ queryKey: incidentKeys.all }),
  });
}

/** The handling log (处置记录), oldest first. */
export function useIncidentActions(id: string) {
  return useQuery({
    queryKey: incidentKeys.actions(id),
    queryFn: () => unwrap(api.GET('/api/v1/incidents/{id}/actions', { params: { path: { id } } })),
  });
}

/**
 * Records a handling step. With `suspend_organization` the organization is suspended too, and its
 * pairings, projects and brands are flagged for review: their pages read them again.
 */
export function useAddIncidentAction(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: NewIncidentAction) => unwrap(api.POST('/api/v1/incidents/{id}/actions', { params: { path: { id } }, body })),
    onSuccess: (_, body) => {
      void client.invalidateQueries({ queryKey: incidentKeys.all });
      if (body.suspend_organization) {
        for (const queryKey of [organizationKeys.all, pairingKeys.all, projectKeys.all, brandKeys.all]) void client.invalidateQueries({ queryKey });
      }
    },
  });
}

/** The risk view (风险研判) of the caller's area, or of the province or county a national admin narrows it to. */
export function useRisks(query: RiskQuery) {
  return useQuery({
    queryKey: incidentKeys.risks(query),
    queryFn: () => unwrap(api.GET('/api/v1/risks', { params: { query } })),
  });
}
