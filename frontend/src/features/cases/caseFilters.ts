import { CASE_LINES, CASE_STATUSES, type CaseListQuery, type Role } from '../../api/types';

export const CASE_PAGE_SIZE = 20;

/**
 * The list view in the URL (?collection=…&status=typical&line=development&q=…). `all` is an
 * organization member's choice to see every case they may read, not only their own organization's.
 */
export type CaseFilters = Omit<CaseListQuery, 'cursor' | 'limit' | 'count'> & { all?: boolean };

function oneOf<T extends string>(values: readonly T[], raw: string | null): T | undefined {
  return values.find((v) => v === raw);
}

function text(p: URLSearchParams, key: string): string | undefined {
  return p.get(key)?.trim() || undefined;
}

export function filtersFromSearch(p: URLSearchParams): CaseFilters {
  const f: CaseFilters = {
    q: text(p, 'q'),
    collection: text(p, 'collection'),
    status: oneOf(CASE_STATUSES, p.get('status')),
    line: oneOf(CASE_LINES, p.get('line')),
    province: text(p, 'province'),
    organization: text(p, 'organization'),
    brand: text(p, 'brand'),
    all: p.get('all') === 'true' ? true : undefined,
  };
  return Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined)) as CaseFilters;
}

export function filtersToSearch(f: CaseFilters): URLSearchParams {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v !== undefined && v !== null && v !== '' && v !== false) p.set(k, String(v));
  return p;
}

/** Whether the list is narrowed to the member's own organization: by default, until they ask for all. */
export function ownOrganizationOnly(f: CaseFilters, user: { role: Role; organization_id?: string | null }): boolean {
  return user.role === 'org_member' && !!user.organization_id && !f.all && !f.organization;
}

/** The API query of a list view: an organization's members start on their own organization's cases. */
export function caseListQuery(
  f: CaseFilters,
  user: { role: Role; organization_id?: string | null },
  cursor: string | null | undefined,
  limit = CASE_PAGE_SIZE,
): CaseListQuery {
  const query: CaseListQuery = { ...f, limit, cursor: cursor ?? undefined, count: true };
  delete (query as CaseFilters).all;
  if (ownOrganizationOnly(f, user) && user.organization_id) query.organization = user.organization_id;
  return query;
}
