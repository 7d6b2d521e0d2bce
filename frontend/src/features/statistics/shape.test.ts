import { describe, expect, it } from 'vitest';
import i18n from '../../i18n';
import type { ProjectPeriod, StatisticsTable } from '../../api/types';
import {
  axisName,
  chartOption,
  chosenMeasure,
  compareDecimal,
  formatMeasure,
  periodLabel,
  seriesOption,
  seriesTotals,
  shapeChart,
  shapeTable,
  sortRows,
  sumMoney,
  totalsCells,
} from './shape';

const zh = i18n.getFixedT('zh-CN');
const en = i18n.getFixedT('en');

const col = (key: string, kind: 'key' | 'count' | 'money' | 'ratio', label_zh: string, label_en: string) => ({ key, kind, label_zh, label_en });

/** An answer of `GET /statistics/tables/projects?group_by=province,assistance_type`, as the server sends it. */
function projectsByProvinceAndType(): StatisticsTable {
  return {
    fact: 'projects',
    group_by: ['province', 'assistance_type'],
    columns: [
      col('province', 'key', '省份', 'Province'),
      col('province_name', 'key', '省份名称', 'Province name'),
      col('assistance_type', 'key', '帮扶类型', 'Assistance type'),
      col('count', 'count', '项目数', 'Projects'),
      col('planned_funds', 'money', '计划资金（元）', 'Planned funds (yuan)'),
    ],
    rows: [
      { province: '510000', province_name: '四川省', assistance_type: 'education', count: 2, planned_funds: '800000.00' },
      { province: '510000', province_name: '四川省', assistance_type: 'health', count: 1, planned_funds: '1250000.50' },
      { province: '520000', province_name: '贵州省', assistance_type: 'education', count: 3, planned_funds: '90000000.00' },
    ] as never[],
    totals: { count: 6, planned_funds: '92050000.50' } as never,
  };
}

