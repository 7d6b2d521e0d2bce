import { describe, expect, it } from 'vitest';
import type { Nomination } from '../../api/types';
import { dimensionBarsOption, dimensionLines } from '../../components/evaluation/results';
import {
  filterNominations,
  nominationCounts,
  nominationReasonRequired,
  nomineePath,
  selectedOf,
  selectionFiltersFromSearch,
  selectionFiltersToSearch,
  selectionReasonRequired,
  subjectTypeOf,
} from './selectionLogic';

const nomination = (id: string, status: Nomination['status'], rank?: number): Nomination => ({
  id,
  selection_id: 's1',
  subject_id: `o-${id}`,
  subject_name: `组织${id}`,
  province_code: '510000',
  organization_id: `o-${id}`,
  reason: '成效突出',
  nominated_by: '省级',
  status,
  decision_reason: '',
  result: rank ? { rank, total: 90 - rank, subjects: 10 } : null,
  allowed_transitions: [],
  created_at: '2025-01-01T00:00:00Z',
  updated_at: '2025-01-01T00:00:00Z',
});

describe('a selection’s rules', () => {
  it('nominates organizations or brands, each opening its own page', () => {
    expect(subjectTypeOf('outstanding_organization')).toBe('organization');
    expect(subjectTypeOf('well_known_brand')).toBe('brand');
    expect(nomineePath('outstanding_organization', 'o1')).toBe('/organizations/o1');
    expect(nomineePath('well_known_brand', 'b1')).toBe('/brands/b1');
  });

  it('asks a reason to decide or undo, not to withdraw; to reopen nominations, not to close or publish', () => {
    expect(nominationReasonRequired('selected')).toBe(true);
    expect(nominationReasonRequired('not_selected')).toBe(true);
    expect(nominationReasonRequired('nominated')).toBe(true);
    expect(nominationReasonRequired('withdrawn')).toBe(false);
    expect(selectionReasonRequired('reviewing', 'nominating')).toBe(true);
    expect(selectionReasonRequired('nominating', 'reviewing')).toBe(false);
    expect(selectionReasonRequired('reviewing', 'published')).toBe(false);
  });

  it('filters and counts the board’s nominations, the withdrawn apart', () => {
    const items = [nomination('1', 'nominated'), nomination('2', 'selected'), nomination('3', 'withdrawn'), nomination('4', 'not_selected')];
    expect(filterNominations(items, 'all').map((n) => n.id)).toEqual(['1', '2', '4']);
    expect(filterNominations(items, 'undecided').map((n) => n.id)).toEqual(['1']);
    expect(filterNominations(items, 'withdrawn').map((n) => n.id)).toEqual(['3']);
    expect(nominationCounts(items)).toEqual({ all: 3, undecided: 1, selected: 1, not_selected: 1, withdrawn: 1 });
  });

  it('lists the selected by their rank in the round, the unranked last', () => {
    const items = [nomination('a', 'selected'), nomination('b', 'selected', 3), nomination('c', 'not_selected', 1), nomination('d', 'selected', 1)];
    expect(selectedOf(items).map((n) => n.id)).toEqual(['d', 'b', 'a']);
  });

  it('keeps the list’s filters in the URL, ignoring what is not a filter', () => {
    const f = selectionFiltersFromSearch(new URLSearchParams('year=2025&kind=well_known_brand&status=bogus&x=1'));
    expect(f).toEqual({ year: 2025, kind: 'well_known_brand' });
    expect(selectionFiltersToSearch(f).toString()).toBe('year=2025&kind=well_known_brand');
    expect(selectionFiltersFromSearch(new URLSearchParams('year=1999'))).toEqual({});
  });
});

describe('a result beside the round’s medians', () => {
  it('lines each dimension up with its median, rounded to 0.1', () => {
    const lines = dimensionLines({
      breakdown: {
        total: 81.25,
        flags: [],
        dimensions: [
          { code: 'd1', name: '帮扶成效', weight: 60, score: 85.04, points: 51.02, indicators: [] },
          { code: 'd2', name: '组织治理', weight: 40, score: 75.55, points: 30.22, indicators: [] },
        ],
      },
      medians: { d1: 70.26 },
    });
    expect(lines).toEqual([
      { code: 'd1', name: '帮扶成效', weight: 60, score: 85, median: 70.3, points: 51 },
      { code: 'd2', name: '组织治理', weight: 40, score: 75.6, median: null, points: 30.2 },
    ]);
    const option = dimensionBarsOption(lines, { subject: '本对象', median: '中位数' }) as { series: { data: number[] }[] };
    expect(option.series[0].data).toEqual([85, 75.6]);
    expect(option.series[1].data).toEqual([70.3, 0]);
  });
});
