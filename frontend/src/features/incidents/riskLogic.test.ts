import { describe, expect, it } from 'vitest';
import i18n from '../../i18n';
import { incidentsLink, riskQueryFromSearch, riskReasons, severityRows, severityTotals } from './riskLogic';

const zh = i18n.getFixedT('zh-CN');

describe('a project’s risk reasons', () => {
  const none = { stale: false, not_landed: false, flagged: false, open_incidents: 0 };

  it('are every reason that applies, in one order', () => {
    expect(riskReasons({ ...none, flagged: true, open_incidents: 2 })).toEqual(['flagged', 'incidents']);
    expect(riskReasons({ stale: true, not_landed: true, flagged: true, open_incidents: 1 })).toEqual(['stale', 'not_landed', 'flagged', 'incidents']);
    expect(riskReasons(none)).toEqual([]);
  });

  it('read as the plan says them', () => {
    expect(['stale', 'not_landed', 'flagged', 'incidents'].map((r) => zh(`risks.reason.${r}`))).toEqual([
      '长期未更新',
      '签约超180天未落地',
      '已标记复核',
      '有未结事件',
    ]);
  });
});

describe('the open incidents by severity and age', () => {
  it('show every severity, the worst first, in buckets that add up', () => {
    // the server's 30-day count holds the 7-day one
    const rows = severityRows([
      { severity: 'low', total: 5, within_7_days: 1, within_30_days: 3, older: 2 },
      { severity: 'high', total: 2, within_7_days: 2, within_30_days: 2, older: 0 },
    ]);
    expect(rows).toEqual([
      { severity: 'critical', within7: 0, within30: 0, older: 0, total: 0 },
      { severity: 'high', within7: 2, within30: 0, older: 0, total: 2 },
      { severity: 'medium', within7: 0, within30: 0, older: 0, total: 0 },
      { severity: 'low', within7: 1, within30: 2, older: 2, total: 5 },
    ]);
    for (const r of rows) expect(r.within7 + r.within30 + r.older).toBe(r.total);
    expect(severityTotals(rows)).toEqual({ within7: 3, within30: 2, older: 2, total: 7 });
  });
});

describe('the risk view’s area', () => {
  const p = new URLSearchParams('province=510000&county=513431');

  it('is narrowed as far as the role may', () => {
    expect(riskQueryFromSearch(p, 'national_admin')).toEqual({ province: '510000', county: '513431' });
    expect(riskQueryFromSearch(p, 'provincial_officer')).toEqual({ county: '513431' });
    expect(riskQueryFromSearch(p, 'county_officer')).toEqual({});
    expect(riskQueryFromSearch(new URLSearchParams(), 'national_admin')).toEqual({});
  });

  it('carries into the incidents list', () => {
    expect(incidentsLink({ province: '510000' }, { open: 'true', severity: 'high' })).toBe('/incidents?province=510000&open=true&severity=high');
    expect(incidentsLink({}, { organization: 'o1' })).toBe('/incidents?organization=o1');
  });
});
