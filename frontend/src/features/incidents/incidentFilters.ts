import { INCIDENT_KINDS, INCIDENT_STATUSES, SEVERITIES, type IncidentListQuery } from '../../api/types';

export const INCIDENT_PAGE_SIZE = 20;

/** The list view in the URL (?open=true&severity=high&kind=safety&q=…&organization=…). */
export type IncidentFilters = Omit<IncidentListQuery, 'cursor' | 'limit' | 'count'>;

/** 全部 / 未结 (reported or handling) / 已结 (resolved or closed): the `open` filter. */
export type IncidentScope = 'all' | 'open' | 'done';

function oneOf<T extends string>(values: readonly T[], raw: string | null): T | undefined {
  return values.find((v) => v === raw);
}

function text(p: URLSearchParams, key: string): string | undefined {
  return p.get(key)?.trim() || undefined;
}

export function filtersFromSearch(p: URLSearchParams): IncidentFilters {
  const open = p.get('open');
  const f: IncidentFilters = {
    q: text(p, 'q'),
    open: open === 'true' ? true : open === 'false' ? false : undefined,
    status: oneOf(INCIDENT_STATUSES, p.get('status')),
    severity: oneOf(SEVERITIES, p.get('severity')),
    kind: oneOf(INCIDENT_KINDS, p.get('kind')),
    province: text(p, 'province'),
    county: text(p, 'county'),
    organization: text(p, 'organization'),
    project: text(p, 'project'),
  };
  return Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined)) as IncidentFilters;
}

export function filtersToSearch(f: IncidentFilters): URLSearchParams {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v !== undefined && v !== null && v !== '') p.set(k, String(v));
  return p;
}

export function scopeOf(f: IncidentFilters): IncidentScope {
  return f.open === true ? 'open' : f.open === false ? 'done' : 'all';
}

/** The filters with a scope chosen: a status outside it is dropped, as it could match nothing. */
export function withScope(f: IncidentFilters, scope: IncidentScope): IncidentFilters {
  const open = scope === 'open' ? true : scope === 'done' ? false : undefined;
  const fits = !f.status || open === undefined || (f.status === 'reported' || f.status === 'handling') === open;
  return { ...f, open, status: fits ? f.status : undefined };
}

export function incidentListQuery(f: IncidentFilters, cursor: string | null | undefined, limit = INCIDENT_PAGE_SIZE): IncidentListQuery {
  return { ...f, limit, cursor: cursor ?? undefined, count: true };
}

/** Whether the list is narrowed by anything (for its empty text). */
export function isFiltered(f: IncidentFilters): boolean {
  return Object.keys(f).length > 0;
}
