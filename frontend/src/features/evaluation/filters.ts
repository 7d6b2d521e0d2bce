import {
  FRAMEWORK_STATUSES,
  ROUND_STATUSES,
  SUBJECT_TYPES,
  type FrameworkListQuery,
  type ResultListQuery,
  type RoundListQuery,
} from '../../api/types';

// The lists' filters as the URL holds them (?status=active&subject_type=brand), so a copied link
// reopens the same view.

function oneOf<T extends string>(values: readonly T[], raw: string | null): T | undefined {
  return values.find((v) => v === raw);
}

function text(p: URLSearchParams, key: string): string | undefined {
  return p.get(key)?.trim() || undefined;
}

function defined<T extends object>(f: T): T {
  return Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined)) as T;
}

/** Any filters back into the URL; unset, empty and false ones are left out. */
function toSearch(f: object): URLSearchParams {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v !== undefined && v !== null && v !== '' && v !== false) p.set(k, String(v));
  return p;
}

export type FrameworkFilters = Pick<FrameworkListQuery, 'status' | 'subject_type'>;

export function frameworkFilters(p: URLSearchParams): FrameworkFilters {
  return defined({ status: oneOf(FRAMEWORK_STATUSES, p.get('status')), subject_type: oneOf(SUBJECT_TYPES, p.get('subject_type')) });
}

export const frameworkSearch = (f: FrameworkFilters) => toSearch(f);

export type RoundFilters = Pick<RoundListQuery, 'status' | 'subject_type' | 'year'>;

export function roundFilters(p: URLSearchParams): RoundFilters {
  const year = Number(p.get('year'));
  return defined({
    status: oneOf(ROUND_STATUSES, p.get('status')),
    subject_type: oneOf(SUBJECT_TYPES, p.get('subject_type')),
    year: Number.isInteger(year) && year >= 2021 && year <= 2100 ? year : undefined,
  });
}

export const roundSearch = (f: RoundFilters) => toSearch(f);

/** The ranking's filters, under the round page's own keys (`tab`) in the URL. */
export type ResultFilters = Pick<ResultListQuery, 'province' | 'q' | 'flagged'>;

export function resultFilters(p: URLSearchParams): ResultFilters {
  return defined({ province: text(p, 'province'), q: text(p, 'q'), flagged: p.get('flagged') === 'true' ? true : undefined });
}

/** The round page's URL with new ranking filters, keeping its other keys (the open tab). */
export function withResultFilters(p: URLSearchParams, f: ResultFilters): URLSearchParams {
  const next = new URLSearchParams(p);
  for (const k of ['province', 'q', 'flagged']) next.delete(k);
  for (const [k, v] of toSearch(f)) next.set(k, v);
  return next;
}
