import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, MERGE_PATCH, unwrap, unwrapWithEtag } from '../../api/client';
import { jobKeys, needKeys, organizationKeys, pairingKeys } from '../../api/queryKeys';
import { toApiError } from '../../api/problem';
import { saveExportJob, type DownloadWatch } from '../../components/download';
import type {
  ExportFormat,
  Job,
  NewOffer,
  NewOrganization,
  OfferPatch,
  OrganizationListQuery,
  OrganizationPatch,
  OrgTransition,
} from '../../api/types';

export function useOrganizations(query: OrganizationListQuery) {
  return useQuery({
    queryKey: organizationKeys.list(query),
    queryFn: () => unwrap(api.GET('/api/v1/organizations', { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

export function useOrganization(id: string) {
  return useQuery({
    queryKey: organizationKeys.detail(id),
    queryFn: () => unwrapWithEtag(api.GET('/api/v1/organizations/{id}', { params: { path: { id } } })),
  });
}

export function useCreateOrganization() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: NewOrganization) => unwrap(api.POST('/api/v1/organizations', { body })),
    onSuccess: () => void client.invalidateQueries({ queryKey: organizationKeys.all }),
  });
}

export function useUpdateOrganization(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ patch, etag }: { patch: OrganizationPatch; etag: string }) =>
      unwrap(
        api.PATCH('/api/v1/organizations/{id}', {
          params: { path: { id }, header: { 'If-Match': etag } },
          body: patch,
          headers: { 'Content-Type': MERGE_PATCH },
        }),
      ),
    onSettled: () => void client.invalidateQueries({ queryKey: organizationKeys.all }),
  });
}

export function useConfirmCreditCode(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (etag: string) =>
      unwrap(
        api.POST('/api/v1/organizations/{id}/credit-code-confirmation', {
          params: { path: { id }, header: { 'If-Match': etag } },
        }),
      ),
    onSettled: () => void client.invalidateQueries({ queryKey: organizationKeys.all }),
  });
}

export function useTransitionOrganization(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ body, etag }: { body: OrgTransition; etag: string }) =>
      unwrap(
        api.POST('/api/v1/organizations/{id}/transitions', {
          params: { path: { id }, header: { 'If-Match': etag } },
          body,
        }),
      ),
    onSettled: () => {
      void client.invalidateQueries({ queryKey: organizationKeys.all });
      void client.invalidateQueries({ queryKey: pairingKeys.all });
    },
  });
}

// ---- offers -------------------------------------------------------------------------------------
export function useOffers(orgId: string) {
  return useQuery({
    queryKey: organizationKeys.offers(orgId),
    queryFn: () => unwrap(api.GET('/api/v1/organizations/{id}/offers', { params: { path: { id: orgId } } })),
  });
}

export function useSaveOffer(orgId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ offerId, body }: { offerId?: string; body: NewOffer & OfferPatch }) => {
      if (!offerId) {
        return unwrap(api.POST('/api/v1/organizations/{id}/offers', { params: { path: { id: orgId } }, body }));
      }
      // read the offer for its current ETag, then patch it with If-Match
      const { etag } = await unwrapWithEtag(api.GET('/api/v1/offers/{id}', { params: { path: { id: offerId } } }));
      return unwrap(
        api.PATCH('/api/v1/offers/{id}', {
          params: { path: { id: offerId }, header: { 'If-Match': etag ?? '*' } },
          body,
          headers: { 'Content-Type': MERGE_PATCH },
        }),
      );
    },
    onSettled: () => {
      void client.invalidateQueries({ queryKey: organizationKeys.offers(orgId) });
      void client.invalidateQueries({ queryKey: needKeys.all });
    },
  });
}

// ---- related: its pairings and the needs it matches (the APIs, not the other features) --------
export function useOrganizationPairings(orgId: string) {
  return useQuery({
    queryKey: pairingKeys.byOrganization(orgId),
    queryFn: () =>
      unwrap(api.GET('/api/v1/pairings', { params: { query: { organization: orgId, limit: 100, count: true } } })),
  });
}

export function useMatchingNeeds(orgId: string) {
  return useQuery({
    queryKey: needKeys.forOrganization(orgId),
    queryFn: () =>
      unwrap(api.GET('/api/v1/organizations/{id}/matching-needs', { params: { path: { id: orgId }, query: { limit: 20 } } })),
  });
}

// ---- export: a background job on the server, then its file through the authenticated client ---
export async function exportOrganizations(format: ExportFormat, query: OrganizationListQuery, watch: DownloadWatch): Promise<string> {
  // every matching organization, not one page of them
  const filters = { ...query, cursor: undefined, limit: undefined, count: undefined };
  const answer = await api.GET('/api/v1/organizations/export', {
    params: { query: { ...filters, format, background: true } },
    signal: watch.signal,
  });
  return saveExportJob(answer, `organizations.${format}`, watch);
}

// ---- import: the raw file as the body → 202 with a job to poll ---------------------------------
export async function startImport(file: Blob, dryRun: boolean): Promise<Job> {
  const { data, error, response } = await api.POST('/api/v1/organizations/import', {
    params: { query: { dry_run: dryRun } },
    body: '', // the contract types the file as a binary string; the serializer sends the Blob itself
    bodySerializer: () => file,
    headers: { 'Content-Type': 'application/octet-stream' },
  });
  if (!response.ok) throw toApiError(error, response);
  return data as Job;
}

export function isJobRunning(job: Job | undefined): boolean {
  return !job || job.status === 'queued' || job.status === 'running';
}

/** Polls a job every 400 ms until it has succeeded or failed. */
export function useJob(id: string | null) {
  return useQuery({
    queryKey: jobKeys.detail(id ?? ''),
    queryFn: () => unwrap(api.GET('/api/v1/jobs/{id}', { params: { path: { id: id ?? '' } } })),
    enabled: !!id,
    refetchInterval: (q) => (isJobRunning(q.state.data) ? 400 : false),
    staleTime: 0,
  });
}
