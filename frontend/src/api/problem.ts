import type { Problem } from './types';

export interface FieldProblem {
  field: string;
  message: string;
}

/** A failed API call, carrying the problem+json body for display. */
export class ApiError extends Error {
  readonly status: number;
  readonly title: string;
  readonly detail?: string;
  readonly errors: FieldProblem[];
  readonly requestId?: string;
  /** Seconds from the Retry-After header of a 429. */
  readonly retryAfter?: number;

  constructor(init: {
    status: number;
    title: string;
    detail?: string | null;
    errors?: FieldProblem[] | null;
    requestId?: string | null;
    retryAfter?: number;
  }) {
    super(init.detail || init.title);
    this.name = 'ApiError';
    this.status = init.status;
    this.title = init.title;
    this.detail = init.detail ?? undefined;
    this.errors = init.errors ?? [];
    this.requestId = init.requestId ?? undefined;
    this.retryAfter = init.retryAfter;
  }
}

function isProblem(body: unknown): body is Problem {
  return typeof body === 'object' && body !== null && 'title' in body && 'status' in body;
}

function parseRetryAfter(response: Response): number | undefined {
  const raw = response.headers.get('Retry-After');
  if (!raw) return undefined;
  const n = Number(raw);
  return Number.isFinite(n) ? n : undefined;
}

/** Turns an error body (problem+json or anything else) and its response into an ApiError. */
export function toApiError(body: unknown, response: Response): ApiError {
  const retryAfter = parseRetryAfter(response);
  const requestId = response.headers.get('x-request-id');
  if (isProblem(body)) {
    const p = body as Problem & { errors?: FieldProblem[] | null };
    return new ApiError({
      status: p.status ?? response.status,
      title: p.title,
      detail: p.detail,
      errors: p.errors,
      requestId: p.request_id ?? requestId,
      retryAfter,
    });
  }
  return new ApiError({
    status: response.status,
    title: response.statusText || `HTTP ${response.status}`,
    detail: typeof body === 'string' && body ? body : undefined,
    requestId,
    retryAfter,
  });
}

export type Translate = (key: string, options?: Record<string, unknown>) => string;

/** The message a person should read for a failed call. */
export function problemMessage(error: unknown, t: Translate): string {
  if (error instanceof ApiError) {
    switch (error.status) {
      case 429:
        return error.retryAfter !== undefined
          ? t('error.rateLimitedSeconds', { seconds: error.retryAfter })
          : t('error.rateLimited');
      case 412:
        return t('error.stale');
      case 428:
        return t('error.preconditionRequired');
      case 403:
        return error.detail || t('error.forbidden');
      case 404:
        return error.detail || t('error.notFound');
      default:
        if (error.status >= 500) return error.detail || t('error.server');
        return error.detail || error.title;
    }
  }
  if (error instanceof TypeError) return t('error.network');
  if (error instanceof Error) return error.message;
  return t('error.unknown');
}

/** A 422 whose every field error sits under one of `fields` (a form's) needs no alert above the form. */
export function shownOnFields(error: unknown, fields: readonly string[]): boolean {
  return error instanceof ApiError && error.errors.length > 0 && error.errors.every((e) => fields.includes(e.field));
}

/** Field errors of a 422 in the shape antd's Form.setFields wants. */
export function fieldErrors(error: unknown): { name: string; errors: string[] }[] {
  if (!(error instanceof ApiError)) return [];
  const byField = new Map<string, string[]>();
  for (const e of error.errors) {
    byField.set(e.field, [...(byField.get(e.field) ?? []), e.message]);
  }
  return [...byField].map(([name, errors]) => ({ name, errors }));
}
