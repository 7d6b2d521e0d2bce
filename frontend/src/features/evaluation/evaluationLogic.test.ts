import { describe, expect, it } from 'vitest';
import { frameworkKeys, roundKeys, userKeys } from '../../api/queryKeys';
import type { Assignment, IndicatorResult, SubjectResult } from '../../api/types';
import { frameworkFilters, resultFilters, roundFilters, withResultFilters } from './filters';
import {
  addsUp,
  allEqual,
  computedFormula,
  expertFormula,
  flaggedNames,
  flagOf,
  formatScore,
  keptScores,
  pointsFormula,
  radarOption,
  totalFormula,
} from './resultLogic';
import {
  filtersFor,
  frameworkReasonRequired,
  groupBySubject,
  hasResults,
  roundFormFieldOf,
  roundReasonRequired,
  roundTransitionKey,
  scoringCounts,
  scoringPercent,
  toNewRound,
  wizardStepOf,
} from './roundLogic';

const fmt = (n: number | null | undefined) => formatScore(n);

function indicator(over: Partial<IndicatorResult>): IndicatorResult {
  return { code: 'i', name: 'i', weight: 100, method: 'computed', scores: [], spread_flag: false, score: 0, points: 0, ...over };
}

describe('round moves', () => {
  it('need a reason only to reopen a closed round, or to retire a framework', () => {
    expect(roundReasonRequired('closed', 'scoring')).toBe(true);
    expect(roundReasonRequired('draft', 'scoring')).toBe(false);
    expect(roundReasonRequired('scoring', 'closed')).toBe(false);
    expect(frameworkReasonRequired('retired')).toBe(true);
    expect(frameworkReasonRequired('active')).toBe(false);
  });

  it('are labelled by where they go from where', () => {
    expect(roundTransitionKey('draft', 'scoring')).toBe('evaluation.round.move.open');
    expect(roundTransitionKey('closed', 'scoring')).toBe('evaluation.round.move.reopen');
    expect(roundTransitionKey('scoring', 'closed')).toBe('evaluation.round.move.closed');
    expect(roundTransitionKey('closed', 'published')).toBe('evaluation.round.move.published');
  });

  it('have results once closed', () => {
    expect(['draft', 'scoring', 'closed', 'published'].map((s) => hasResults(s as never))).toEqual([false, false, true, true]);
  });
});

describe('the round wizard', () => {
  it('offers each subject type its own filters', () => {
    expect(filtersFor('organization')).toEqual(['active_pairing', 'all', 'listed']);
    expect(filtersFor('brand')).toEqual(['recognized', 'all', 'listed']);
    expect(filtersFor('province')).toEqual(['key_county_provinces', 'all', 'listed']);
    expect(filtersFor(undefined)).toEqual([]);
  });

  it('sends the listed subjects only with `listed`', () => {
    const base = { framework_id: 'f1', name: ' 2025 年度评估 ', year: 2025, period: ['2025-01-01', '2025-12-31'] as [string, string], min_evaluators: 3, public_top: 5 };
    const subjects = [{ value: 'o1', label: '甲' }, { value: 'o2', label: '乙' }];
    expect(toNewRound({ ...base, subject_filter: 'listed', subjects })).toEqual({
      framework_id: 'f1',
      name: '2025 年度评估',
      year: 2025,
      period_start: '2025-01-01',
      period_end: '2025-12-31',
      subject_filter: 'listed',
      subject_ids: ['o1', 'o2'],
      min_evaluators: 3,
      public_top: 5,
    });
    expect(toNewRound({ ...base, subject_filter: 'all', subjects })).not.toHaveProperty('subject_ids');
  });

  it('takes a server error back to its step and field', () => {
    expect(wizardStepOf('framework_id')).toBe(0);
    expect(wizardStepOf('period_end')).toBe(1);
    expect(wizardStepOf('subject_ids')).toBe(2);
    expect(wizardStepOf('min_evaluators')).toBe(3);
    expect(roundFormFieldOf('period_start')).toBe('period');
    expect(roundFormFieldOf('subject_ids')).toBe('subjects');
    expect(roundFormFieldOf('name')).toBe('name');
  });
});