describe('the table of an answer', () => {
  it('names the keys in the UI language: provinces by name, enums by their labels', () => {
    const shape = shapeTable(projectsByProvinceAndType(), zh, 'zh-CN');
    expect(shape.keys).toEqual([
      { key: 'province', title: '省份' },
      { key: 'assistance_type', title: '帮扶类型' },
    ]);
    expect(shape.measures.map((m) => m.key)).toEqual(['count', 'planned_funds']);
    expect(shape.rows.map((r) => [r.labels.province, r.labels.assistance_type])).toEqual([
      ['四川省', '教育'],
      ['四川省', '健康'],
      ['贵州省', '教育'],
    ]);
    expect(shape.rows[0].rowKey).toBe('510000|education');
    const english = shapeTable(projectsByProvinceAndType(), en, 'en');
    expect(english.keys.map((k) => k.title)).toEqual(['Province', 'Assistance type']);
    expect(english.rows[1].labels.assistance_type).toBe('Health');
  });

  it('labels each fact’s statuses by its own lifecycle, flags as words, and a missing value as such', () => {
    const table: StatisticsTable = {
      fact: 'pairings',
      group_by: ['status', 'key_county', 'registration_level', 'county'],
      columns: [col('status', 'key', '状态', 'Status'), col('count', 'count', '结对数', 'Pairings')],
      rows: [
        { status: 'active', key_county: true, registration_level: null, county: '513431', county_name: '昭觉县', count: 1 },
        { status: 'active', key_county: false, registration_level: 'national', county: '110101', county_name: '东城区', count: 1 },
      ] as never[],
      totals: { count: 2 } as never,
    };
    const rows = shapeTable(table, zh, 'zh-CN').rows;
    expect(rows[0].labels).toEqual({ status: '帮扶中', key_county: '重点帮扶县', registration_level: '（未填写）', county: '昭觉县' });
    expect(rows[1].labels).toEqual({ status: '帮扶中', key_county: '非重点帮扶县', registration_level: '全国性', county: '东城区' });
    const orgs = shapeTable({ ...table, fact: 'organizations', group_by: ['status'] }, zh, 'zh-CN');
    expect(orgs.rows[0].labels.status).toBe('正常');
  });

  it('formats money in full, counts grouped, ratios as percentages, nothing as a dash', () => {
    expect(formatMeasure('money', '1250000.5')).toBe('1,250,000.50');
    expect(formatMeasure('money', '123456789012345.67')).toBe('123,456,789,012,345.67');
    expect(formatMeasure('count', 12345)).toBe('12,345');
    expect(formatMeasure('ratio', 0.4567)).toBe('45.7%');
    expect(formatMeasure('ratio', 1)).toBe('100.0%');
    expect(formatMeasure('ratio', null)).toBe('—');
  });

  it('gives the totals row the server’s totals, formatted as the rows', () => {
    const shape = shapeTable(projectsByProvinceAndType(), zh, 'zh-CN');
    expect(totalsCells(shape)).toEqual([
      { key: 'count', text: '6' },
      { key: 'planned_funds', text: '92,050,000.50' },
    ]);
  });

  it('sorts by any measure on the client, money exactly, ties in the server’s order', () => {
    const shape = shapeTable(projectsByProvinceAndType(), zh, 'zh-CN');
    const labels = (rows: ReturnType<typeof sortRows>) => rows.map((r) => `${r.labels.province}${r.labels.assistance_type}`);
    expect(labels(sortRows(shape, { key: 'planned_funds', desc: true }))).toEqual(['贵州省教育', '四川省健康', '四川省教育']);
    expect(labels(sortRows(shape, { key: 'count', desc: false }))).toEqual(['四川省健康', '四川省教育', '贵州省教育']);
    expect(labels(sortRows(shape, undefined))).toEqual(['四川省教育', '四川省健康', '贵州省教育']);
    expect(labels(sortRows(shape, { key: 'gone', desc: true }))).toEqual(['四川省教育', '四川省健康', '贵州省教育']);
    // beyond a double's precision
    expect(compareDecimal('9007199254740993.01', '9007199254740993.00')).toBe(1);
    expect(compareDecimal('99.9', '100.00')).toBe(-1);
    expect(compareDecimal('0100.50', '100.5')).toBe(0);
  });

  it('sums money exactly', () => {
    expect(sumMoney(['0.10', '0.20', '9007199254740993.00'])).toBe('9007199254740993.30');
    expect(sumMoney([])).toBe('0.00');
  });
});

