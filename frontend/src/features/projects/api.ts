import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, MERGE_PATCH, unwrap, unwrapWithEtag } from '../../api/client';
import { campaignKeys, projectKeys } from '../../api/queryKeys';
import { toApiError } from '../../api/problem';
import { saveDownload } from '../../components/download';
import type { ConsentTransition, ExportFormat, NewProject, NewProjectUpdate, ProjectListQuery, ProjectPatch, ProjectTransition } from '../../api/types';

export function useProjects(query: ProjectListQuery) {
  return useQuery({
    queryKey: projectKeys.list(query),
    queryFn: () => unwrap(api.GET('/api/v1/projects', { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

export function useProject(id: string) {
  return useQuery({
    queryKey: projectKeys.detail(id),
    queryFn: () => unwrapWithEtag(api.GET('/api/v1/projects/{id}', { params: { path: { id } } })),
  });
}

export function useCreateProject() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: NewProject) => unwrap(api.POST('/api/v1/projects', { body })),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: projectKeys.all });
      void client.invalidateQueries({ queryKey: campaignKeys.all });
    },
  });
}

/** A merge patch with the ETag the form was filled from; 412 means someone changed it since. */
export function useUpdateProject(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ patch, etag }: { patch: ProjectPatch; etag: string }) =>
      unwrap(
        api.PATCH('/api/v1/projects/{id}', {
          params: { path: { id }, header: { 'If-Match': etag } },
          body: patch,
          headers: { 'Content-Type': MERGE_PATCH },
        }),
      ),
    onSuccess: () => void client.invalidateQueries({ queryKey: projectKeys.all }),
  });
}

export function useTransitionProject(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ body, etag }: { body: ProjectTransition; etag: string }) =>
      unwrap(api.POST('/api/v1/projects/{id}/transitions', { params: { path: { id }, header: { 'If-Match': etag } }, body })),
    onSettled: () => {
      // success or a stale ETag (412): read it again either way; the funnels count it too
      void client.invalidateQueries({ queryKey: projectKeys.all });
      void client.invalidateQueries({ queryKey: campaignKeys.all });
    },
  });
}

/** An invited organization's answer (接受 / 拒绝), given by one of its members. */
export function useAnswerProjectInvitation(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ organizationId, body, etag }: { organizationId: string; body: ConsentTransition; etag: string }) =>
      unwrap(
        api.POST('/api/v1/projects/{id}/organizations/{organization_id}/transitions', {
          params: { path: { id, organization_id: organizationId }, header: { 'If-Match': etag } },
          body,
        }),
      ),
    onSettled: () => void client.invalidateQueries({ queryKey: projectKeys.all }),
  });
}

export function useProjectUpdates(id: string) {
  return useQuery({
    queryKey: projectKeys.updates(id),
    queryFn: () => unwrap(api.GET('/api/v1/projects/{id}/updates', { params: { path: { id } } })),
  });
}

export function useAddProjectUpdate(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: NewProjectUpdate) => unwrap(api.POST('/api/v1/projects/{id}/updates', { params: { path: { id } }, body })),
    onSettled: () => {
      void client.invalidateQueries({ queryKey: projectKeys.all });
      void client.invalidateQueries({ queryKey: campaignKeys.all });
    },
  });
}

// ---- for the form: the rural tour's campaigns and events (the API, not the campaigns feature) ----
export function useCampaignOptions() {
  return useQuery({
    queryKey: campaignKeys.list,
    queryFn: () => unwrap(api.GET('/api/v1/campaigns')),
  });
}

export function useCampaignEventOptions(campaignId: string | null | undefined) {
  return useQuery({
    queryKey: campaignKeys.events(campaignId ?? ''),
    queryFn: () => unwrap(api.GET('/api/v1/campaigns/{id}/events', { params: { path: { id: campaignId ?? '' } } })),
    enabled: !!campaignId,
  });
}

// ---- export: a download through the authenticated client (bearer token, refresh on 401) -------
export async function exportProjects(format: ExportFormat, query: ProjectListQuery): Promise<string> {
  // every matching project, not one page of them
  const filters = { ...query, cursor: undefined, limit: undefined, count: undefined };
  const { data, error, response } = await api.GET('/api/v1/projects/export', {
    params: { query: { ...filters, format } },
    parseAs: 'blob',
  });
  if (!response.ok || !data) throw toApiError(error, response);
  return saveDownload(data as Blob, response.headers.get('Content-Disposition'), `projects.${format}`);
}
