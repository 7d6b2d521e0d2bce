import type { TFunction } from 'i18next';
import type { ColumnKind, Fact, ProjectPeriod, StatisticsColumn, StatisticsTable } from '../../api/types';
import { formatMoney, inUnit, moneyUnitFor, type MoneyUnit } from '../../components/money';
import { enumLabelKey, isEnumKey } from './facts';
import type { Sort } from './explorerState';

// From an API answer to what the page shows: table rows with their keys named in the UI language,
// measures formatted, the totals row, and the chart's categories and series in a money unit.
// Pure functions of the answer, the translation function and the language.

export type Lang = 'zh-CN' | 'en';
/** A cell as the API sends it: a key's value, a count, a money decimal string in yuan, a ratio 0..1. */
export type Cell = string | number | boolean | null | undefined;
export type ApiRow = Record<string, Cell>;

/** The column's label in the UI language. */
export function columnLabel(c: StatisticsColumn, lang: Lang): string {
  return lang === 'en' ? c.label_en : c.label_zh;
}

/** A money column's label without its unit ("计划资金（元）" → "计划资金"), for a chart axis in another unit. */
export function withoutYuan(label: string): string {
  return label.replace(/\s*[（(](元|yuan)[）)]\s*$/, '');
}

/**
 * A grouping key's value for a person: names of provinces and counties (a national training's row of
 * no province is named 全国 by the server), labels of enums, 是/否 for flags.
 */
export function keyValueLabel(fact: Fact, key: string, row: ApiRow, t: TFunction): string {
  const v = row[key];
  if (key === 'province' && row.province_name) return String(row.province_name);
  if (v === null || v === undefined || v === '') return t('statistics.none');
  if (key === 'province') return String(v);
  if (key === 'county') return String(row.county_name ?? v);
  if (key === 'key_county') return t(v === true ? 'statistics.keyCountyValue.yes' : 'statistics.keyCountyValue.no');
  if (key === 'government_purchase') return t(v === true ? 'statistics.governmentPurchaseValue.yes' : 'statistics.governmentPurchaseValue.no');
  if (isEnumKey(key)) {
    const labelKey = enumLabelKey(fact, key, String(v));
    return labelKey ? t(labelKey) : String(v);
  }
  return String(v);
}

const COUNT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** A measure in the table: money in full (yuan, two decimals), counts grouped, ratios as percentages. */
export function formatMeasure(kind: ColumnKind, v: Cell): string {
  if (v === null || v === undefined || v === '') return '—';
  switch (kind) {
    case 'money':
      return formatMoney(String(v));
    case 'ratio': {
      const n = Number(v);
      return Number.isFinite(n) ? `${(Math.round(n * 1000) / 10).toFixed(1)}%` : '—';
    }
    case 'count': {
      const n = Number(v);
      return Number.isFinite(n) ? COUNT.format(n) : String(v);
    }
    default:
      return String(v);
  }
}

/** Compares two money decimal strings exactly (no float: totals may exceed what a double holds to the fen). */
export function compareDecimal(a: string, b: string): number {
  const [ai, af = ''] = a.replace(/^-/, '').split('.');
  const [bi, bf = ''] = b.replace(/^-/, '').split('.');
  const an = a.startsWith('-');
  const bn = b.startsWith('-');
  if (an !== bn) return an ? -1 : 1;
  const ia = ai.replace(/^0+(?=\d)/, '');
  const ib = bi.replace(/^0+(?=\d)/, '');
  const len = af.length > bf.length ? af.length : bf.length;
  const fa = af.padEnd(len, '0');
  const fb = bf.padEnd(len, '0');
  const abs = ia.length !== ib.length ? ia.length - ib.length : ia !== ib ? (ia < ib ? -1 : 1) : fa === fb ? 0 : fa < fb ? -1 : 1;
  return Math.sign(an ? -abs : abs);
}

/** The order of two measure values, empty (a ratio of nothing) first. */
export function compareMeasure(kind: ColumnKind, a: Cell, b: Cell): number {
  const aEmpty = a === null || a === undefined || a === '';
  const bEmpty = b === null || b === undefined || b === '';
  if (aEmpty || bEmpty) return aEmpty === bEmpty ? 0 : aEmpty ? -1 : 1;
  if (kind === 'money') return compareDecimal(String(a), String(b));
  return Math.sign(Number(a) - Number(b));
}