describe('the chart of an answer', () => {
  it('stacks a series per second-key value over the first key, in 万元 when the tallest stack needs it', () => {
    const shape = shapeTable(projectsByProvinceAndType(), zh, 'zh-CN');
    const measure = chosenMeasure(shape, 'planned_funds')!;
    const result = shapeChart(shape, shape.rows, measure, 'zh-CN');
    expect(result.status).toBe('chart');
    if (result.status !== 'chart') return;
    const c = result.chart;
    expect(c.categories).toEqual(['四川省', '贵州省']);
    expect(c.stacked).toBe(true);
    expect(c.series).toEqual([
      { name: '教育', data: [80, 9000] },
      { name: '健康', data: [125, 0] },
    ]);
    expect(axisName(c, zh)).toBe('计划资金（万元）');
    const option = chartOption(c, zh);
    expect(option.series.map((s) => s.stack)).toEqual(['total', 'total']);
    expect(option.legend?.data).toEqual(['教育', '健康']);
    expect(c.seriesName).toBe('帮扶类型');
    expect(option.xAxis.name).toBe('省份');
    expect(option.yAxis.name).toBe('计划资金（万元）');
  });

  it('picks 亿元 by a stack’s total even when no single bar reaches it', () => {
    const table = projectsByProvinceAndType();
    table.rows = [
      { province: '510000', province_name: '四川省', assistance_type: 'education', count: 1, planned_funds: '60000000.00' },
      { province: '510000', province_name: '四川省', assistance_type: 'health', count: 1, planned_funds: '60000000.00' },
    ] as never[];
    const shape = shapeTable(table, zh, 'zh-CN');
    const result = shapeChart(shape, shape.rows, chosenMeasure(shape, 'planned_funds')!, 'zh-CN');
    if (result.status !== 'chart') throw new Error(result.status);
    expect(axisName(result.chart, zh)).toBe('计划资金（亿元）');
    expect(result.chart.series.map((s) => s.data)).toEqual([[0.6], [0.6]]);
  });

  it('draws plain bars of counts by the only key, the measure naming the series', () => {
    const table = projectsByProvinceAndType();
    table.group_by = ['province'];
    table.rows = [
      { province: '510000', province_name: '四川省', count: 3, planned_funds: '2050000.50' },
      { province: '520000', province_name: '贵州省', count: 3, planned_funds: '9000.00' },
    ] as never[];
    const shape = shapeTable(table, zh, 'zh-CN');
    const result = shapeChart(shape, shape.rows, chosenMeasure(shape, undefined)!, 'zh-CN');
    if (result.status !== 'chart') throw new Error(result.status);
    expect(result.chart.stacked).toBe(false);
    expect(result.chart.series).toEqual([{ name: '项目数', data: [3, 3] }]);
    expect(axisName(result.chart, zh)).toBe('项目数');
    expect(chartOption(result.chart, zh).legend).toBeUndefined();
    // in yuan while every bar is below 10,000
    const money = shapeChart(shape, [shape.rows[1]], chosenMeasure(shape, 'planned_funds')!, 'zh-CN');
    if (money.status !== 'chart') throw new Error(money.status);
    expect(axisName(money.chart, zh)).toBe('计划资金（元）');
    expect(axisName(money.chart, en)).toBe('计划资金 (yuan)');
  });

  it('names trainings’ and incidents’ values, and a national training’s row of no province 全国', () => {
    const trainings: StatisticsTable = {
      fact: 'trainings',
      group_by: ['province', 'level', 'mode', 'status'],
      columns: [col('count', 'count', '培训场次', 'Trainings')],
      rows: [
        { province: null, province_name: '全国', level: 'national', mode: 'mixed', status: 'held', count: 1 },
        { province: '510000', province_name: '四川省', level: 'county', mode: 'online', status: 'planned', count: 2 },
      ] as never[],
      totals: { count: 3 } as never,
    };
    const rows = shapeTable(trainings, zh, 'zh-CN').rows;
    expect(rows.map((r) => r.labels)).toEqual([
      { province: '全国', level: '国家级', mode: '线上线下结合', status: '已举办' },
      { province: '四川省', level: '县级', mode: '线上', status: '计划中' },
    ]);
    expect(rows[0].rowKey).toBe('|national|mixed|held');
    expect(shapeTable(trainings, en, 'en').rows[1].labels).toEqual({ province: '四川省', level: 'County', mode: 'Online', status: 'Planned' });
    const incidents: StatisticsTable = {
      fact: 'incidents',
      group_by: ['kind', 'severity', 'status'],
      columns: [col('count', 'count', '事件数', 'Incidents')],
      rows: [{ kind: 'funds_misuse', severity: 'critical', status: 'handling', count: 1 }] as never[],
      totals: { count: 1 } as never,
    };
    expect(shapeTable(incidents, zh, 'zh-CN').rows[0].labels).toEqual({ kind: '资金违规使用', severity: '特别重大', status: '处置中' });
  });

  it('follows the table’s order, adds up a third key, and refuses to add up ratios', () => {
    const table: StatisticsTable = {
      fact: 'needs',
      group_by: ['province', 'priority', 'status'],
      columns: [col('count', 'count', '需求数', 'Needs'), col('matched_ratio', 'ratio', '对接率', 'Matched')],
      rows: [
        { province: '510000', province_name: '四川省', priority: 'high', status: 'open', count: 1, matched_ratio: 0 },
        { province: '510000', province_name: '四川省', priority: 'high', status: 'matched', count: 2, matched_ratio: 1 },
        { province: '520000', province_name: '贵州省', priority: 'low', status: 'open', count: 5, matched_ratio: 0 },
      ] as never[],
      totals: { count: 8, matched_ratio: 0.25 } as never,
    };
    const shape = shapeTable(table, zh, 'zh-CN');
    const sorted = sortRows(shape, { key: 'count', desc: true });
    const counts = shapeChart(shape, sorted, chosenMeasure(shape, 'count')!, 'zh-CN');
    if (counts.status !== 'chart') throw new Error(counts.status);
    expect(counts.chart.categories).toEqual(['贵州省', '四川省']);
    expect(counts.chart.series).toEqual([
      { name: '低', data: [5, 0] },
      { name: '高', data: [0, 3] },
    ]);
    expect(shapeChart(shape, sorted, chosenMeasure(shape, 'matched_ratio')!, 'zh-CN').status).toBe('ratioNotCombinable');
  });

  it('shows ratios as percentages side by side, not stacked', () => {
    const table: StatisticsTable = {
      fact: 'needs',
      group_by: ['province', 'priority'],
      columns: [col('matched_ratio', 'ratio', '对接率', 'Matched')],
      rows: [
        { province: '510000', province_name: '四川省', priority: 'high', matched_ratio: 0.5 },
        { province: '510000', province_name: '四川省', priority: 'low', matched_ratio: null },
      ] as never[],
      totals: { matched_ratio: 0.5 } as never,
    };
    const shape = shapeTable(table, zh, 'zh-CN');
    const result = shapeChart(shape, shape.rows, shape.measures[0], 'zh-CN');
    if (result.status !== 'chart') throw new Error(result.status);
    expect(result.chart.stacked).toBe(false);
    expect(result.chart.series.map((s) => s.data)).toEqual([[50], [0]]);
    expect(axisName(result.chart, zh)).toBe('对接率（%）');
    expect(chartOption(result.chart, zh).yAxis.max).toBe(100);
  });

  it('has nothing to draw without a grouping or without rows', () => {
    const table = projectsByProvinceAndType();
    const ungrouped = shapeTable({ ...table, group_by: [], rows: [] }, zh, 'zh-CN');
    expect(shapeChart(ungrouped, ungrouped.rows, ungrouped.measures[0], 'zh-CN').status).toBe('ungrouped');
    const empty = shapeTable({ ...table, rows: [] }, zh, 'zh-CN');
    expect(shapeChart(empty, empty.rows, empty.measures[0], 'zh-CN').status).toBe('empty');
  });
});

