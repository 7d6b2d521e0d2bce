import { describe, expect, it } from 'vitest';
import type { KeyCountyCoverage } from '../../api/types';
import { COVERAGE_COLORS, countyState, coverageRate, mapCounts, mapItems } from './coverageColors';

const county = (code: string, covered: boolean, province_code = '510000'): KeyCountyCoverage => ({
  code,
  name: `县${code}`,
  province_code,
  province_name: '四川省',
  covered,
  active_pairings: covered ? 2 : 0,
  flagged_pairings: 0,
});

const features = [
  { code: '513431', name: '昭觉县', province_code: '510000' },
  { code: '513432', name: '喜德县', province_code: '510000' },
  { code: '510104', name: '锦江区', province_code: '510000' },
  { code: '522327', name: '册亨县', province_code: '520000' },
];

describe('coverage colouring', () => {
  it('colours covered key counties green, uncovered red and the rest grey', () => {
    const byCode = new Map([county('513431', true), county('513432', false)].map((c) => [c.code, c]));
    expect(countyState('513431', byCode)).toBe('covered');
    expect(countyState('513432', byCode)).toBe('uncovered');
    expect(countyState('510104', byCode)).toBe('other');
    expect(COVERAGE_COLORS.covered).not.toBe(COVERAGE_COLORS.uncovered);
  });

  it('makes one item per boundary, named by county code, with its colour', () => {
    const items = mapItems(features, [county('513431', true), county('513432', false), county('522327', false, '520000')]);
    expect(items.map((i) => [i.name, i.state, i.itemStyle.areaColor])).toEqual([
      ['513431', 'covered', COVERAGE_COLORS.covered],
      ['513432', 'uncovered', COVERAGE_COLORS.uncovered],
      ['510104', 'other', COVERAGE_COLORS.other],
      ['522327', 'uncovered', COVERAGE_COLORS.uncovered],
    ]);
    expect(items[0]).toMatchObject({ county: '县513431', activePairings: 2 });
    expect(items[2].county).toBe('锦江区');
  });

  it('keeps one province when asked and counts what is shown', () => {
    const items = mapItems(features, [county('513431', true), county('522327', false, '520000')], '520000');
    expect(items.map((i) => i.name)).toEqual(['522327']);
    expect(mapCounts(mapItems(features, [county('513431', true), county('513432', false)]))).toEqual({
      covered: 1,
      uncovered: 1,
      other: 2,
    });
  });

  it('formats the coverage rate', () => {
    expect(coverageRate(136, 160)).toBe('85.0%');
    expect(coverageRate(0, 0)).toBe('—');
  });
});
