import {
  FACTS,
  INTERVALS,
  type Fact,
  type Interval,
  type ProjectSeriesQuery,
  type StatisticsTableQuery,
} from '../../api/types';
import { FACT_KEYS, FILTER_KEYS, MAX_GROUP_BY, enumValues, factFilters, isEnumKey, type FilterKey, type GroupKey } from './facts';

// The explorer's whole query lives in the URL (?mode=rollup&fact=projects&group_by=province,assistance_type
// &year=2026&measure=planned_funds&sort=-count), so a copied link reopens the same table and chart.
// This module reads and writes it and turns it into the API's queries; it knows nothing of React.

export const MODES = ['rollup', 'series'] as const;
export type Mode = (typeof MODES)[number];

/** The filters as the URL holds them: raw values, checked (a code is six digits, a status one of the fact's). */
export type Filters = Partial<Record<FilterKey, string>>;

export interface Sort {
  /** A measure column's key. */
  key: string;
  desc: boolean;
}

export interface ExplorerState {
  mode: Mode;
  fact: Fact;
  /** Grouping keys in order, at most three, all of the fact's. */
  groupBy: GroupKey[];
  filters: Filters;
  /** The measure the chart shows; unset: the table's first measure. */
  measure?: string;
  /** The table's order by a measure (client side); unset: the server's order (by the keys). */
  sort?: Sort;
  interval: Interval;
  /** The series' first and last days, YYYY-MM-DD. */
  from: string;
  to: string;
}

export const DEFAULT_FACT: Fact = 'projects';
export const DEFAULT_GROUP_BY: readonly GroupKey[] = ['province'];
/** The filters the projects series takes (the rest of the URL's filters are the tables'). */
export const SERIES_FILTERS = ['province', 'county', 'key_county', 'assistance_type'] as const satisfies readonly FilterKey[];

