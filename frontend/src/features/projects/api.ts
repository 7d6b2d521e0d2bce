import { keepPreviousData, useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, MERGE_PATCH, unwrap, unwrapWithEtag } from '../../api/client';
import { brandKeys, campaignKeys, projectKeys } from '../../api/queryKeys';
import { saveExportJob, type DownloadWatch } from '../../components/download';
import type { Brand, ConsentTransition, ExportFormat, NewProject, NewProjectUpdate, ProjectListQuery, ProjectPatch, ProjectTransition } from '../../api/types';

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
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: projectKeys.all });
      // the brand it carries (or carried) keeps its dossier from its projects
      void client.invalidateQueries({ queryKey: brandKeys.all });
    },
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
      void client.invalidateQueries({ queryKey: brandKeys.all });
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
      void client.invalidateQueries({ queryKey: brandKeys.all });
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

// ---- for the edit form and the page: the brands a project may carry (the API, not the brands feature) ----
const BRAND_OPTIONS_LIMIT = 100;

/**
 * The brands of the project's organizations (owned or partnered) that the reader may see, each
 * once: the server accepts only those (422 naming `brand_id` otherwise).
 */
export function useBrandOptions(organizationIds: readonly string[]): { brands: Brand[]; loading: boolean } {
  const results = useQueries({
    queries: organizationIds.map((organization) => {
      const query = { organization, limit: BRAND_OPTIONS_LIMIT };
      return { queryKey: brandKeys.list(query), queryFn: () => unwrap(api.GET('/api/v1/brands', { params: { query } })) };
    }),
  });
  const byId = new Map<string, Brand>();
  for (const r of results) for (const b of r.data?.items ?? []) byId.set(b.id, b);
  return { brands: [...byId.values()], loading: results.some((r) => r.isPending) };
}

/** A brand's name for a link, when the reader may read the brand (404 otherwise: no name). */
export function useBrandName(id: string | null | undefined) {
  return useQuery({
    queryKey: brandKeys.detail(id ?? ''),
    queryFn: () => unwrapWithEtag(api.GET('/api/v1/brands/{id}', { params: { path: { id: id ?? '' } } })),
    enabled: !!id,
    select: (r) => r.data.name,
  });
}

// ---- export: a background job on the server, then its file through the authenticated client ---
export async function exportProjects(format: ExportFormat, query: ProjectListQuery, watch: DownloadWatch): Promise<string> {
  // every matching project, not one page of them
  const filters = { ...query, cursor: undefined, limit: undefined, count: undefined };
  const answer = await api.GET('/api/v1/projects/export', {
    params: { query: { ...filters, format, background: true } },
    signal: watch.signal,
  });
  return saveExportJob(answer, `projects.${format}`, watch);
}
