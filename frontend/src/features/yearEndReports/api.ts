import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, MERGE_PATCH, unwrap, unwrapWithEtag } from '../../api/client';
import { toApiError } from '../../api/problem';
import { yearEndReportKeys } from '../../api/queryKeys';
import type { ExportFormat, ReportPatch, ReportTransition, YearEndReportListQuery } from '../../api/types';
import { saveDownload, saveExport } from '../../components/download';

export function useYearEndReports(query: YearEndReportListQuery) {
  return useQuery({
    queryKey: yearEndReportKeys.list(query),
    queryFn: () => unwrap(api.GET('/api/v1/year-end-reports', { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

export function useYearEndReport(id: string) {
  return useQuery({
    queryKey: yearEndReportKeys.detail(id),
    queryFn: () => unwrapWithEtag(api.GET('/api/v1/year-end-reports/{id}', { params: { path: { id } } })),
  });
}

/** The province's report of a year, if written (a 409 on creation names one that exists). */
export async function findReportOfYear(year: number): Promise<string | undefined> {
  const page = await unwrap(api.GET('/api/v1/year-end-reports', { params: { query: { year, limit: 1 } } }));
  return page.items[0]?.id;
}

export function useCreateYearEndReport() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (year: number) => unwrap(api.POST('/api/v1/year-end-reports', { body: { year } })),
    onSuccess: () => void client.invalidateQueries({ queryKey: yearEndReportKeys.all }),
  });
}

/** Only the changed sections, with the ETag the page read; 412 means someone changed it since. */
export function useUpdateYearEndReport(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ patch, etag }: { patch: ReportPatch; etag: string }) =>
      unwrap(
        api.PATCH('/api/v1/year-end-reports/{id}', {
          params: { path: { id }, header: { 'If-Match': etag } },
          body: patch,
          headers: { 'Content-Type': MERGE_PATCH },
        }),
      ),
    onSuccess: () => void client.invalidateQueries({ queryKey: yearEndReportKeys.all }),
  });
}

export function useSignYearEndReport(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (etag: string) => unwrap(api.POST('/api/v1/year-end-reports/{id}/signatures', { params: { path: { id }, header: { 'If-Match': etag } } })),
    // success, a stale ETag (412) or a department that signed meanwhile (409): read it again
    onSettled: () => void client.invalidateQueries({ queryKey: yearEndReportKeys.all }),
  });
}

export function useTransitionYearEndReport(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ body, etag }: { body: ReportTransition; etag: string }) =>
      unwrap(api.POST('/api/v1/year-end-reports/{id}/transitions', { params: { path: { id }, header: { 'If-Match': etag } }, body })),
    onSettled: () => void client.invalidateQueries({ queryKey: yearEndReportKeys.all }),
  });
}

export function useReportVersions(id: string) {
  return useQuery({
    queryKey: yearEndReportKeys.versions(id),
    queryFn: () => unwrap(api.GET('/api/v1/year-end-reports/{id}/versions', { params: { path: { id } } })),
  });
}

/** The report as a PDF, read with the session's token and saved under the server's name. */
export async function downloadReportPdf(id: string, fallback: string): Promise<string> {
  const { data, error, response } = await api.GET('/api/v1/year-end-reports/{id}.pdf', { params: { path: { id } }, parseAs: 'blob' });
  if (!response.ok || !data) throw toApiError(error, response);
  return saveDownload(data, response.headers.get('Content-Disposition'), fallback);
}

// ---- the national board ---------------------------------------------------------------------------

export function useYearEndBoard(year: number) {
  return useQuery({
    queryKey: yearEndReportKeys.board(year),
    queryFn: () => unwrap(api.GET('/api/v1/year-end-reports/board', { params: { query: { year } } })),
    placeholderData: keepPreviousData,
  });
}

export function useSetDeadline(year: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (deadline: string) => unwrap(api.PUT('/api/v1/year-end-reports/deadlines/{year}', { params: { path: { year } }, body: { deadline } })),
    onSuccess: (board) => {
      client.setQueryData(yearEndReportKeys.board(year), board);
      void client.invalidateQueries({ queryKey: yearEndReportKeys.all });
    },
  });
}

export function useRemind(year: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (provinces: string[] | undefined) =>
      unwrap(api.POST('/api/v1/year-end-reports/reminders', { body: { year, ...(provinces ? { province_codes: provinces } : {}) } })),
    onSuccess: () => void client.invalidateQueries({ queryKey: yearEndReportKeys.all }),
  });
}

/** One row per province with the figures as accepted: a spreadsheet (or CSV) of the year. */
export async function exportYearFigures(year: number, format: ExportFormat): Promise<string> {
  const answer = await api.GET('/api/v1/year-end-reports/export', { params: { query: { year, format } }, parseAs: 'stream' });
  return saveExport(answer, `year-end-reports-${year}.${format}`);
}

/** Every province's report of the year as PDFs in one zip. */
export async function downloadYearPdfs(year: number): Promise<string> {
  const answer = await api.GET('/api/v1/year-end-reports/pdfs', { params: { query: { year } }, parseAs: 'stream' });
  return saveExport(answer, `year-end-reports-${year}.zip`);
}
