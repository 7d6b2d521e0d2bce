import type { KeyCountyCoverage } from '../../api/types';

export type CountyState = 'covered' | 'uncovered' | 'other';

/** Covered key counties green, uncovered red, every other county grey. */
export const COVERAGE_COLORS: Record<CountyState, string> = {
  covered: '#52c41a',
  uncovered: '#f5222d',
  other: '#e8e8e8',
};

export interface CountyFeature {
  code: string;
  name: string;
  province_code: string;
}

export function countyState(code: string, byCode: ReadonlyMap<string, KeyCountyCoverage>): CountyState {
  const c = byCode.get(code);
  if (!c) return 'other';
  return c.covered ? 'covered' : 'uncovered';
}

export interface MapItem {
  name: string;
  county: string;
  state: CountyState;
  activePairings: number;
  itemStyle: { areaColor: string };
}

/**
 * One map region per county of the boundary file (regions are named by county code, since
 * names repeat across provinces), coloured by its coverage; a province code keeps one province.
 */
export function mapItems(features: readonly CountyFeature[], counties: readonly KeyCountyCoverage[], province?: string): MapItem[] {
  const byCode = new Map(counties.map((c) => [c.code, c]));
  return features
    .filter((f) => !province || f.province_code === province)
    .map((f) => {
      const state = countyState(f.code, byCode);
      return {
        name: f.code,
        county: byCode.get(f.code)?.name ?? f.name,
        state,
        activePairings: byCode.get(f.code)?.active_pairings ?? 0,
        itemStyle: { areaColor: COVERAGE_COLORS[state] },
      };
    });
}

/** Counts of what the map shows, for the legend and for tests (data attributes). */
export function mapCounts(items: readonly MapItem[]): Record<CountyState, number> {
  const counts: Record<CountyState, number> = { covered: 0, uncovered: 0, other: 0 };
  for (const i of items) counts[i.state] += 1;
  return counts;
}

/** "85.0%" — one decimal; "—" when there are no key counties in view. */
export function coverageRate(covered: number, keyCounties: number): string {
  if (keyCounties <= 0) return '—';
  return `${((covered / keyCounties) * 100).toFixed(1)}%`;
}
