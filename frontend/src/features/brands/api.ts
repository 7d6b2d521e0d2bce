import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, MERGE_PATCH, unwrap, unwrapWithEtag } from '../../api/client';
import { brandKeys } from '../../api/queryKeys';
import type { BrandListQuery, BrandPatch, BrandTransition, ExportFormat, NewBrand } from '../../api/types';
import { saveExportJob, type DownloadWatch } from '../../components/download';

export function useBrands(query: BrandListQuery) {
  return useQuery({
    queryKey: brandKeys.list(query),
    queryFn: () => unwrap(api.GET('/api/v1/brands', { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

export function useBrand(id: string) {
  return useQuery({
    queryKey: brandKeys.detail(id),
    queryFn: () => unwrapWithEtag(api.GET('/api/v1/brands/{id}', { params: { path: { id } } })),
  });
}

export function useCreateBrand() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: NewBrand) => unwrap(api.POST('/api/v1/brands', { body })),
    onSuccess: () => void client.invalidateQueries({ queryKey: brandKeys.all }),
  });
}

/** A merge patch with the ETag the form was filled from; 412 means someone changed it since. */
export function useUpdateBrand(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ patch, etag }: { patch: BrandPatch; etag: string }) =>
      unwrap(
        api.PATCH('/api/v1/brands/{id}', {
          params: { path: { id }, header: { 'If-Match': etag } },
          body: patch,
          headers: { 'Content-Type': MERGE_PATCH },
        }),
      ),
    onSuccess: () => void client.invalidateQueries({ queryKey: brandKeys.all }),
  });
}

export function useTransitionBrand(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ body, etag }: { body: BrandTransition; etag: string }) =>
      unwrap(api.POST('/api/v1/brands/{id}/transitions', { params: { path: { id }, header: { 'If-Match': etag } }, body })),
    // success or a stale ETag (412): read it again either way
    onSettled: () => void client.invalidateQueries({ queryKey: brandKeys.all }),
  });
}

/** The projects carrying a brand, a page at a time. */
export function useBrandProjects(id: string, cursor: string | null) {
  return useQuery({
    queryKey: brandKeys.projects(id, cursor),
    queryFn: () =>
      unwrap(api.GET('/api/v1/brands/{id}/projects', { params: { path: { id }, query: { limit: BRAND_PROJECTS_PAGE, cursor: cursor ?? undefined } } })),
    placeholderData: keepPreviousData,
  });
}

export const BRAND_PROJECTS_PAGE = 20;

// ---- export: a background job on the server, then its file through the authenticated client ---
export async function exportBrands(format: ExportFormat, query: BrandListQuery, watch: DownloadWatch): Promise<string> {
  // every matching brand, not one page of them
  const filters = { ...query, cursor: undefined, limit: undefined, count: undefined };
  const answer = await api.GET('/api/v1/brands/export', {
    params: { query: { ...filters, format, background: true } },
    signal: watch.signal,
  });
  return saveExportJob(answer, `brands.${format}`, watch);
}
