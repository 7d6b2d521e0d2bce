import { describe, expect, it } from 'vitest';
import type { ReportFigure, ReportSections } from '../../api/types';
import i18n from '../../i18n';
import { canReadYearEndBoard, canReadYearEndReports, canWriteYearEndReports } from '../../session/roles';
import { filtersFromSearch, filtersToSearch, reportListQuery, yearParam } from './reportFilters';
import {
  boardCounts,
  boardState,
  boardStateKey,
  diffLines,
  figureRows,
  htmlToLines,
  inlineDiff,
  missingDepartments,
  normalizeSectionHtml,
  orderedMoves,
  reasonRequired,
  remindable,
  reportYearNow,
  returnComments,
  sameValue,
  sectionOfField,
  sectionsPatch,
  versionChanges,
  withInlineChanges,
} from './reportLogic';

const zh = i18n.getFixedT('zh-CN');
const en = i18n.getFixedT('en');

const opened: ReportSections = {
  work: '<p>全省 120 家社会组织参与帮扶</p>',
  results: '<p>落地项目 36 个</p>',
  practices: '',
  problems: '',
  next_steps: '',
};

describe('saving the sections: a merge patch of what changed', () => {
  it('sends only the sections typed into that differ from what was read', () => {
    expect(
      sectionsPatch({ work: '<p>全省 120 家社会组织参与帮扶</p>', results: '<p>落地项目 38 个</p>', practices: '<p>“组织+合作社”</p>' }, opened),
    ).toEqual({ sections: { results: '<p>落地项目 38 个</p>', practices: '<p>“组织+合作社”</p>' } });
  });

  it('sends nothing when nothing changed, an emptied editor as an empty section', () => {
    expect(sectionsPatch({}, opened)).toBeNull();
    // an empty editor holds an empty paragraph: no change to an empty section
    expect(sectionsPatch({ problems: '<p><br></p>', next_steps: '<br>' }, opened)).toBeNull();
    expect(sectionsPatch({ results: '<p><br></p>' }, opened)).toEqual({ sections: { results: '' } });
  });

  it('reads an editor left empty as empty, anything else as typed', () => {
    expect(normalizeSectionHtml('<p><br></p><p></p>')).toBe('');
    expect(normalizeSectionHtml(' &nbsp; ')).toBe('');
    expect(normalizeSectionHtml('<p>甲</p>')).toBe('<p>甲</p>');
  });

  it('places a 422 under the section it names', () => {
    expect(sectionOfField('sections.results')).toBe('results');
    expect(sectionOfField('sections[next_steps]')).toBe('next_steps');
    expect(sectionOfField('sections.nowhere')).toBeUndefined();
    expect(sectionOfField('reason')).toBeUndefined();
  });
});

describe('signatures and moves', () => {
  it('names the departments still to sign', () => {
    expect(missingDepartments([])).toEqual(['rural_revitalization', 'civil_affairs']);
    expect(missingDepartments([{ department: 'civil_affairs' }])).toEqual(['rural_revitalization']);
    expect(missingDepartments([{ department: 'civil_affairs' }, { department: 'rural_revitalization' }])).toEqual([]);
  });

  it('orders the moves and asks a reason to return or reopen', () => {
    expect(orderedMoves(['returned', 'accepted'])).toEqual(['accepted', 'returned']);
    expect(orderedMoves(['submitted'])).toEqual(['submitted']);
    expect(reasonRequired('returned')).toBe(true);
    expect(reasonRequired('draft')).toBe(true);
    expect(reasonRequired('accepted')).toBe(false);
    expect(reasonRequired('submitted')).toBe(false);
    expect(zh('yearEnd.move.draft')).toBe('重新打开');
  });

  it('keeps only the sections commented on when returning', () => {
    expect(returnComments({ results: ' 请补充资金到位情况 ', work: '  ', problems: undefined })).toEqual({ results: '请补充资金到位情况' });
  });

  it('lets national admins and provincial officers read, officers write, national admins see the board', () => {
    expect(canReadYearEndReports('national_admin')).toBe(true);
    expect(canReadYearEndReports('provincial_officer')).toBe(true);
    for (const role of ['county_officer', 'org_member', 'evaluator', 'viewer'] as const) expect(canReadYearEndReports(role)).toBe(false);
    expect(canWriteYearEndReports('provincial_officer')).toBe(true);
    expect(canWriteYearEndReports('national_admin')).toBe(false);
    expect(canReadYearEndBoard('national_admin')).toBe(true);
    expect(canReadYearEndBoard('provincial_officer')).toBe(false);
  });
});

describe('the national board', () => {
  it('words each state', () => {
    const words = ['not_started', 'draft', 'signed_by_one', 'signed', 'submitted', 'returned', 'accepted'].map((s) => zh(boardStateKey(s)));
    expect(words).toEqual(['未开始', '草稿', '一方已签', '双方已签', '已报送', '已退回', '已接收']);
    expect(en(boardStateKey('signed_by_one'))).toBe('Signed by one');
    // a state the SPA does not know yet reads as not started rather than as a key
    expect(boardState('archived')).toBe('not_started');
  });

  it('counts every state, zero where the server left it out', () => {
    expect(boardCounts({ accepted: 2, draft: 1 })).toEqual([
      { state: 'not_started', count: 0 },
      { state: 'draft', count: 1 },
      { state: 'signed_by_one', count: 0 },
      { state: 'signed', count: 0 },
      { state: 'submitted', count: 0 },
      { state: 'returned', count: 0 },
      { state: 'accepted', count: 2 },
    ]);
  });

  it('reminds the provinces that have not submitted', () => {
    expect(remindable('not_started')).toBe(true);
    expect(remindable('returned')).toBe(true);
    expect(remindable('submitted')).toBe(false);
    expect(remindable('accepted')).toBe(false);
  });
});

