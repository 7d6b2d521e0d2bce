import { describe, expect, it } from 'vitest';
import {
  chinaToday,
  defaultRange,
  parseExplorer,
  seriesQuery,
  serializeExplorer,
  tableQuery,
  withFact,
  withFilter,
  withGroupBy,
  type ExplorerState,
} from './explorerState';
import { factsFor } from './facts';

const TODAY = '2026-12-01';
const parse = (qs: string) => parseExplorer(new URLSearchParams(qs), TODAY);
const url = (s: ExplorerState) => serializeExplorer(s, TODAY).toString();

describe('the explorer URL', () => {
  it('opens on the projects by province, roll-up, with last year to today for the series', () => {
    const s = parse('');
    expect(s).toEqual({
      mode: 'rollup',
      fact: 'projects',
      groupBy: ['province'],
      filters: {},
      measure: undefined,
      sort: undefined,
      interval: 'month',
      from: '2025-01-01',
      to: '2026-12-01',
    });
    // spelled out, so the link still means this table when the defaults change
    expect(url(s)).toBe('mode=rollup&fact=projects&group_by=province');
  });

  it('reads a whole query and writes it back the same', () => {
    const qs =
      'mode=rollup&fact=pairings&group_by=province%2Cchannel%2Cstatus&year=2026&province=510000&county=513431&key_county=true' +
      '&status=active&channel=east_org&registration_level=national&measure=planned_funds&sort=-count';
    const s = parse(qs);
    expect(s.fact).toBe('pairings');
    expect(s.groupBy).toEqual(['province', 'channel', 'status']);
    expect(s.filters).toEqual({
      year: '2026',
      province: '510000',
      county: '513431',
      key_county: 'true',
      status: 'active',
      channel: 'east_org',
      registration_level: 'national',
    });
    expect(s.measure).toBe('planned_funds');
    expect(s.sort).toEqual({ key: 'count', desc: true });
    expect(url(s)).toBe(qs);
    expect(parse(url(s))).toEqual(s);
  });

  it('keeps the order of the grouping keys, drops repeats, other facts’ keys and a fourth key', () => {
    expect(parse('fact=projects&group_by=assistance_type,province').groupBy).toEqual(['assistance_type', 'province']);
    expect(parse('fact=projects&group_by=province,channel,province,status').groupBy).toEqual(['province', 'status']);
    expect(parse('fact=projects&group_by=province,county,status,year').groupBy).toEqual(['province', 'county', 'status']);
    expect(parse('fact=brands&group_by=line,county').groupBy).toEqual(['line']);
  });

  it('tells no grouping (group_by=) from the default (no group_by)', () => {
    const none = parse('fact=needs&group_by=');
    expect(none.groupBy).toEqual([]);
    expect(url(none)).toBe('mode=rollup&fact=needs&group_by=');
    expect(parse('fact=needs').groupBy).toEqual(['province']);
  });

  it('drops what it cannot use: unknown facts and modes, bad codes, another fact’s status, bad dates', () => {
    const s = parse('mode=map&fact=people&province=51&county=x&year=26&key_county=maybe&status=landed&interval=week&from=2026-02-30&to=soon');
    expect(s.mode).toBe('rollup');
    expect(s.fact).toBe('projects');
    expect(s.filters).toEqual({ status: 'landed' });
    expect(s.interval).toBe('month');
    expect(s.from).toBe('2025-01-01');
    expect(s.to).toBe(TODAY);
    // `landed` is a project status, not an organization's
    expect(parse('fact=organizations&status=landed').filters).toEqual({});
    expect(parse('fact=organizations&status=suspended').filters).toEqual({ status: 'suspended' });
    expect(parse('measure=DROP TABLE').measure).toBeUndefined();
  });

  it('writes the series part in series mode, and in a roll-up only once it differs from the defaults', () => {
    const series = parse('mode=series&interval=quarter&from=2024-01-01&to=2026-06-30&province=520000&assistance_type=health');
    expect(url(series)).toBe(
      'mode=series&fact=projects&group_by=province&province=520000&assistance_type=health&interval=quarter&from=2024-01-01&to=2026-06-30',
    );
    expect(parse(url(series))).toEqual(series);
    expect(url({ ...series, mode: 'rollup' })).toContain('interval=quarter&from=2024-01-01');
    expect(url(parse('mode=series'))).toBe('mode=series&fact=projects&group_by=province&interval=month&from=2025-01-01&to=2026-12-01');
  });

  it('takes today in China for the default range', () => {
    // 2026-12-31 17:00 UTC is already 1 January 2027 in Beijing
    expect(chinaToday(new Date('2026-12-31T17:00:00Z'))).toBe('2027-01-01');
    expect(defaultRange('2027-01-01')).toEqual({ from: '2026-01-01', to: '2027-01-01' });
  });
});

