import { ASSISTANCE_TYPES, CHANNELS, PAIRING_STATUSES, type PairingListQuery } from '../../api/types';

export const PAIRING_PAGE_SIZE = 20;

export type PairingFilters = Omit<PairingListQuery, 'cursor' | 'limit' | 'count'>;

function oneOf<T extends string>(values: readonly T[], raw: string | null): T | undefined {
  return values.find((v) => v === raw);
}

/** ?county=513431&status=active&review_flag=true — the list view in the URL. */
export function filtersFromSearch(p: URLSearchParams): PairingFilters {
  const f: PairingFilters = {
    county: p.get('county')?.trim() || undefined,
    province: p.get('province')?.trim() || undefined,
    organization: p.get('organization')?.trim() || undefined,
    status: oneOf(PAIRING_STATUSES, p.get('status')),
    assistance_type: oneOf(ASSISTANCE_TYPES, p.get('assistance_type')),
    channel: oneOf(CHANNELS, p.get('channel')),
    review_flag: p.get('review_flag') === 'true' ? true : undefined,
  };
  return Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined)) as PairingFilters;
}

export function filtersToSearch(f: PairingFilters): URLSearchParams {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v !== undefined && v !== null && v !== '' && v !== false) p.set(k, String(v));
  return p;
}

export function pairingListQuery(f: PairingFilters, cursor: string | null | undefined, limit = PAIRING_PAGE_SIZE): PairingListQuery {
  return { ...f, limit, cursor: cursor ?? undefined, count: true };
}
