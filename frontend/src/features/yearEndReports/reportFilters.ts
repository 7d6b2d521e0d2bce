import { REPORT_STATUSES, type YearEndReportListQuery } from '../../api/types';
import { FIRST_REPORT_YEAR, LAST_REPORT_YEAR } from './reportLogic';

/** The list view in the URL (?year=2026&status=submitted&province=510000). */
export type ReportFilters = Omit<YearEndReportListQuery, 'cursor' | 'limit' | 'count'>;

/** A year in the URL, within the years the server takes. */
export function yearParam(raw: string | null): number | undefined {
  if (!raw || !/^\d{4}$/.test(raw.trim())) return undefined;
  const y = Number(raw);
  return y >= FIRST_REPORT_YEAR && y <= LAST_REPORT_YEAR ? y : undefined;
}

export function filtersFromSearch(p: URLSearchParams): ReportFilters {
  const f: ReportFilters = {
    year: yearParam(p.get('year')),
    status: REPORT_STATUSES.find((s) => s === p.get('status')),
    province: /^[1-9]\d0000$/.test(p.get('province') ?? '') ? (p.get('province') ?? undefined) : undefined,
  };
  return Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined)) as ReportFilters;
}

export function filtersToSearch(f: ReportFilters): URLSearchParams {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v !== undefined && v !== null && v !== '') p.set(k, String(v));
  return p;
}

export function reportListQuery(f: ReportFilters, cursor: string | undefined, limit: number): YearEndReportListQuery {
  return { ...f, limit, cursor, count: true };
}
