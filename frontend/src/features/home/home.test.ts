import { describe, expect, it } from 'vitest';
import type { ProjectPeriod, ProjectRollupRow } from '../../api/types';
import { homeLayout, listLink, rankingLink, statusLink, type HomeLayout } from './tiles';
import { chinaYear, compareAmounts, fundsByMonth, isEmptyPair, landedByMonth, rankItems, seriesRange, sumOfYear, topAndBottom, type RankItem } from './trends';

const links = (tiles: HomeLayout['figures']) => Object.fromEntries(tiles.map((t) => [t.key, t.to]));

describe('the tiles and links of each role', () => {
  it('gives a national admin the national figures and the national to-dos, each opening its list', () => {
    const l = homeLayout({ role: 'national_admin' }, 2026);
    expect(l.scope).toBe('national');
    expect(l.area).toEqual({});
    expect(links(l.figures)).toEqual({
      coverage: '/coverage',
      activePairings: '/pairings?status=active',
      organizations: '/organizations?status=active',
      landedThisYear: '/projects?landed_year=2026',
      fundsInPlace: '/projects?sort=-funds_in_place',
      beneficiaries: '/projects',
    });
    expect(links(l.todo)).toEqual({
      stale: '/projects?stale=true',
      landingsToConfirm: '/projects?landing_declared=true',
      reviewPairings: '/pairings?review_flag=true',
      creditCodes: '/organizations?credit_code_to_confirm=true',
    });
    expect(l).toMatchObject({ ranking: 'province', map: true, funnel: true, byStatus: false, evaluatorNote: false });
  });

  it('counts a list tile with the very filters of the list it opens', () => {
    const l = homeLayout({ role: 'national_admin' }, 2026);
    const stale = l.todo.find((t) => t.key === 'stale');
    expect(stale?.source).toEqual({ kind: 'projects', filters: { province: undefined, stale: true } });
    expect(l.figures.find((t) => t.key === 'activePairings')?.source).toEqual({ kind: 'pairings', filters: { province: undefined, status: 'active' } });
    expect(l.figures.find((t) => t.key === 'fundsInPlace')?.source).toEqual({ kind: 'fundsInPlace', area: {} });
  });

  it('narrows a provincial officer’s overview to the province, ranked by county, without the credit codes', () => {
    const l = homeLayout({ role: 'provincial_officer', province_code: '520000' }, 2026);
    expect(l.scope).toBe('province');
    expect(l.area).toEqual({ province: '520000' });
    expect(links(l.figures)).toEqual({
      coverage: '/coverage?province=520000',
      activePairings: '/pairings?province=520000&status=active',
      organizations: '/organizations?province=520000&status=active',
      landedThisYear: '/projects?province=520000&landed_year=2026',
      fundsInPlace: '/projects?province=520000&sort=-funds_in_place',
      beneficiaries: '/projects?province=520000',
    });
    expect(links(l.todo)).toEqual({
      stale: '/projects?province=520000&stale=true',
      landingsToConfirm: '/projects?province=520000&landing_declared=true',
      reviewPairings: '/pairings?province=520000&review_flag=true',
    });
    expect(l.ranking).toBe('county');
    expect(l.figures.find((t) => t.key === 'coverage')?.source).toEqual({ kind: 'coverage', province: '520000' });
  });

  it('shows a county officer the county’s pairings, needs and projects, and what waits for the county', () => {
    const l = homeLayout({ role: 'county_officer', county_code: '530621', province_code: '530000' }, 2026);
    expect(l.scope).toBe('county');
    expect(l.area).toEqual({ county: '530621' });
    expect(links(l.figures)).toEqual({
      activePairings: '/pairings?county=530621&status=active',
      openNeeds: '/needs?county=530621&status=open',
      matchedNeeds: '/needs?county=530621&status=matched',
      landedThisYear: '/projects?county=530621&landed_year=2026',
      fundsInPlace: '/projects?county=530621&sort=-funds_in_place',
      beneficiaries: '/projects?county=530621',
    });
    expect(links(l.todo)).toEqual({
      landingsToConfirm: '/projects?county=530621&landing_declared=true',
      pairingsToConfirm: '/pairings?county=530621&status=accepted',
      stale: '/projects?county=530621&stale=true',
    });
    expect(l).toMatchObject({ ranking: null, map: false, funnel: false, byStatus: true });
    expect(statusLink(l, 'signed')).toBe('/projects?county=530621&status=signed');
  });

  it('shows an organization’s members its pairings, projects and brands, and its invitations to answer', () => {
    const l = homeLayout({ role: 'org_member', organization_id: 'org-1' }, 2026);
    expect(l.scope).toBe('organization');
    expect(l.area).toEqual({});
    expect(links(l.figures)).toEqual({
      activePairings: '/pairings?organization=org-1&status=active',
      projects: '/projects?organization=org-1',
      landedThisYear: '/projects?organization=org-1&landed_year=2026',
      fundsInPlace: '/projects?organization=org-1&sort=-funds_in_place',
      beneficiaries: '/projects?organization=org-1',
      brands: '/brands?organization=org-1',
    });
    // the lists show the invitations above their rows; the count is of the invitations only
    expect(links(l.todo)).toEqual({
      projectInvitations: '/projects',
      pairingInvitations: '/pairings',
      stale: '/projects?organization=org-1&stale=true',
    });
    expect(l.todo[0].source).toEqual({ kind: 'projects', filters: { awaiting_organization: 'org-1' } });
    expect(l.todo[1].source).toEqual({ kind: 'pairings', filters: { awaiting_organization: 'org-1' } });
    expect(statusLink(l, 'docking')).toBe('/projects?organization=org-1&status=docking');
  });

  it('gives evaluators and viewers the published national figures without to-dos; evaluators a note', () => {
    for (const role of ['viewer', 'evaluator'] as const) {
      const l = homeLayout({ role }, 2026);
      expect(l.scope).toBe('published');
      expect(l.todo).toEqual([]);
      expect(l.figures.map((t) => t.key)).toEqual(['coverage', 'activePairings', 'organizations', 'landedThisYear', 'fundsInPlace', 'beneficiaries']);
      expect(l.evaluatorNote).toBe(role === 'evaluator');
    }
  });

  it('builds list links from the set filters only', () => {
    expect(listLink('/projects', { county: '513431', stale: false, q: '', status: undefined })).toBe('/projects?county=513431');
    expect(listLink('/needs')).toBe('/needs');
    expect(rankingLink('province', '510000')).toBe('/projects?province=510000&sort=-funds_in_place');
    expect(rankingLink('county', '522327')).toBe('/projects?county=522327&sort=-funds_in_place');
  });
});

