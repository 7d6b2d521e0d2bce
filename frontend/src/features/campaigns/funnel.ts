import type { EChartsCoreOption } from 'echarts/core';
import type { FunnelStages } from '../../api/types';
import { formatRate } from '../../components/format';

export const STAGES = ['docked', 'signed', 'landed', 'completed'] as const;
export type Stage = (typeof STAGES)[number];

export interface FunnelStep {
  stage: Stage;
  count: number;
  /** Conversion from the step before (signed / docked …); null for the first step. */
  rate: number | null;
}

/** The four steps docked → signed → landed → completed with the server's conversion rates. */
export function funnelSteps(s: FunnelStages): FunnelStep[] {
  return [
    { stage: 'docked', count: s.docked, rate: null },
    { stage: 'signed', count: s.signed, rate: s.signed_rate },
    { stage: 'landed', count: s.landed, rate: s.landed_rate },
    { stage: 'completed', count: s.completed, rate: s.completed_rate },
  ];
}

/**
 * The ECharts funnel: one trapezoid per stage, widths proportional to the counts against the
 * docked count, labelled with the stage name, the count and the conversion from the stage before.
 */
export function funnelOption(steps: FunnelStep[], label: (stage: Stage) => string, rateLabel: (rate: string) => string): EChartsCoreOption {
  const max = Math.max(1, ...steps.map((s) => s.count));
  const colors = ['#1677ff', '#13c2c2', '#52c41a', '#722ed1'];
  return {
    animation: false,
    tooltip: { trigger: 'item', formatter: '{b}: {c}' },
    series: [
      {
        type: 'funnel',
        sort: 'none',
        min: 0,
        max,
        minSize: '2%',
        maxSize: '100%',
        left: '10%',
        width: '60%',
        top: 16,
        bottom: 16,
        gap: 4,
        label: { show: true, position: 'right', formatter: (p: { dataIndex: number }) => stepText(steps[p.dataIndex], label, rateLabel), color: '#262626' },
        labelLine: { show: true },
        data: steps.map((s, i) => ({ name: label(s.stage), value: s.count, itemStyle: { color: colors[i] } })),
      },
    ],
  };
}

function stepText(step: FunnelStep | undefined, label: (stage: Stage) => string, rateLabel: (rate: string) => string): string {
  if (!step) return '';
  const head = `${label(step.stage)}  ${step.count}`;
  return step.rate == null ? head : `${head}  (${rateLabel(formatRate(step.rate))})`;
}
