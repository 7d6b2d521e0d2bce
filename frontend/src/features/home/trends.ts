import type { ProjectPeriod, ProjectRollupRow } from '../../api/types';
import { inUnit, moneyUnitFor, type MoneyUnit } from '../../components/money';

// The dashboard's pure shaping: this year against last year month by month, and the top and
// bottom of a ranking by funds in place (money compared as decimal strings, never as floats).

const CST_OFFSET_MS = 8 * 3600 * 1000;

/** The year in China Standard Time, the clock every figure of the platform is dated by. */
export function chinaYear(now: Date = new Date()): number {
  return new Date(now.getTime() + CST_OFFSET_MS).getUTCFullYear();
}

/** The series to ask for: monthly, from 1 January of last year (to today, the server's default). */
export function seriesRange(year: number): { interval: 'month'; from: string } {
  return { interval: 'month', from: `${year - 1}-01-01` };
}

/** Two lines of twelve months; a month the series does not list yet (the future) is null, so the line stops. */
export interface YearPair {
  year: number;
  current: (number | null)[];
  previous: (number | null)[];
}

function monthsOf(periods: readonly ProjectPeriod[], year: number, value: (p: ProjectPeriod) => number): (number | null)[] {
  const byPeriod = new Map(periods.map((p) => [p.period, p]));
  return Array.from({ length: 12 }, (_, i) => {
    const p = byPeriod.get(`${year}-${String(i + 1).padStart(2, '0')}`);
    return p ? value(p) : null;
  });
}

export function yearOverYear(periods: readonly ProjectPeriod[], year: number, value: (p: ProjectPeriod) => number): YearPair {
  return { year, current: monthsOf(periods, year, value), previous: monthsOf(periods, year - 1, value) };
}

/** Nothing in either year (a new county, a new organization): the chart gives way to an empty state. */
export function isEmptyPair(pair: YearPair): boolean {
  return [...pair.current, ...pair.previous].every((v) => !v);
}

/** Landings confirmed per month, this year and last. */
export function landedByMonth(periods: readonly ProjectPeriod[], year: number): YearPair {
  return yearOverYear(periods, year, (p) => p.landed);
}

/** Funds put in place per month, in the unit the largest month of either year calls for. */
export function fundsByMonth(periods: readonly ProjectPeriod[], year: number): YearPair & { unit: MoneyUnit } {
  const shown = periods.filter((p) => p.period.startsWith(`${year}-`) || p.period.startsWith(`${year - 1}-`));
  const unit = moneyUnitFor(shown.map((p) => p.funds_in_place));
  return { ...yearOverYear(periods, year, (p) => inUnit(p.funds_in_place, unit)), unit };
}

/** The sum of one year's months (landings confirmed this year). */
export function sumOfYear(periods: readonly ProjectPeriod[], year: number, value: (p: ProjectPeriod) => number): number {
  return periods.filter((p) => p.period.startsWith(`${year}-`)).reduce((s, p) => s + value(p), 0);
}

// ---- ranking -----------------------------------------------------------------------------------

export interface RankItem {
  code: string;
  name: string;
  /** Funds in place, yuan as a decimal string. */
  amount: string;
  count: number;
}

/** Compares two non-negative decimal strings exactly ("1200.5" < "10000.00"). */
export function compareAmounts(a: string, b: string): number {
  const [ai = '0', af = ''] = a.trim().split('.');
  const [bi = '0', bf = ''] = b.trim().split('.');
  const aw = ai.replace(/^0+(?=\d)/, '');
  const bw = bi.replace(/^0+(?=\d)/, '');
  if (aw.length !== bw.length) return aw.length - bw.length;
  if (aw !== bw) return aw < bw ? -1 : 1;
  const fa = af.padEnd(2, '0');
  const fb = bf.padEnd(2, '0');
  return fa === fb ? 0 : fa < fb ? -1 : 1;
}

/**
 * The roll-up's rows by province or county, with the candidates it has no row for (the western
 * provinces, a province's key counties) at zero: a place without a project belongs at the bottom.
 */
export function rankItems(
  rows: readonly ProjectRollupRow[],
  by: 'province' | 'county',
  candidates: readonly { code: string; name: string }[] = [],
): RankItem[] {
  const items = new Map<string, RankItem>();
  for (const r of rows) {
    const code = by === 'province' ? r.province : r.county;
    if (!code) continue;
    const name = (by === 'province' ? r.province_name : r.county_name) ?? code;
    items.set(code, { code, name, amount: r.figures.funds_in_place, count: r.figures.count });
  }
  for (const c of candidates) if (!items.has(c.code)) items.set(c.code, { code: c.code, name: c.name, amount: '0.00', count: 0 });
  return [...items.values()];
}

/**
 * The first n by funds in place (largest first) and the last n (smallest first), never the same
 * place twice: with fewer than 2n places the bottom holds only those not already on top.
 */
export function topAndBottom(items: readonly RankItem[], n = 5): { top: RankItem[]; bottom: RankItem[] } {
  const sorted = [...items].sort((a, b) => compareAmounts(b.amount, a.amount) || a.code.localeCompare(b.code));
  const top = sorted.slice(0, n);
  const bottom = sorted
    .slice(Math.max(n, sorted.length - n))
    .sort((a, b) => compareAmounts(a.amount, b.amount) || a.code.localeCompare(b.code));
  return { top, bottom };
}