/** Today in China (the server's day), YYYY-MM-DD. */
export function chinaToday(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** The series' default range: 1 January of last year to today. */
export function defaultRange(today: string): { from: string; to: string } {
  return { from: `${Number(today.slice(0, 4)) - 1}-01-01`, to: today };
}

function oneOf<T extends string>(values: readonly T[], raw: string | null): T | undefined {
  return values.find((v) => v === raw);
}

function isDate(raw: string | null): raw is string {
  if (!raw || !/^\d{4}-\d{2}-\d{2}$/.test(raw)) return false;
  const d = new Date(`${raw}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === raw;
}

/** A filter's value if it is one the key can take (for `status`, one of this fact's statuses). */
function filterValue(fact: Fact, key: FilterKey, raw: string | null): string | undefined {
  const v = raw?.trim();
  if (!v) return undefined;
  switch (key) {
    case 'year':
      return /^\d{4}$/.test(v) ? v : undefined;
    case 'province':
    case 'county':
      return /^\d{6}$/.test(v) ? v : undefined;
    case 'key_county':
      return v === 'true' || v === 'false' ? v : undefined;
    default:
      return isEnumKey(key) && enumValues(fact, key).includes(v) ? v : undefined;
  }
}

function groupKeys(fact: Fact, raw: readonly string[]): GroupKey[] {
  const own = FACT_KEYS[fact];
  const keys: GroupKey[] = [];
  for (const k of raw) {
    const key = own.find((o) => o === k.trim());
    if (key && !keys.includes(key)) keys.push(key);
  }
  return keys.slice(0, MAX_GROUP_BY);
}

/**
 * The state a URL holds; what it lacks or holds wrongly takes the default. An absent `group_by`
 * means the default (by province); an empty one (`group_by=`) means no grouping (the totals only).
 */
export function parseExplorer(p: URLSearchParams, today: string): ExplorerState {
  const fact = oneOf(FACTS, p.get('fact')) ?? DEFAULT_FACT;
  const groupByRaw = p.get('group_by');
  const filters: Filters = {};
  for (const key of FILTER_KEYS) {
    const v = filterValue(fact, key, p.get(key));
    if (v !== undefined) filters[key] = v;
  }
  const measure = p.get('measure');
  const sort = /^(-?)([a-z_]+)$/.exec(p.get('sort') ?? '');
  const range = defaultRange(today);
  return {
    mode: oneOf(MODES, p.get('mode')) ?? 'rollup',
    fact,
    groupBy: groupByRaw === null ? [...DEFAULT_GROUP_BY] : groupKeys(fact, groupByRaw.split(',')),
    filters,
    measure: measure && /^[a-z_]+$/.test(measure) ? measure : undefined,
    sort: sort ? { key: sort[2], desc: sort[1] === '-' } : undefined,
    interval: oneOf(INTERVALS, p.get('interval')) ?? 'month',
    from: isDate(p.get('from')) ? (p.get('from') as string) : range.from,
    to: isDate(p.get('to')) ? (p.get('to') as string) : range.to,
  };
}

/**
 * The URL of a state, every part spelled out in one order, so equal states give equal URLs. The
 * series' interval and range are left out of a roll-up's URL while they are the defaults.
 */
export function serializeExplorer(s: ExplorerState, today: string): URLSearchParams {
  const p = new URLSearchParams();
  p.set('mode', s.mode);
  p.set('fact', s.fact);
  p.set('group_by', s.groupBy.join(','));
  for (const key of FILTER_KEYS) {
    const v = s.filters[key];
    if (v !== undefined && v !== '') p.set(key, v);
  }
  if (s.measure) p.set('measure', s.measure);
  if (s.sort) p.set('sort', `${s.sort.desc ? '-' : ''}${s.sort.key}`);
  const range = defaultRange(today);
  if (s.mode === 'series' || s.interval !== 'month' || s.from !== range.from || s.to !== range.to) {
    p.set('interval', s.interval);
    p.set('from', s.from);
    p.set('to', s.to);
  }
  return p;
}

// ---- moves: what a control does to the state ---------------------------------------------------

/** Moves the explorer to a new state: a pick is a step Back can undo; typing and sorting replace it. */
export type Go = (next: ExplorerState, options?: { replace?: boolean }) => void;

/**
 * Another fact: its own grouping keys kept (or by province), its own filters kept but the status
 * (each fact has its own lifecycle), and the measure and order reset (each fact has its own measures).
 */
export function withFact(s: ExplorerState, fact: Fact): ExplorerState {
  const groupBy = groupKeys(fact, s.groupBy);
  const own = factFilters(fact);
  const filters: Filters = {};
  for (const [k, v] of Object.entries(s.filters) as [FilterKey, string][]) {
    if (own.includes(k) && k !== 'status') filters[k] = v;
  }
  return { ...s, fact, groupBy: groupBy.length > 0 ? groupBy : [...DEFAULT_GROUP_BY], filters, measure: undefined, sort: undefined };
}

export function withGroupBy(s: ExplorerState, keys: readonly string[]): ExplorerState {
  return { ...s, groupBy: groupKeys(s.fact, keys) };
}

/** One filter set or cleared; a new province clears the county (it may lie elsewhere). */
export function withFilter(s: ExplorerState, key: FilterKey, value: string | undefined): ExplorerState {
  const filters = { ...s.filters };
  const v = value === undefined ? undefined : filterValue(s.fact, key, value);
  if (v === undefined) delete filters[key];
  else filters[key] = v;
  if (key === 'province' && v !== s.filters.province) delete filters.county;
  return { ...s, filters };
}

// ---- the API's queries -------------------------------------------------------------------------

/** The table query of the state: the grouping and only the filters the fact takes. */
export function tableQuery(s: ExplorerState): StatisticsTableQuery {
  const q: StatisticsTableQuery = {};
  if (s.groupBy.length > 0) q.group_by = s.groupBy.join(',');
  for (const key of factFilters(s.fact)) {
    const v = s.filters[key];
    if (v === undefined) continue;
    if (key === 'year') q.year = Number(v);
    else if (key === 'key_county') q.key_county = v === 'true';
    else q[key] = v;
  }
  return q;
}

/** The projects series query of the state: interval, range and the series' own filters. */
export function seriesQuery(s: ExplorerState): ProjectSeriesQuery {
  const q: ProjectSeriesQuery = { interval: s.interval, from: s.from, to: s.to };
  const f = s.filters;
  if (f.province) q.province = f.province;
  if (f.county) q.county = f.county;
  if (f.key_county) q.key_county = f.key_county === 'true';
  if (f.assistance_type) q.assistance_type = f.assistance_type as ProjectSeriesQuery['assistance_type'];
  return q;
}