const period = (p: string, landed: number, funds: string): ProjectPeriod => ({ period: p, docked: 0, landed, funds_in_place: funds, beneficiaries_reached: 0 });

describe('this year against last year', () => {
  // the series runs from January of last year to today (March)
  const periods = [
    ...Array.from({ length: 12 }, (_, i) => period(`2025-${String(i + 1).padStart(2, '0')}`, i, `${(i + 1) * 10000}.00`)),
    period('2026-01', 3, '5000.00'),
    period('2026-02', 0, '0.00'),
    period('2026-03', 7, '250000.50'),
  ];

  it('lines up the months of both years and stops this year’s line at today', () => {
    const l = landedByMonth(periods, 2026);
    expect(l.year).toBe(2026);
    expect(l.previous).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(l.current).toEqual([3, 0, 7, null, null, null, null, null, null, null, null, null]);
  });

  it('puts the money of both years in the unit of the largest month', () => {
    const f = fundsByMonth(periods, 2026);
    expect(f.unit.labelKey).toBe('money.units.wan');
    expect(f.current.slice(0, 4)).toEqual([0.5, 0, 25, null]);
    expect(f.previous[11]).toBe(12);
    expect(fundsByMonth([period('2026-01', 0, '800.00')], 2026).unit.labelKey).toBe('money.units.yuan');
    expect(fundsByMonth([period('2026-01', 0, '312000000.00')], 2026).current[0]).toBe(3.12);
  });

  it('tells an empty pair of years from a quiet one', () => {
    expect(isEmptyPair(landedByMonth(periods, 2026))).toBe(false);
    expect(isEmptyPair(landedByMonth([period('2025-05', 0, '0.00'), period('2026-01', 0, '0.00')], 2026))).toBe(true);
    expect(isEmptyPair(landedByMonth([period('2025-05', 1, '0.00')], 2026))).toBe(false);
  });

  it('sums this year’s landings and asks for the series from January of last year', () => {
    expect(sumOfYear(periods, 2026, (p) => p.landed)).toBe(10);
    expect(sumOfYear(periods, 2024, (p) => p.landed)).toBe(0);
    expect(seriesRange(2026)).toEqual({ interval: 'month', from: '2025-01-01' });
  });

  it('reads the year on China’s clock', () => {
    expect(chinaYear(new Date('2025-12-31T16:30:00Z'))).toBe(2026);
    expect(chinaYear(new Date('2025-12-31T15:30:00Z'))).toBe(2025);
  });
});