describe('moving the explorer', () => {
  it('keeps what the new fact shares when the fact changes, and resets the measure, order and status', () => {
    const s = parse('fact=projects&group_by=province,assistance_type,status&province=510000&county=513431&assistance_type=health&status=landed&measure=planned_funds&sort=-count');
    const brands = withFact(s, 'brands');
    expect(brands.groupBy).toEqual(['province', 'status']);
    expect(brands.filters).toEqual({ province: '510000' });
    expect(brands.measure).toBeUndefined();
    expect(brands.sort).toBeUndefined();
    // nothing shared: by province
    expect(withFact(parse('fact=projects&group_by=assistance_type'), 'cultivation').groupBy).toEqual(['province']);
  });

  it('limits the grouping to three of the fact’s keys, in the order picked', () => {
    const s = parse('fact=needs');
    expect(withGroupBy(s, ['priority', 'province', 'channel', 'status', 'year']).groupBy).toEqual(['priority', 'province', 'status']);
  });

  it('sets and clears one filter; a new province clears the county', () => {
    const s = parse('fact=projects&province=510000&county=513431');
    expect(withFilter(s, 'status', 'signed').filters).toEqual({ province: '510000', county: '513431', status: 'signed' });
    expect(withFilter(s, 'province', '520000').filters).toEqual({ province: '520000' });
    expect(withFilter(s, 'province', undefined).filters).toEqual({});
    expect(withFilter(s, 'county', undefined).filters).toEqual({ province: '510000' });
    expect(withFilter(s, 'status', 'nonsense').filters).toEqual({ province: '510000', county: '513431' });
  });
});

describe('the API queries', () => {
  it('sends the grouping and typed filters of a projects table', () => {
    const s = parse('fact=projects&group_by=province,assistance_type&year=2026&key_county=true&assistance_type=education&status=signed');
    expect(tableQuery(s)).toEqual({
      group_by: 'province,assistance_type',
      year: 2026,
      key_county: true,
      status: 'signed',
      assistance_type: 'education',
    });
    expect(tableQuery(parse('key_county=false')).key_county).toBe(false);
  });

  it('sends only the filters the fact takes (organizations and brands have no county, no assistance type)', () => {
    const s = parse('fact=organizations&group_by=legal_form&province=510000&county=513431&key_county=true&assistance_type=health&legal_form=foundation&line=development');
    expect(tableQuery(s)).toEqual({ group_by: 'legal_form', province: '510000', legal_form: 'foundation' });
    const brands = parse('fact=brands&group_by=&line=governance&channel=east_org&status=recognized');
    expect(tableQuery(brands)).toEqual({ line: 'governance', status: 'recognized' });
  });

  it('sends trainings and incidents their own keys and values only', () => {
    const trainings = parse('fact=trainings&group_by=level,county,mode&province=510000&county=513431&level=county&mode=online&severity=high&status=held');
    expect(trainings.groupBy).toEqual(['level', 'mode']);
    expect(tableQuery(trainings)).toEqual({ group_by: 'level,mode', province: '510000', status: 'held', level: 'county', mode: 'online' });
    const incidents = parse('fact=incidents&group_by=severity,status&key_county=true&kind=funds_misuse&severity=critical&status=held&level=national');
    expect(tableQuery(incidents)).toEqual({ group_by: 'severity,status', key_county: true, kind: 'funds_misuse', severity: 'critical' });
    // to incidents: the filters they take are kept, a training's status is not an incident's
    expect(withFact(trainings, 'incidents').filters).toEqual({ province: '510000', county: '513431', severity: 'high' });
  });

  it('offers incidents only to the roles that read them', () => {
    expect(factsFor('org_member')).toContain('incidents');
    expect(factsFor('viewer')).toEqual(['projects', 'pairings', 'cultivation', 'organizations', 'needs', 'brands', 'trainings']);
    expect(factsFor('evaluator')).not.toContain('incidents');
  });

  it('sends the series its interval, range and own filters, whatever the table’s fact', () => {
    const s = parse('mode=series&fact=organizations&interval=year&from=2022-01-01&to=2026-12-01&province=510000&assistance_type=health&legal_form=foundation&year=2024');
    expect(seriesQuery(s)).toEqual({ interval: 'year', from: '2022-01-01', to: '2026-12-01', province: '510000', assistance_type: 'health' });
  });
});
