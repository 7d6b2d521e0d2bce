import type { EChartsCoreOption } from 'echarts/core';
import type { DimensionResult, FrameworkTree, IndicatorResult, SubjectResult } from '../../api/types';

// How a result is explained on screen: every figure's formula with its numbers, so a total can
// be followed back from the ranking to each indicator's raw figure or experts' scores.

/** A score or figure with at most two decimals, grouped by thousands: 5060495.4 → "5,060,495.4". */
export function formatScore(n: number | null | undefined, language = 'zh-CN'): string {
  if (n == null || !Number.isFinite(n)) return '—';
  return new Intl.NumberFormat(language === 'en' ? 'en-US' : 'zh-CN', { maximumFractionDigits: 2 }).format(n);
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * How a computed indicator's figure became its 0–100 score:
 * min–max: (raw − min) ÷ (max − min) × 100, or — every subject equal — 100 if above 0, else 0;
 * target: raw ÷ target × 100, at most 100.
 */
export function computedFormula(ind: Pick<IndicatorResult, 'raw' | 'normalization' | 'min' | 'max' | 'target' | 'score'>, fmt: (n: number | null | undefined) => string): string {
  const raw = ind.raw ?? 0;
  if (ind.normalization === 'target') {
    const capped = ind.target != null && raw > ind.target;
    return `${capped ? 'min(' : ''}${fmt(raw)} ÷ ${fmt(ind.target)} × 100${capped ? ', 100)' : ''} = ${fmt(ind.score)}`;
  }
  const lo = ind.min ?? 0;
  const hi = ind.max ?? 0;
  if (hi <= lo) return `${fmt(raw)} → ${fmt(ind.score)}`;
  return `(${fmt(raw)} − ${fmt(lo)}) ÷ (${fmt(hi)} − ${fmt(lo)}) × 100 = ${fmt(ind.score)}`;
}

/** Min–max with every subject at the same figure: no range to spread over (100 if above 0, else 0). */
export function allEqual(ind: Pick<IndicatorResult, 'normalization' | 'min' | 'max'>): boolean {
  return ind.normalization !== 'target' && (ind.max ?? 0) <= (ind.min ?? 0);
}

/** The experts' scores the aggregate kept: all of them, or — trimmed mean — without one highest and one lowest. */
export function keptScores(ind: Pick<IndicatorResult, 'scores' | 'aggregation'>): { kept: number[]; dropped: number[] } {
  const sorted = ind.scores.map((s) => s.score).sort((a, b) => a - b);
  if (ind.aggregation === 'trimmed_mean' && sorted.length >= 3) {
    return { kept: sorted.slice(1, -1), dropped: [sorted[0], sorted[sorted.length - 1]] };
  }
  return { kept: sorted, dropped: [] };
}

/** How an expert indicator's score came from its experts: (a + b + c) ÷ n = score. */
export function expertFormula(ind: Pick<IndicatorResult, 'scores' | 'aggregation' | 'score'>, fmt: (n: number | null | undefined) => string): string {
  const { kept } = keptScores(ind);
  if (kept.length === 0) return `— → ${fmt(ind.score)}`;
  return `(${kept.map((s) => fmt(s)).join(' + ')}) ÷ ${kept.length} = ${fmt(ind.score)}`;
}

/** score × weight ÷ 100 = points: what an indicator gives its dimension, or a dimension the total. */
export function pointsFormula(node: { score: number; weight: number; points: number }, fmt: (n: number | null | undefined) => string): string {
  return `${fmt(node.score)} × ${node.weight} ÷ 100 = ${fmt(node.points)}`;
}

/** The dimensions' points added up, as the total is: 帮扶成效 39.6 + 组织建设 34 = 73.6. */
export function totalFormula(dimensions: readonly Pick<DimensionResult, 'name' | 'points'>[], total: number, fmt: (n: number | null | undefined) => string): string {
  return `${dimensions.map((d) => `${d.name} ${fmt(d.points)}`).join(' + ')} = ${fmt(total)}`;
}

/** Whether the parts add up to the whole as shown (to two decimals, within rounding). */
export function addsUp(parts: readonly number[], whole: number): boolean {
  return Math.abs(round2(parts.reduce((s, p) => s + p, 0)) - whole) <= 0.011 * Math.max(1, parts.length);
}

export type FlagKind = 'spread' | 'unscored';

/** Why an indicator is flagged: its experts spread more than 25 points, or no expert scored it. */
export function flagOf(ind: Pick<IndicatorResult, 'method' | 'scores' | 'spread_flag'>): FlagKind | null {
  if (ind.method !== 'expert') return null;
  if (ind.scores.length === 0) return 'unscored';
  return ind.spread_flag ? 'spread' : null;
}

/** The names of a ranking row's flagged indicators (its `flags` are codes), from the round's framework. */
export function flaggedNames(codes: readonly string[], tree: FrameworkTree | undefined): string[] {
  const names = new Map<string, string>();
  for (const d of tree?.dimensions ?? []) for (const i of d.indicators) names.set(i.code, i.name);
  return codes.map((c) => names.get(c) ?? c);
}

/**
 * The radar of a subject's dimension scores (0–100) against the round's median of each. A radar
 * needs three axes to enclose an area: with one or two dimensions the same figures are drawn as
 * pairs of bars instead.
 */
export function radarOption(result: Pick<SubjectResult, 'breakdown' | 'medians'>, labels: { subject: string; median: string }): EChartsCoreOption {
  const dims = result.breakdown.dimensions;
  if (dims.length < 3) {
    return {
      animation: false,
      color: ['#1677ff', '#fa8c16'],
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0, data: [labels.subject, labels.median] },
      grid: { left: 8, right: 40, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: 'value', min: 0, max: 100 },
      yAxis: { type: 'category', inverse: true, data: dims.map((d) => d.name), axisTick: { show: false } },
      series: [
        { name: labels.subject, type: 'bar', barMaxWidth: 18, label: { show: true, position: 'right' }, data: dims.map((d) => d.score) },
        { name: labels.median, type: 'bar', barMaxWidth: 18, label: { show: true, position: 'right' }, data: dims.map((d) => result.medians[d.code] ?? 0) },
      ],
    };
  }
  return {
    animation: false,
    color: ['#1677ff', '#fa8c16'],
    tooltip: { trigger: 'item' },
    legend: { bottom: 0, data: [labels.subject, labels.median] },
    radar: {
      radius: '62%',
      center: ['50%', '48%'],
      indicator: dims.map((d) => ({ name: d.name, max: 100, min: 0 })),
      axisName: { color: '#595959' },
    },
    series: [
      {
        type: 'radar',
        data: [
          { name: labels.subject, value: dims.map((d) => d.score), areaStyle: { opacity: 0.2 } },
          { name: labels.median, value: dims.map((d) => result.medians[d.code] ?? 0), lineStyle: { type: 'dashed' } },
        ],
      },
    ],
  };
}
