import { keepPreviousData, useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, MERGE_PATCH, unwrap, unwrapWithEtag } from '../../api/client';
import { caseKeys, collectionKeys, projectKeys } from '../../api/queryKeys';
import { ApiError } from '../../api/problem';
import { saveExportJob, type DownloadWatch } from '../../components/download';
import type {
  Case,
  CaseCollection,
  CaseCollectionPatch,
  CaseListQuery,
  CasePatch,
  CaseTransition,
  CollectionTransition,
  ExportFormat,
  NewCase,
  NewCaseCollection,
} from '../../api/types';

// ---- case collections (案例征集) -------------------------------------------------------------------
export function useCollections() {
  return useQuery({
    queryKey: collectionKeys.list,
    queryFn: () => unwrap(api.GET('/api/v1/case-collections')),
  });
}

export function useCollection(id: string | null | undefined) {
  return useQuery({
    queryKey: collectionKeys.detail(id ?? ''),
    queryFn: () => unwrapWithEtag(api.GET('/api/v1/case-collections/{id}', { params: { path: { id: id ?? '' } } })),
    enabled: !!id,
  });
}

/** A collection's counts and a case's `public` both move with the other: refresh both families. */
function invalidateCases(client: ReturnType<typeof useQueryClient>) {
  void client.invalidateQueries({ queryKey: collectionKeys.all });
  void client.invalidateQueries({ queryKey: caseKeys.all });
}

export function useCreateCollection() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: NewCaseCollection) => unwrap(api.POST('/api/v1/case-collections', { body })),
    onSuccess: () => invalidateCases(client),
  });
}

/** A merge patch with the ETag the form was filled from; 412 means someone changed it since. */
export function useUpdateCollection(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ patch, etag }: { patch: CaseCollectionPatch; etag: string }) =>
      unwrap(
        api.PATCH('/api/v1/case-collections/{id}', {
          params: { path: { id }, header: { 'If-Match': etag } },
          body: patch,
          headers: { 'Content-Type': MERGE_PATCH },
        }),
      ),
    onSuccess: () => invalidateCases(client),
  });
}

/**
 * The ETag of the version a list row shows. Lists carry no ETags: the row's resource is read
 * again, and if it changed since the list was read the move is refused as a 412 would be, so a
 * button never acts on a state the user did not see.
 */
async function etagOfSeen<T extends { updated_at: string }>(read: Promise<{ data: T; etag: string | null }>, seen: T): Promise<string> {
  const { data, etag } = await read;
  if (!etag || data.updated_at !== seen.updated_at) throw new ApiError({ status: 412, title: 'Precondition Failed' });
  return etag;
}

/** Moves a collection as its list row shows it (open → closed → published, closed → open). */
export function useTransitionCollection() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ collection, body }: { collection: CaseCollection; body: CollectionTransition }) => {
      const path = { id: collection.id };
      const etag = await etagOfSeen(unwrapWithEtag(api.GET('/api/v1/case-collections/{id}', { params: { path } })), collection);
      return unwrap(api.POST('/api/v1/case-collections/{id}/transitions', { params: { path, header: { 'If-Match': etag } }, body }));
    },
    // success or a stale row: read them again either way
    onSettled: () => invalidateCases(client),
  });
}

// ---- cases (案例) -------------------------------------------------------------------------------
export function useCases(query: CaseListQuery, enabled = true) {
  return useQuery({
    queryKey: caseKeys.list(query),
    queryFn: () => unwrap(api.GET('/api/v1/cases', { params: { query } })),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useCase(id: string | undefined) {
  return useQuery({
    queryKey: caseKeys.detail(id ?? ''),
    queryFn: () => unwrapWithEtag(api.GET('/api/v1/cases/{id}', { params: { path: { id: id ?? '' } } })),
    enabled: !!id,
  });
}

export function useCreateCase() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: NewCase) => unwrap(api.POST('/api/v1/cases', { body })),
    onSuccess: () => invalidateCases(client),
  });
}

export function useUpdateCase(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ patch, etag }: { patch: CasePatch; etag: string }) =>
      unwrap(
        api.PATCH('/api/v1/cases/{id}', {
          params: { path: { id }, header: { 'If-Match': etag } },
          body: patch,
          headers: { 'Content-Type': MERGE_PATCH },
        }),
      ),
    onSuccess: () => invalidateCases(client),
  });
}

/** A move from the case's page, with the ETag it was read with. */
export function useTransitionCase(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ body, etag }: { body: CaseTransition; etag: string }) =>
      unwrap(api.POST('/api/v1/cases/{id}/transitions', { params: { path: { id }, header: { 'If-Match': etag } }, body })),
    onSettled: () => invalidateCases(client),
  });
}

/** A move from the review queue, on the case as its row shows it. */
export function useReviewCase() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ item, body }: { item: Case; body: CaseTransition }) => {
      const path = { id: item.id };
      const etag = await etagOfSeen(unwrapWithEtag(api.GET('/api/v1/cases/{id}', { params: { path } })), item);
      return unwrap(api.POST('/api/v1/cases/{id}/transitions', { params: { path, header: { 'If-Match': etag } }, body }));
    },
    onSettled: () => invalidateCases(client),
  });
}

// ---- the form's choices and the page's links (other families' endpoints, their query keys) -----
/** The projects an organization takes part in (has accepted): the ones a case may link. */
export function useOrganizationProjects(organizationId: string | undefined) {
  const query = { organization: organizationId, limit: 200 };
  return useQuery({
    queryKey: projectKeys.list(query),
    queryFn: () => unwrap(api.GET('/api/v1/projects', { params: { query } })),
    enabled: !!organizationId,
    select: (page) =>
      page.items.filter((p) => p.organizations.some((o) => o.organization_id === organizationId && o.consent === 'accepted')),
  });
}

/** The brands an organization owns or partners in, for a case's optional brand. */
export function useOrganizationBrands(organizationId: string | undefined) {
  return useQuery({
    queryKey: caseKeys.brandOptions(organizationId ?? ''),
    queryFn: () => unwrap(api.GET('/api/v1/brands', { params: { query: { organization: organizationId, limit: 200 } } })),
    enabled: !!organizationId,
    select: (page) => page.items.filter((b) => b.status !== 'revoked'),
  });
}

export function useBrandName(id: string | null | undefined) {
  return useQuery({
    queryKey: caseKeys.brandName(id ?? ''),
    queryFn: () => unwrap(api.GET('/api/v1/brands/{id}', { params: { path: { id: id ?? '' } } })),
    enabled: !!id,
    retry: false,
    staleTime: 10 * 60_000,
    select: (b) => b.name,
  });
}

/** The linked projects, each read as the projects' page reads it; one the caller may not see stays unnamed. */
export function useLinkedProjects(ids: readonly string[]) {
  return useQueries({
    queries: ids.map((id) => ({
      queryKey: projectKeys.detail(id),
      queryFn: () => unwrapWithEtag(api.GET('/api/v1/projects/{id}', { params: { path: { id } } })),
      retry: false,
    })),
  });
}

// ---- export: a background job on the server, then its file through the authenticated client ---
export async function exportCases(format: ExportFormat, query: CaseListQuery, watch: DownloadWatch): Promise<string> {
  // every matching case, not one page of them
  const filters = { ...query, cursor: undefined, limit: undefined, count: undefined };
  const answer = await api.GET('/api/v1/cases/export', {
    params: { query: { ...filters, format, background: true } },
    signal: watch.signal,
  });
  return saveExportJob(answer, `cases.${format}`, watch);
}