const row = (code: string, name: string, funds: string, count = 1): ProjectRollupRow => ({
  province: code,
  province_name: name,
  figures: { count, planned_funds: '0.00', funds_in_place: funds, contract_amount: '0.00', beneficiaries_planned: 0, beneficiaries_reached: 0 },
});
const codes = (items: RankItem[]) => items.map((i) => i.code);

describe('top and bottom by funds in place', () => {
  it('compares amounts as decimal strings, exactly', () => {
    expect(compareAmounts('1200.5', '10000.00')).toBeLessThan(0);
    expect(compareAmounts('99999999999999999.99', '99999999999999999.98')).toBeGreaterThan(0);
    expect(compareAmounts('0100.10', '100.1')).toBe(0);
    expect(compareAmounts('5', '5.01')).toBeLessThan(0);
  });

  it('takes the five largest and the five smallest, never one place twice', () => {
    const items = rankItems(
      [
        row('510000', '四川省', '900.00'),
        row('520000', '贵州省', '12000.00'),
        row('530000', '云南省', '50.00'),
        row('450000', '广西壮族自治区', '3000.10'),
        row('500000', '重庆市', '3000.01'),
        row('150000', '内蒙古自治区', '7.00'),
        row('610000', '陕西省', '100000.00'),
      ],
      'province',
      [
        { code: '620000', name: '甘肃省' },
        { code: '510000', name: '四川省' },
      ],
    );
    expect(items).toHaveLength(8);
    expect(items.find((i) => i.code === '620000')).toEqual({ code: '620000', name: '甘肃省', amount: '0.00', count: 0 });
    const { top, bottom } = topAndBottom(items);
    expect(codes(top)).toEqual(['610000', '520000', '450000', '500000', '510000']);
    // the three left, smallest first
    expect(codes(bottom)).toEqual(['620000', '150000', '530000']);
  });

  it('shows only the top when there are five places or fewer, and nothing without any', () => {
    const few = rankItems([row('510000', '四川省', '1.00'), row('520000', '贵州省', '2.00')], 'province');
    expect(topAndBottom(few)).toEqual({ top: [few[1], few[0]], bottom: [] });
    expect(topAndBottom([])).toEqual({ top: [], bottom: [] });
  });

  it('ranks a province’s counties by their county code and name', () => {
    const items = rankItems(
      [{ county: '522327', county_name: '册亨县', figures: row('', '', '500.00', 2).figures }],
      'county',
      [{ code: '522326', name: '望谟县' }],
    );
    expect(items).toEqual([
      { code: '522327', name: '册亨县', amount: '500.00', count: 2 },
      { code: '522326', name: '望谟县', amount: '0.00', count: 0 },
    ]);
  });
});
