import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, unwrapWithEtag } from '../../api/client';
import { ApiError } from '../../api/problem';
import { brandKeys, organizationKeys, scoringKeys, selectionKeys, showcaseKeys } from '../../api/queryKeys';
import type { NewNomination, NewSelection, Nomination, NominationTransition, SelectionKind, SelectionListQuery, SelectionTransition, SubjectType } from '../../api/types';

export function useSelections(query: SelectionListQuery) {
  return useQuery({
    queryKey: selectionKeys.list(query),
    queryFn: () => unwrap(api.GET('/api/v1/selections', { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

export function useSelection(id: string) {
  return useQuery({
    queryKey: selectionKeys.detail(id),
    queryFn: () => unwrapWithEtag(api.GET('/api/v1/selections/{id}', { params: { path: { id } } })),
  });
}

/** A selection's moves and decisions change the honors on pages and the public showcase too. */
function invalidateSelections(client: ReturnType<typeof useQueryClient>) {
  void client.invalidateQueries({ queryKey: selectionKeys.all });
  void client.invalidateQueries({ queryKey: showcaseKeys.all });
}

export function useCreateSelection() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: NewSelection) => unwrap(api.POST('/api/v1/selections', { body })),
    onSuccess: () => invalidateSelections(client),
  });
}

export function useTransitionSelection(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ body, etag }: { body: SelectionTransition; etag: string }) =>
      unwrap(api.POST('/api/v1/selections/{id}/transitions', { params: { path: { id }, header: { 'If-Match': etag } }, body })),
    onSettled: () => invalidateSelections(client),
  });
}

export function useNominations(selectionId: string) {
  return useQuery({
    queryKey: selectionKeys.nominations(selectionId),
    queryFn: () => unwrap(api.GET('/api/v1/selections/{id}/nominations', { params: { path: { id: selectionId } } })),
  });
}

export function useCreateNomination(selectionId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: NewNomination) => unwrap(api.POST('/api/v1/selections/{id}/nominations', { params: { path: { id: selectionId } }, body })),
    onSuccess: () => invalidateSelections(client),
  });
}

/**
 * Decides or withdraws a nomination as its row shows it: the nomination is read again for its
 * ETag, and a row that changed since it was shown is refused as a 412 would be, before the move
 * is sent with that ETag.
 */
export function useMoveNomination(selectionId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ nomination, body }: { nomination: Nomination; body: NominationTransition }) => {
      const { data: current, etag } = await unwrapWithEtag(api.GET('/api/v1/nominations/{id}', { params: { path: { id: nomination.id } } }));
      if (current.updated_at !== nomination.updated_at || current.status !== nomination.status) {
        throw new ApiError({ status: 412, title: 'Precondition Failed' });
      }
      return unwrap(api.POST('/api/v1/nominations/{id}/transitions', { params: { path: { id: nomination.id }, header: { 'If-Match': etag ?? '' } }, body }));
    },
    onSettled: () => {
      invalidateSelections(client);
      void client.invalidateQueries({ queryKey: selectionKeys.nominations(selectionId) });
    },
  });
}

/** The rounds a selection may draw on: those evaluating its kind of subject (national admins see every round). */
export function useRoundOptions(subjectType: SubjectType, enabled: boolean) {
  const query = { subject_type: subjectType, limit: 100 };
  return useQuery({
    queryKey: scoringKeys.roundList(query),
    queryFn: () => unwrap(api.GET('/api/v1/evaluation-rounds', { params: { query } })),
    enabled,
  });
}

/**
 * The name of the round informing a selection. National admins read any round; everyone else
 * the published ones, looked up in the published list (reading an unpublished round would be a
 * 404), so the name stays unknown until the round is published.
 */
export function useRoundName(id: string | null | undefined, national: boolean) {
  const published = { status: 'published' as const, limit: 200 };
  const detail = useQuery({
    queryKey: scoringKeys.round(id ?? ''),
    queryFn: () => unwrapWithEtag(api.GET('/api/v1/evaluation-rounds/{id}', { params: { path: { id: id ?? '' } } })),
    enabled: !!id && national,
    select: (r) => r.data.name,
  });
  const list = useQuery({
    queryKey: scoringKeys.roundList(published),
    queryFn: () => unwrap(api.GET('/api/v1/evaluation-rounds', { params: { query: published } })),
    enabled: !!id && !national,
    select: (page) => page.items.find((r) => r.id === id)?.name,
  });
  return national ? detail.data : list.data;
}

/**
 * Who may be nominated, by name: active organizations for 优秀社会组织, recognized brands (not
 * under review) for 知名公益品牌 — a provincial officer's own province only.
 */
export function useNomineeSearch(kind: SelectionKind, province: string | undefined, q: string) {
  const orgQuery = { q: q || undefined, province, status: 'active' as const, limit: 20 };
  const brandQuery = { q: q || undefined, province, review_flag: false, limit: 50 };
  const organizations = useQuery({
    queryKey: organizationKeys.list(orgQuery),
    queryFn: () => unwrap(api.GET('/api/v1/organizations', { params: { query: orgQuery } })),
    enabled: kind === 'outstanding_organization',
    placeholderData: keepPreviousData,
  });
  const brands = useQuery({
    queryKey: brandKeys.list(brandQuery),
    queryFn: () => unwrap(api.GET('/api/v1/brands', { params: { query: brandQuery } })),
    enabled: kind === 'well_known_brand',
    placeholderData: keepPreviousData,
  });
  if (kind === 'outstanding_organization') {
    return {
      isFetching: organizations.isFetching,
      options: (organizations.data?.items ?? []).map((o) => ({ value: o.id, name: o.name, province: o.province_code })),
    };
  }
  return {
    isFetching: brands.isFetching,
    options: (brands.data?.items ?? [])
      .filter((b) => b.status === 'recognized' || b.status === 'demonstration')
      .map((b) => ({ value: b.id, name: `${b.name}（${b.owner_organization_name}）`, province: b.province_code })),
  };
}
