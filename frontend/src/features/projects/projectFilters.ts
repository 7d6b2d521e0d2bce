import { ASSISTANCE_TYPES, PROJECT_SORTS, PROJECT_STATUSES, type ProjectListQuery } from '../../api/types';

export const PROJECT_PAGE_SIZE = 20;

/** The list view in the URL (?county=513431&status=signed&stale=true&landing_declared=true&landed_year=2026&sort=-funds_in_place). */
export type ProjectFilters = Omit<ProjectListQuery, 'cursor' | 'limit' | 'count'>;

function oneOf<T extends string>(values: readonly T[], raw: string | null): T | undefined {
  return values.find((v) => v === raw);
}

function text(p: URLSearchParams, key: string): string | undefined {
  return p.get(key)?.trim() || undefined;
}

/** A year the API accepts (2021–2100), or nothing. */
function year(raw: string | null): number | undefined {
  const y = Number(raw);
  return raw && Number.isInteger(y) && y >= 2021 && y <= 2100 ? y : undefined;
}

export function filtersFromSearch(p: URLSearchParams): ProjectFilters {
  const f: ProjectFilters = {
    q: text(p, 'q'),
    province: text(p, 'province'),
    county: text(p, 'county'),
    organization: text(p, 'organization'),
    pairing: text(p, 'pairing'),
    campaign: text(p, 'campaign'),
    event: text(p, 'event'),
    status: oneOf(PROJECT_STATUSES, p.get('status')),
    assistance_type: oneOf(ASSISTANCE_TYPES, p.get('assistance_type')),
    stale: p.get('stale') === 'true' ? true : undefined,
    review_flag: p.get('review_flag') === 'true' ? true : undefined,
    // 待确认落地 (what waits for the county), linked from the home dashboard
    landing_declared: p.get('landing_declared') === 'true' ? true : undefined,
    // 本年落地 on the home dashboard: landings the county confirmed in that year
    landed_year: year(p.get('landed_year')),
    government_purchase: p.get('government_purchase') === 'true' ? true : undefined,
    sort: oneOf(PROJECT_SORTS, p.get('sort')),
  };
  return Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined)) as ProjectFilters;
}

export function filtersToSearch(f: ProjectFilters): URLSearchParams {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v !== undefined && v !== null && v !== '' && v !== false) p.set(k, String(v));
  return p;
}

export function projectListQuery(f: ProjectFilters, cursor: string | null | undefined, limit = PROJECT_PAGE_SIZE): ProjectListQuery {
  return { ...f, limit, cursor: cursor ?? undefined, count: true };
}