describe('figures as submitted beside as they read now', () => {
  const fig = (key: string, value: string, kind = 'count'): ReportFigure => ({ key, value, kind, label_zh: key, label_en: key });

  it('shows no drift while the report is written (nothing frozen)', () => {
    const rows = figureRows(null, [fig('pairings_active', '12'), fig('funds_in_place', '1200.00', 'money')]);
    expect(rows.map((r) => [r.key, r.submitted, r.live, r.drift])).toEqual([
      ['pairings_active', null, '12', false],
      ['funds_in_place', null, '1200.00', false],
    ]);
  });

  it('marks a figure that changed since submission, one new and one no longer counted', () => {
    const rows = figureRows(
      [fig('pairings_active', '12'), fig('funds_in_place', '1200.5', 'money'), fig('old', '3')],
      [fig('pairings_active', '14'), fig('funds_in_place', '1200.50', 'money'), fig('new', '1')],
    );
    expect(rows.map((r) => [r.key, r.submitted, r.live, r.drift])).toEqual([
      ['pairings_active', '12', '14', true],
      ['funds_in_place', '1200.5', '1200.50', false],
      ['new', null, '1', true],
      ['old', '3', null, true],
    ]);
  });

  it('compares amounts, not their writing', () => {
    expect(sameValue('3', '3.00')).toBe(true);
    expect(sameValue('1200.5', '1200.50')).toBe(true);
    expect(sameValue('0.10', '0.1')).toBe(true);
    expect(sameValue('12', '120')).toBe(false);
  });
});

describe('版本对比: what a version changed', () => {
  it('reads a section’s HTML as lines of text', () => {
    expect(htmlToLines('<h3>一、概况</h3><p>甲 &amp; 乙<br>丙</p><ul><li>一</li><li>二</li></ul><blockquote>引</blockquote>')).toEqual([
      '一、概况',
      '甲 & 乙',
      '丙',
      '• 一',
      '• 二',
      '引',
    ]);
    expect(htmlToLines(null)).toEqual([]);
  });

  it('diffs lines: kept, removed and added', () => {
    expect(diffLines(['a', 'b', 'c'], ['a', 'x', 'c', 'd'])).toEqual([
      { kind: 'same', text: 'a' },
      { kind: 'removed', text: 'b' },
      { kind: 'added', text: 'x' },
      { kind: 'same', text: 'c' },
      { kind: 'added', text: 'd' },
    ]);
  });

  it('shows what changed inside an edited line', () => {
    expect(inlineDiff('落地项目 36 个', '落地项目 36 个，受益 3 万人')).toEqual({
      before: { prefix: '落地项目 36 个', changed: '', suffix: '' },
      after: { prefix: '落地项目 36 个', changed: '，受益 3 万人', suffix: '' },
    });
    // a line only removed (no counterpart) is struck through whole
    expect(withInlineChanges([{ kind: 'removed', text: 'a' }, { kind: 'same', text: 'b' }])).toEqual([
      { kind: 'removed', text: 'a' },
      { kind: 'same', text: 'b' },
    ]);
  });

  it('turns the server’s changes into a section diff and a figure before → after', () => {
    const changes = versionChanges(
      [
        { field: 'sections.results', label_zh: '主要成效', before: '<p>落地项目 36 个</p><p>资金到位</p>', after: '<p>落地项目 38 个</p><p>资金到位</p>' },
        { field: 'figures.funds_in_place', label_zh: '到位资金', before: '100.00', after: '250.00' },
      ],
      [{ key: 'funds_in_place', kind: 'money', value: '250.00', label_zh: '到位资金', label_en: 'Funds in place' }],
    );
    expect(changes).toEqual([
      {
        kind: 'section',
        key: 'results',
        section: 'results',
        label: '主要成效',
        diff: [
          { kind: 'removed', text: '落地项目 36 个', parts: { prefix: '落地项目 3', changed: '6', suffix: ' 个' } },
          { kind: 'added', text: '落地项目 38 个', parts: { prefix: '落地项目 3', changed: '8', suffix: ' 个' } },
          { kind: 'same', text: '资金到位' },
        ],
      },
      { kind: 'figure', key: 'funds_in_place', label: '到位资金', figureKind: 'money', before: '100.00', after: '250.00' },
    ]);
  });
});

describe('the list in the URL', () => {
  it('reads and writes the filters, dropping what the server would refuse', () => {
    const f = filtersFromSearch(new URLSearchParams('year=2026&status=returned&province=510000&junk=1'));
    expect(f).toEqual({ year: 2026, status: 'returned', province: '510000' });
    expect(filtersToSearch(f).toString()).toBe('year=2026&status=returned&province=510000');
    expect(filtersFromSearch(new URLSearchParams('year=1999&status=lost&province=51'))).toEqual({});
    expect(reportListQuery({ year: 2026 }, undefined, 20)).toEqual({ year: 2026, limit: 20, cursor: undefined, count: true });
    expect(yearParam('2030')).toBe(2030);
    expect(yearParam('20x0')).toBeUndefined();
  });

  it('writes the current year’s report by default', () => {
    expect(reportYearNow(new Date('2026-12-06T00:00:00Z'))).toBe(2026);
    expect(zh('yearEnd.write', { year: 2026 })).toBe('撰写 2026 年度报告');
  });
});
