import type { CountyListQuery } from '../../api/types';

export const COUNTY_PAGE_SIZE = 50;

export interface CountyFilters {
  province?: string;
  keyOnly: boolean;
  q?: string;
}

/** The counties view lives in the URL (?province=510000&key=1&q=昭觉) so a link reproduces it. */
export function filtersFromSearch(params: URLSearchParams): CountyFilters {
  const province = params.get('province')?.trim() || undefined;
  const q = params.get('q')?.trim() || undefined;
  const key = params.get('key');
  return { province, q, keyOnly: key === '1' || key === 'true' };
}

export function filtersToSearch(f: CountyFilters): URLSearchParams {
  const p = new URLSearchParams();
  if (f.province) p.set('province', f.province);
  if (f.keyOnly) p.set('key', '1');
  if (f.q) p.set('q', f.q);
  return p;
}

export function countyListQuery(f: CountyFilters, cursor: string | null | undefined, limit = COUNTY_PAGE_SIZE): CountyListQuery {
  return {
    province: f.province,
    key_county: f.keyOnly ? true : undefined,
    q: f.q,
    limit,
    cursor: cursor ?? undefined,
    count: true,
  };
}