describe('the projects series', () => {
  const periods: ProjectPeriod[] = [
    { period: '2026-Q1', docked: 2, landed: 0, funds_in_place: '0.00', beneficiaries_reached: 0 },
    { period: '2026-Q2', docked: 1, landed: 2, funds_in_place: '250000.10', beneficiaries_reached: 120 },
    { period: '2026-Q3', docked: 0, landed: 1, funds_in_place: '1000000.20', beneficiaries_reached: 30 },
  ];

  it('names periods as people say them', () => {
    expect(periodLabel('2026-03', 'zh-CN')).toBe('2026年3月');
    expect(periodLabel('2026-Q1', 'zh-CN')).toBe('2026年第1季度');
    expect(periodLabel('2026', 'zh-CN')).toBe('2026年');
    expect(periodLabel('2026-Q1', 'en')).toBe('2026-Q1');
  });

  it('adds up the periods, funds exactly', () => {
    expect(seriesTotals(periods)).toEqual({ docked: 3, landed: 3, funds_in_place: '1250000.30', beneficiaries_reached: 150 });
  });

  it('draws 对接 and 落地 as lines and the funds on a second axis in its unit', () => {
    const { unit, option } = seriesOption(periods, zh, 'zh-CN');
    expect(unit.labelKey).toBe('money.units.wan');
    expect(option.xAxis.data).toEqual(['2026年第1季度', '2026年第2季度', '2026年第3季度']);
    expect(option.legend.data).toEqual(['对接', '落地', '到位资金']);
    expect(option.yAxis.map((a) => a.name)).toEqual(['项目数', '到位资金（万元）']);
    expect(option.series.map((s) => [s.type, s.yAxisIndex ?? 0])).toEqual([
      ['line', 0],
      ['line', 0],
      ['bar', 1],
    ]);
    expect(option.series[2].data).toEqual([0, 25, 100]);
  });
});