describe('progress and assignments', () => {
  it('count the submitted sheets as a percentage', () => {
    expect(scoringPercent({ assignments: 12, submitted: 9 })).toBe(75);
    expect(scoringPercent({ assignments: 0, submitted: 0 })).toBe(0);
    expect(scoringPercent({ assignments: 3, submitted: 1 })).toBe(33);
  });

  it('group by subject in the server’s order, counting the experts who still count', () => {
    const a = (id: string, subject: string, status: Assignment['status']) =>
      ({ id, subject_id: subject, subject_name: subject.toUpperCase(), status, evaluator_name: id }) as Assignment;
    const groups = groupBySubject([a('1', 's1', 'submitted'), a('2', 's1', 'withdrawn'), a('3', 's2', 'assigned'), a('4', 's1', 'assigned'), a('5', 's2', 'recused')]);
    expect(groups.map((g) => [g.subject_id, g.subject_name, g.assignments.map((x) => x.id).join(), g.active, g.submitted])).toEqual([
      ['s1', 'S1', '1,2,4', 2, 1],
      ['s2', 'S2', '3,5', 1, 0],
    ]);
  });
});

describe('an explained result', () => {
  it('shows how a figure was normalized min–max, or against a target', () => {
    expect(computedFormula(indicator({ raw: 30, normalization: 'min_max', min: 10, max: 50, score: 50 }), fmt)).toBe('(30 − 10) ÷ (50 − 10) × 100 = 50');
    expect(computedFormula(indicator({ raw: 2, normalization: 'target', target: 5, score: 40 }), fmt)).toBe('2 ÷ 5 × 100 = 40');
    expect(computedFormula(indicator({ raw: 8, normalization: 'target', target: 5, score: 100 }), fmt)).toBe('min(8 ÷ 5 × 100, 100) = 100');
    // every subject equal: no range to spread over
    expect(computedFormula(indicator({ raw: 3, normalization: 'min_max', min: 3, max: 3, score: 100 }), fmt)).toBe('3 → 100');
    expect(allEqual(indicator({ normalization: 'min_max', min: 0, max: 0 }))).toBe(true);
    expect(allEqual(indicator({ normalization: 'target', target: 5 }))).toBe(false);
    expect(computedFormula(indicator({ raw: 5060495.4, normalization: 'min_max', min: 0, max: 5060495.4, score: 100 }), fmt)).toBe(
      '(5,060,495.4 − 0) ÷ (5,060,495.4 − 0) × 100 = 100',
    );
  });

  it('shows which experts’ scores were kept and how they were averaged', () => {
    const scores = [95, 55, 80].map((score, k) => ({ evaluator: `专家 ${k + 1}`, score, comment: '' }));
    const trimmed = indicator({ method: 'expert', scores, aggregation: 'trimmed_mean', score: 80 });
    expect(keptScores(trimmed)).toEqual({ kept: [80], dropped: [55, 95] });
    expect(expertFormula(trimmed, fmt)).toBe('(80) ÷ 1 = 80');
    const mean = indicator({ method: 'expert', scores: scores.slice(0, 2), aggregation: 'mean', score: 75 });
    expect(keptScores(mean)).toEqual({ kept: [55, 95], dropped: [] });
    expect(expertFormula(mean, fmt)).toBe('(55 + 95) ÷ 2 = 75');
    expect(expertFormula(indicator({ method: 'expert', scores: [], score: 0 }), fmt)).toBe('— → 0');
  });

  it('adds points up to the dimension and the total', () => {
    expect(pointsFormula({ score: 80, weight: 20, points: 16 }, fmt)).toBe('80 × 20 ÷ 100 = 16');
    expect(totalFormula([{ name: '成效', points: 39.6 }, { name: '建设', points: 34 }], 73.6, fmt)).toBe('成效 39.6 + 建设 34 = 73.6');
    expect(addsUp([39.6, 34], 73.6)).toBe(true);
    expect(addsUp([33.33, 33.33, 33.33], 100)).toBe(true);
    expect(addsUp([39.6, 34], 74)).toBe(false);
  });

  it('flags a wide spread or a missing expert score, and names flagged codes', () => {
    expect(flagOf(indicator({ method: 'expert', scores: [], spread_flag: false }))).toBe('unscored');
    expect(flagOf(indicator({ method: 'expert', scores: [{ evaluator: 'a', score: 1, comment: '' }], spread_flag: true }))).toBe('spread');
    expect(flagOf(indicator({ method: 'computed' }))).toBeNull();
    const tree = { dimensions: [{ code: 'D1', name: 'd', weight: 100, indicators: [{ code: 'I3', name: '项目质量', weight: 100, method: 'expert' as const, rubric: [] }] }] };
    expect(flaggedNames(['I3', 'X'], tree)).toEqual(['项目质量', 'X']);
  });

  it('draws a radar from three dimensions on, bars below that', () => {
    const result = (n: number) =>
      ({
        medians: { D1: 50 },
        breakdown: { total: 0, flags: [], dimensions: Array.from({ length: n }, (_, k) => ({ code: `D${k + 1}`, name: `d${k}`, weight: 0, score: 60, points: 0, indicators: [] })) },
      }) as unknown as SubjectResult;
    const radar = radarOption(result(3), { subject: '甲', median: '中位数' }) as { series: { type: string; data: { value: number[] }[] }[] };
    expect(radar.series[0].type).toBe('radar');
    expect(radar.series[0].data[1].value).toEqual([50, 0, 0]);
    const bars = radarOption(result(2), { subject: '甲', median: '中位数' }) as { series: { type: string; data: number[] }[] };
    expect(bars.series.map((s) => s.type)).toEqual(['bar', 'bar']);
    expect(bars.series[1].data).toEqual([50, 0]);
  });
});

