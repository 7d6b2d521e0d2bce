import { BRAND_FOCUSES, BRAND_LINES, BRAND_SORTS, BRAND_STATUSES, type BrandListQuery, type Role } from '../../api/types';

export const BRAND_PAGE_SIZE = 20;

/** The list view in the URL (?line=governance&focus=elderly_care&status=applied&sort=name). */
export type BrandFilters = Omit<BrandListQuery, 'cursor' | 'limit' | 'count'>;

function oneOf<T extends string>(values: readonly T[], raw: string | null): T | undefined {
  return values.find((v) => v === raw);
}

function text(p: URLSearchParams, key: string): string | undefined {
  return p.get(key)?.trim() || undefined;
}

export function filtersFromSearch(p: URLSearchParams): BrandFilters {
  const f: BrandFilters = {
    q: text(p, 'q'),
    line: oneOf(BRAND_LINES, p.get('line')),
    focus: oneOf(BRAND_FOCUSES, p.get('focus')),
    status: oneOf(BRAND_STATUSES, p.get('status')),
    province: text(p, 'province'),
    organization: text(p, 'organization'),
    review_flag: p.get('review_flag') === 'true' ? true : undefined,
    sort: oneOf(BRAND_SORTS, p.get('sort')),
  };
  return Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined)) as BrandFilters;
}

export function filtersToSearch(f: BrandFilters, all = false): URLSearchParams {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v !== undefined && v !== null && v !== '' && v !== false) p.set(k, String(v));
  if (all) p.set('all', 'true');
  return p;
}

/**
 * An organization's members start on their own brands (owned or partnered); `?all=true` widens
 * the list to every brand they may read (their own and the recognized ones). Others see what the
 * URL asks for.
 */
export function ownBrandsOnly(user: { role: Role; organization_id?: string | null }, p: URLSearchParams): string | undefined {
  if (user.role !== 'org_member' || !user.organization_id || p.get('all') === 'true' || p.get('organization')) return undefined;
  return user.organization_id;
}

export function brandListQuery(f: BrandFilters, cursor: string | null | undefined, limit = BRAND_PAGE_SIZE): BrandListQuery {
  return { ...f, limit, cursor: cursor ?? undefined, count: true };
}