/** Exact sum of money decimal strings, in fen through BigInt. */
export function sumMoney(amounts: readonly (string | null | undefined)[]): string {
  let fen = 0n;
  for (const a of amounts) {
    const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec((a ?? '').trim());
    if (!m) continue;
    const v = BigInt(m[2]) * 100n + BigInt((m[3] ?? '').padEnd(2, '0'));
    fen += m[1] === '-' ? -v : v;
  }
  const neg = fen < 0n;
  const abs = neg ? -fen : fen;
  return `${neg ? '-' : ''}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}

// ---- the table ---------------------------------------------------------------------------------

export interface KeyColumn {
  key: string;
  title: string;
}

export interface ShapedRow {
  /** The row's keys' raw values joined: unique in a table. */
  rowKey: string;
  /** The grouping keys' raw values (codes, enum values), for charts to group by. */
  raw: Record<string, string>;
  /** The grouping keys' labels. */
  labels: Record<string, string>;
  /** The measures as sent. */
  values: ApiRow;
}

export interface TableShape {
  fact: Fact;
  keys: KeyColumn[];
  measures: StatisticsColumn[];
  rows: ShapedRow[];
  totals: ApiRow;
}

/**
 * The table of an answer: one column per grouping key (a province or county shown by its name,
 * so the `*_name` columns fold into it), then the measures; the rows in the server's order.
 */
export function shapeTable(table: StatisticsTable, t: TFunction, lang: Lang): TableShape {
  const fact = table.fact;
  const keys = table.group_by.map((key) => {
    const column = table.columns.find((c) => c.key === key);
    return { key, title: column ? columnLabel(column, lang) : t(`statistics.keys.${key}`) };
  });
  const measures = table.columns.filter((c) => c.kind !== 'key');
  const rows = (table.rows as ApiRow[]).map((row) => {
    const raw = Object.fromEntries(keys.map(({ key }) => [key, String(row[key] ?? '')]));
    const labels = Object.fromEntries(keys.map(({ key }) => [key, keyValueLabel(fact, key, row, t)]));
    const values = Object.fromEntries(measures.map((m) => [m.key, row[m.key]]));
    return { rowKey: keys.map(({ key }) => raw[key]).join('|') || 'all', raw, labels, values };
  });
  return { fact, keys, measures, rows, totals: table.totals as ApiRow };
}

/** The rows in a measure's order (stable: ties keep the server's order), or as sent. */
export function sortRows(shape: TableShape, sort: Sort | undefined): ShapedRow[] {
  const measure = sort && shape.measures.find((m) => m.key === sort.key);
  if (!sort || !measure) return shape.rows;
  return shape.rows
    .map((row, i) => ({ row, i }))
    .sort((a, b) => (sort.desc ? -1 : 1) * compareMeasure(measure.kind, a.row.values[measure.key], b.row.values[measure.key]) || a.i - b.i)
    .map(({ row }) => row);
}

/** The totals row's cells: the measures over every row, formatted as the table's. */
export function totalsCells(shape: TableShape): { key: string; text: string }[] {
  return shape.measures.map((m) => ({ key: m.key, text: formatMeasure(m.kind, shape.totals[m.key]) }));
}

/** The measure the chart shows: the one asked for if the table has it, else the first. */
export function chosenMeasure(shape: TableShape, asked: string | undefined): StatisticsColumn | undefined {
  return shape.measures.find((m) => m.key === asked) ?? shape.measures[0];
}

// ---- the chart ---------------------------------------------------------------------------------

export interface ChartSeries {
  name: string;
  data: number[];
}

export interface ChartShape {
  /** The first key's values, in the rows' order. */
  categories: string[];
  categoryName: string;
  /** One series (the measure) or one per value of the second key. */
  series: ChartSeries[];
  /** Stacked bars: a second key and a measure that adds up (counts, money). */
  stacked: boolean;
  kind: ColumnKind;
  /** The money unit, chosen by the tallest bar (a stack's total when stacked). */
  unit?: MoneyUnit;
  /** The measure's name, without a unit. */
  measureName: string;
  /** The second key's name when the series are its values (the legend then names them). */
  seriesName?: string;
}

export type ChartResult =
  | { status: 'chart'; chart: ChartShape }
  /** No grouping key: a single figure, nothing to draw across. */
  | { status: 'ungrouped' }
  | { status: 'empty' }
  /** A ratio cannot be added up over a third key: the chart would lie. */
  | { status: 'ratioNotCombinable' };

function numeric(v: Cell): number {
  const n = Number(v);
  return v === null || v === undefined || !Number.isFinite(n) ? 0 : n;
}

/**
 * The chart of one measure: bars by the first key; with a second key, a series per its value
 * (stacked, unless a ratio), any third key added up. Money is shown in 元 / 万元 / 亿元.
 */
export function shapeChart(shape: TableShape, rows: readonly ShapedRow[], measure: StatisticsColumn, lang: Lang): ChartResult {
  if (shape.keys.length === 0) return { status: 'ungrouped' };
  if (rows.length === 0) return { status: 'empty' };
  const [first, second] = shape.keys;
  const categories: string[] = [];
  const categoryLabels: string[] = [];
  const seriesKeys: string[] = [];
  const seriesLabels: string[] = [];
  // yuan (or counts, ratios) per cell, and how many rows fell in each
  const cells = new Map<string, { sum: number; n: number }>();
  for (const row of rows) {
    const c = row.raw[first.key];
    if (!categories.includes(c)) {
      categories.push(c);
      categoryLabels.push(row.labels[first.key]);
    }
    const s = second ? row.raw[second.key] : '';
    if (!seriesKeys.includes(s)) {
      seriesKeys.push(s);
      seriesLabels.push(second ? row.labels[second.key] : '');
    }
    const id = `${c}\u0000${s}`;
    const cell = cells.get(id) ?? { sum: 0, n: 0 };
    cell.sum += numeric(row.values[measure.key]);
    cell.n += 1;
    cells.set(id, cell);
  }
  if (measure.kind === 'ratio' && [...cells.values()].some((c) => c.n > 1)) return { status: 'ratioNotCombinable' };

  const stacked = !!second && measure.kind !== 'ratio';
  const value = (c: string, s: string) => cells.get(`${c}\u0000${s}`)?.sum ?? 0;
  const measureName = withoutYuan(columnLabel(measure, lang));
  let unit: MoneyUnit | undefined;
  if (measure.kind === 'money') {
    const tallest = stacked
      ? categories.map((c) => seriesKeys.reduce((sum, s) => sum + value(c, s), 0))
      : categories.flatMap((c) => seriesKeys.map((s) => value(c, s)));
    unit = moneyUnitFor(tallest.map(String));
  }
  const scaled = (n: number) =>
    measure.kind === 'money' && unit ? inUnit(String(n), unit) : measure.kind === 'ratio' ? Math.round(n * 1000) / 10 : n;
  const series = seriesKeys.map((s, i) => ({
    name: second ? seriesLabels[i] : measureName,
    data: categories.map((c) => scaled(value(c, s))),
  }));
  return {
    status: 'chart',
    chart: { categories: categoryLabels, categoryName: first.title, series, stacked, kind: measure.kind, unit, measureName, seriesName: second?.title },
  };
}

/** The value axis' name: the measure with its unit (元/万元/亿元 for money, % for ratios). */
export function axisName(chart: ChartShape, t: TFunction): string {
  if (chart.kind === 'money' && chart.unit) return t('statistics.withUnit', { name: chart.measureName, unit: t(chart.unit.labelKey) });
  if (chart.kind === 'ratio') return t('statistics.withUnit', { name: chart.measureName, unit: '%' });
  return chart.measureName;
}

/** The ECharts option of a chart shape: bars, Chinese (UI language) axis names and legend. */
export function chartOption(chart: ChartShape, t: TFunction) {
  // a legend names the second key's values, even a single one (what the stack is made of)
  const legend = chart.seriesName !== undefined;
  const rotate = chart.categories.length > 6 || chart.categories.some((c) => c.length > 8) ? 30 : 0;
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, confine: true },
    legend: legend ? { type: 'scroll', top: 0, data: chart.series.map((s) => s.name) } : undefined,
    // the grid's box holds the axis labels and names too (ECharts 6 outer bounds), so nothing is clipped
    grid: { left: 8, right: 24, top: legend ? 56 : 40, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'all' },
    xAxis: {
      type: 'category',
      name: chart.categoryName,
      nameLocation: 'middle',
      nameGap: rotate ? 56 : 28,
      data: chart.categories,
      axisLabel: { interval: chart.categories.length > 24 ? 'auto' : 0, rotate },
    },
    yAxis: {
      type: 'value',
      name: axisName(chart, t),
      nameTextStyle: { align: 'left' },
      minInterval: chart.kind === 'count' ? 1 : undefined,
      max: chart.kind === 'ratio' ? 100 : undefined,
    },
    series: chart.series.map((s) => ({
      name: s.name,
      type: 'bar',
      stack: chart.stacked ? 'total' : undefined,
      barMaxWidth: 48,
      data: s.data,
    })),
  };
}

// ---- the projects series ------------------------------------------------------------------------

/** A period as people say it: 2026年3月, 2026年第1季度, 2026年 (English: as sent). */
export function periodLabel(period: string, lang: Lang): string {
  if (lang === 'en') return period;
  let m = /^(\d{4})-(\d{2})$/.exec(period);
  if (m) return `${m[1]}年${Number(m[2])}月`;
  m = /^(\d{4})-Q([1-4])$/.exec(period);
  if (m) return `${m[1]}年第${m[2]}季度`;
  m = /^(\d{4})$/.exec(period);
  if (m) return `${m[1]}年`;
  return period;
}

export interface SeriesTotals {
  docked: number;
  landed: number;
  funds_in_place: string;
  beneficiaries_reached: number;
}

/** The figures over every period (funds summed exactly). */
export function seriesTotals(periods: readonly ProjectPeriod[]): SeriesTotals {
  return {
    docked: periods.reduce((s, p) => s + p.docked, 0),
    landed: periods.reduce((s, p) => s + p.landed, 0),
    funds_in_place: sumMoney(periods.map((p) => p.funds_in_place)),
    beneficiaries_reached: periods.reduce((s, p) => s + p.beneficiaries_reached, 0),
  };
}

/**
 * The series chart: 对接 and 落地 counts as lines on the left axis, funds in place as bars on the
 * right axis in the unit its largest period needs.
 */
export function seriesOption(periods: readonly ProjectPeriod[], t: TFunction, lang: Lang) {
  const unit = moneyUnitFor(periods.map((p) => p.funds_in_place));
  const docked = t('statistics.series.docked');
  const landed = t('statistics.series.landed');
  const funds = t('statistics.series.fundsInPlace');
  return {
    unit,
    option: {
      tooltip: { trigger: 'axis', confine: true },
      legend: { top: 0, data: [docked, landed, funds] },
      grid: { left: 8, right: 8, top: 64, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'all' },
      xAxis: {
        type: 'category',
        data: periods.map((p) => periodLabel(p.period, lang)),
        axisLabel: { rotate: periods.length > 12 ? 30 : 0 },
      },
      yAxis: [
        { type: 'value', name: t('statistics.series.projects'), minInterval: 1, nameTextStyle: { align: 'left' } },
        {
          type: 'value',
          name: t('statistics.withUnit', { name: funds, unit: t(unit.labelKey) }),
          splitLine: { show: false },
          nameTextStyle: { align: 'right' },
        },
      ],
      series: [
        { name: docked, type: 'line', data: periods.map((p) => p.docked), smooth: false, symbolSize: 6 },
        { name: landed, type: 'line', data: periods.map((p) => p.landed), smooth: false, symbolSize: 6 },
        { name: funds, type: 'bar', yAxisIndex: 1, barMaxWidth: 32, itemStyle: { color: '#f2b35b', opacity: 0.8 }, data: periods.map((p) => inUnit(p.funds_in_place, unit)) },
      ],
    },
  };
}
