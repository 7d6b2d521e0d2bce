import type { EChartsCoreOption } from 'echarts/core';
import type { SubjectResult } from '../../api/types';

// A subject's published evaluation result as its page shows it: each dimension's score beside
// the round's median.

export interface DimensionLine {
  code: string;
  name: string;
  weight: number;
  score: number;
  median: number | null;
  points: number;
}

/** The dimensions in the framework's order, each with the round's median (null when the round has none). */
export function dimensionLines(result: Pick<SubjectResult, 'breakdown' | 'medians'>): DimensionLine[] {
  return result.breakdown.dimensions.map((d) => ({
    code: d.code,
    name: d.name,
    weight: d.weight,
    score: round1(d.score),
    median: result.medians[d.code] == null ? null : round1(result.medians[d.code]),
    points: round1(d.points),
  }));
}

export function round1(n: number): number {
  return Math.round(n * 10) / 10;
}

/** Two bars per dimension, the dimensions down the side (readable on a phone): this subject and the median. */
export function dimensionBarsOption(lines: readonly DimensionLine[], labels: { subject: string; median: string }): EChartsCoreOption {
  return {
    animation: false,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { data: [labels.subject, labels.median], top: 0 },
    grid: { left: 8, right: 40, top: 28, bottom: 8, containLabel: true },
    xAxis: { type: 'value', min: 0, max: 100 },
    yAxis: { type: 'category', inverse: true, data: lines.map((l) => l.name), axisTick: { show: false } },
    series: [
      { name: labels.subject, type: 'bar', barMaxWidth: 14, itemStyle: { color: '#b7312c' }, label: { show: true, position: 'right' }, data: lines.map((l) => l.score) },
      { name: labels.median, type: 'bar', barMaxWidth: 14, itemStyle: { color: '#bfbfbf' }, label: { show: true, position: 'right' }, data: lines.map((l) => l.median ?? 0) },
    ],
  };
}
