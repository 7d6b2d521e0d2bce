import { ApiError } from '../../api/problem';
import type { ParticipantImportReport, RowError } from '../../api/types';
import { toCsv } from '../../components/listTable';

/** The import's columns as the server reads them: an organization by name or credit code, and its head count. */
export const TEMPLATE_HEADERS = ['组织名称', '统一社会信用代码', '人数'];

/** The template: the header alone, as a CSV Excel opens with its Chinese headers intact. */
export function templateCsv(): string {
  return toCsv(TEMPLATE_HEADERS, []);
}

/** 导入 is offered after a dry run with rows and no row errors. */
export function canApply(report: ParticipantImportReport | null | undefined): boolean {
  return !!report && report.dry_run && report.errors.length === 0 && report.rows_total > 0;
}

/**
 * The row errors of an apply the server refused (422: rows changed since the dry run, or the file
 * did), which name each field `rows[<line>].<column>`; empty for any other failure.
 */
export function rowErrorsOf(error: unknown): RowError[] {
  if (!(error instanceof ApiError) || error.status !== 422) return [];
  return error.errors.flatMap((e) => {
    const m = /^rows\[(\d+)\]\.?(.*)$/.exec(e.field);
    return m ? [{ row: Number(m[1]), column: m[2], message: e.message }] : [];
  });
}