describe('filters in the URL', () => {
  it('read only known values', () => {
    expect(frameworkFilters(new URLSearchParams('status=active&subject_type=nope'))).toEqual({ status: 'active' });
    expect(roundFilters(new URLSearchParams('year=2025&status=closed'))).toEqual({ year: 2025, status: 'closed' });
    expect(roundFilters(new URLSearchParams('year=1999'))).toEqual({});
    expect(resultFilters(new URLSearchParams('q=%20基金会%20&flagged=true&tab=results'))).toEqual({ q: '基金会', flagged: true });
  });

  it('keep the round page’s tab when the ranking’s filters change', () => {
    const next = withResultFilters(new URLSearchParams('tab=results&q=甲'), { province: '510000' });
    expect(next.toString()).toBe('tab=results&province=510000');
  });
});

describe('query keys', () => {
  it('put every read of a round under the round, and the experts under the users', () => {
    const under = (prefix: readonly unknown[], key: readonly unknown[]) => expect(key.slice(0, prefix.length)).toEqual(prefix);
    under(roundKeys.detailAll('r1'), roundKeys.detail('r1'));
    under(roundKeys.detailAll('r1'), roundKeys.assignments('r1', { status: 'assigned' }));
    under(roundKeys.detailAll('r1'), roundKeys.results('r1', { q: '甲' }));
    under(roundKeys.detailAll('r1'), roundKeys.result('r1', 's1'));
    under(roundKeys.all, roundKeys.list({}));
    under(frameworkKeys.all, frameworkKeys.detail('f1'));
    under(frameworkKeys.all, frameworkKeys.list({ lineage: 'f1' }));
    under(userKeys.all, roundKeys.evaluators(''));
  });
});

describe('scoring counts', () => {
  it('are the server\'s: active sheets, of which submitted, and the recused and withdrawn apart', () => {
    const progress = { subjects: 2, subjects_short_of_experts: 0, assignments: 4, submitted: 4, recused: 0, withdrawn: 1 };
    const c = scoringCounts(progress);
    expect(c).toEqual({ assignments: 4, submitted: 4, recused: 0, withdrawn: 1 });
    expect(scoringPercent(c)).toBe(100);
  });
});
