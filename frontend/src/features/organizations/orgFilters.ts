import {
  ASSISTANCE_TYPES,
  LEGAL_FORMS,
  ORG_CATEGORIES,
  ORG_STATUSES,
  RECOMMENDERS,
  REGISTRATION_LEVELS,
  type OrganizationListQuery,
  type OrgSort,
} from '../../api/types';

export const ORG_PAGE_SIZE = 20;

/** The list view in the URL (?q=…&status=active&sort=-updated_at) so a link reproduces it. */
export type OrgFilters = Omit<OrganizationListQuery, 'cursor' | 'limit' | 'count'>;

function oneOf<T extends string>(values: readonly T[], raw: string | null): T | undefined {
  return values.find((v) => v === raw);
}

const SORTS = ['name', '-updated_at'] as const satisfies readonly OrgSort[];

export function filtersFromSearch(p: URLSearchParams): OrgFilters {
  const f: OrgFilters = {
    q: p.get('q')?.trim() || undefined,
    category: oneOf(ORG_CATEGORIES, p.get('category')),
    legal_form: oneOf(LEGAL_FORMS, p.get('legal_form')),
    registration_level: oneOf(REGISTRATION_LEVELS, p.get('registration_level')),
    province: p.get('province')?.trim() || undefined,
    status: oneOf(ORG_STATUSES, p.get('status')),
    specialty: oneOf(ASSISTANCE_TYPES, p.get('specialty')),
    recommended_by: oneOf(RECOMMENDERS, p.get('recommended_by')),
    credit_code_to_confirm: p.get('credit_code_to_confirm') === 'true' ? true : undefined,
    sort: oneOf(SORTS, p.get('sort')),
  };
  return Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined)) as OrgFilters;
}

export function filtersToSearch(f: OrgFilters): URLSearchParams {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v !== undefined && v !== null && v !== '') p.set(k, String(v));
  return p;
}

export function orgListQuery(f: OrgFilters, cursor: string | null | undefined, limit = ORG_PAGE_SIZE): OrganizationListQuery {
  return { ...f, limit, cursor: cursor ?? undefined, count: true };
}
