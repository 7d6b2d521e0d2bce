import { describe, expect, it } from 'vitest';
import type { Assignment, ScoringIndicator } from '../../api/types';
import {
  bandOf,
  commentRequired,
  formatFigure,
  initialScores,
  percent,
  readOnlyReason,
  roundProgress,
  scoreFieldErrors,
  subjectPath,
  toPutScores,
  orderFigures,
  unitKey,
} from './scoringLogic';
import { newTieRow, relationsOf, tieFieldErrors, tieRowsOf, toTies } from './ties';

const indicator = (code: string): ScoringIndicator => ({ code, name: code, dimension: '治理', weight: 50, method: 'expert', rubric: [] });

describe('the comment a score needs (the server’s rule, mirrored)', () => {
  it('asks for a comment below 60 and above 90, not at the edges', () => {
    expect(commentRequired(59)).toBe(true);
    expect(commentRequired(60)).toBe(false);
    expect(commentRequired(75)).toBe(false);
    expect(commentRequired(90)).toBe(false);
    expect(commentRequired(91)).toBe(true);
    expect(commentRequired(0)).toBe(true);
    expect(commentRequired(100)).toBe(true);
  });

  it('asks nothing of a score not given yet', () => {
    expect(commentRequired(null)).toBe(false);
    expect(commentRequired(undefined)).toBe(false);
  });
});

describe('the scoring form', () => {
  const indicators = [indicator('e1'), indicator('e2')];

  it('starts from the saved scores, every expert indicator present', () => {
    expect(initialScores({ indicators, scores: [{ indicator: 'e2', score: 88, comment: '扎实' }] })).toEqual({
      e1: { score: null, comment: '' },
      e2: { score: 88, comment: '扎实' },
    });
  });

  it('saves every indicator in the sheet’s order, blanks as null, comments trimmed', () => {
    expect(toPutScores(indicators, { e2: { score: 95, comment: '  成效突出 ' } })).toEqual([
      { indicator: 'e1', score: null, comment: '' },
      { indicator: 'e2', score: 95, comment: '成效突出' },
    ]);
  });

  it('places a save’s errors (by index) and a submission’s (by code) beside their indicators', () => {
    const { fields, rest } = scoreFieldErrors(
      [
        { field: 'scores[1].score', message: '评分为 0–100 的整数' },
        { field: 'scores[e1].comment', message: '低于 60 分或高于 90 分须填写评语' },
        { field: 'scores[e1].comment', message: '评语最多 5000 字' },
        { field: 'scores[0].indicator', message: '不是专家评分指标' },
        { field: 'scores', message: '其他' },
      ],
      ['e1', 'e2'],
    );
    expect(fields).toEqual([
      { name: ['e2', 'score'], errors: ['评分为 0–100 的整数'] },
      { name: ['e1', 'comment'], errors: ['低于 60 分或高于 90 分须填写评语', '评语最多 5000 字'] },
      { name: ['e1', 'score'], errors: ['不是专家评分指标'] },
    ]);
    expect(rest).toEqual([{ field: 'scores', message: '其他' }]);
  });

  it('finds the rubric band a score falls in', () => {
    const rubric = [
      { min: 0, max: 59, description: '较差' },
      { min: 60, max: 89, description: '良好' },
      { min: 90, max: 100, description: '优秀' },
    ];
    expect(bandOf(95, rubric)?.description).toBe('优秀');
    expect(bandOf(60, rubric)?.description).toBe('良好');
    expect(bandOf(null, rubric)).toBeUndefined();
  });

  it('says why a sheet is read-only', () => {
    const sheet = (status: Assignment['status'], round_status: Assignment['round_status'], editable = false) => ({ editable, assignment: { status, round_status } });
    expect(readOnlyReason(sheet('assigned', 'scoring', true))).toBeNull();
    expect(readOnlyReason(sheet('recused', 'scoring'))).toBe('recused');
    expect(readOnlyReason(sheet('submitted', 'closed'))).toBe('notScoring');
    expect(readOnlyReason(sheet('assigned', 'scoring'))).toBe('notYours');
  });
});

describe('the expert’s progress', () => {
  it('counts a round’s live assignments and those submitted', () => {
    const mine = [
      { round_id: 'r1', status: 'submitted' },
      { round_id: 'r1', status: 'assigned' },
      { round_id: 'r1', status: 'recused' },
      { round_id: 'r2', status: 'submitted' },
    ] as const;
    expect(roundProgress(mine, 'r1')).toEqual({ submitted: 1, total: 2 });
    expect(roundProgress(mine, 'r3')).toEqual({ submitted: 0, total: 0 });
    expect(percent(1, 2)).toBe(50);
    expect(percent(0, 0)).toBe(0);
  });
});

describe('the evidence pack', () => {
  it('links each kind of subject to its page', () => {
    expect(subjectPath('organization', 'o1')).toBe('/organizations/o1');
    expect(subjectPath('brand', 'b1')).toBe('/brands/b1');
    expect(subjectPath('province', '510000')).toBe('/provinces');
  });

  it('reads figures with their units', () => {
    expect(formatFigure(1234567.891, '元', 'zh-CN')).toBe('1,234,567.89');
    expect(formatFigure(66.67, '%', 'en')).toBe('66.67');
    expect(formatFigure(3, '个', 'zh-CN')).toBe('3');
    expect(unitKey('人')).toBe('people');
    expect(unitKey('家')).toBeUndefined();
  });

  it('lists the figures in the catalogue’s order, unknown ones last', () => {
    const figures = [{ metric: 'zeta' }, { metric: 'funds_in_place' }, { metric: 'active_pairings' }, { metric: 'alpha' }];
    expect(orderFigures(figures, ['active_pairings', 'funds_in_place']).map((f) => f.metric)).toEqual(['active_pairings', 'funds_in_place', 'alpha', 'zeta']);
  });
});

describe('the ties form', () => {
  it('offers the relations each kind takes', () => {
    expect(relationsOf('organization')).toEqual(['works_for', 'advises', 'donates']);
    expect(relationsOf('province')).toEqual(['works_in']);
    expect(newTieRow('province')).toEqual({ kind: 'province', relation: 'works_in', note: '' });
  });

  it('reads the declared ties into rows and writes them back', () => {
    const ties = [
      { kind: 'organization' as const, target_id: 'o1', target_name: '甲基金会', relation: 'advises' as const, note: '2023 年起' },
      { kind: 'province' as const, target_id: '510000', target_name: '四川省', relation: 'works_in' as const },
    ];
    const rows = tieRowsOf(ties);
    expect(rows[0].organization).toEqual({ value: 'o1', label: '甲基金会' });
    expect(rows[1].province).toBe('510000');
    expect(toTies(rows)).toEqual([
      { kind: 'organization', target_id: 'o1', relation: 'advises', note: '2023 年起' },
      { kind: 'province', target_id: '510000', relation: 'works_in', note: '' },
    ]);
  });

  it('puts a target’s error on the row’s organization or province', () => {
    const { fields, rest } = tieFieldErrors(
      [
        { field: 'ties[0].target_id', message: '找不到该组织或省份' },
        { field: 'ties[1].target_id', message: '找不到该组织或省份' },
        { field: 'ties[1].relation', message: '省份的关联为工作所在省份' },
        { field: 'ties', message: '最多申报 200 项关联' },
      ],
      [{ kind: 'organization' }, { kind: 'province' }],
    );
    expect(fields.map((f) => f.name)).toEqual([
      ['ties', 0, 'organization'],
      ['ties', 1, 'province'],
      ['ties', 1, 'relation'],
    ]);
    expect(rest).toHaveLength(1);
  });
});
