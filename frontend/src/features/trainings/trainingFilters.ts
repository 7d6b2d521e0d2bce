import { ORGANIZER_LEVELS, TRAINING_STATUSES, type TrainingListQuery } from '../../api/types';

export const TRAINING_PAGE_SIZE = 20;

/** The years the server takes (its dates are within 2000–2100). */
const FIRST_YEAR = 2000;
const LAST_YEAR = 2100;

/** The list view in the URL (?year=2026&level=provincial&status=held&q=…&organization=…). */
export type TrainingFilters = Omit<TrainingListQuery, 'cursor' | 'limit' | 'count'>;

function oneOf<T extends string>(values: readonly T[], raw: string | null): T | undefined {
  return values.find((v) => v === raw);
}

function text(p: URLSearchParams, key: string): string | undefined {
  return p.get(key)?.trim() || undefined;
}

function year(raw: string | null): number | undefined {
  if (!raw || !/^\d{4}$/.test(raw.trim())) return undefined;
  const y = Number(raw);
  return y >= FIRST_YEAR && y <= LAST_YEAR ? y : undefined;
}

export function filtersFromSearch(p: URLSearchParams): TrainingFilters {
  const f: TrainingFilters = {
    q: text(p, 'q'),
    year: year(p.get('year')),
    level: oneOf(ORGANIZER_LEVELS, p.get('level')),
    status: oneOf(TRAINING_STATUSES, p.get('status')),
    province: text(p, 'province'),
    organization: text(p, 'organization'),
  };
  return Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined)) as TrainingFilters;
}

export function filtersToSearch(f: TrainingFilters): URLSearchParams {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v !== undefined && v !== null && v !== '') p.set(k, String(v));
  return p;
}

export function trainingListQuery(f: TrainingFilters, cursor: string | null | undefined, limit = TRAINING_PAGE_SIZE): TrainingListQuery {
  return { ...f, limit, cursor: cursor ?? undefined, count: true };
}

/** The years the year filter offers: next year back to a decade ago, and the one in the URL. */
export function yearOptions(thisYear: number, chosen?: number): number[] {
  const years = Array.from({ length: 12 }, (_, i) => thisYear + 1 - i);
  if (chosen !== undefined && !years.includes(chosen)) years.push(chosen);
  return years.sort((a, b) => b - a);
}
