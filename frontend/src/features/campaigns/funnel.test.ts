import { describe, expect, it } from 'vitest';
import { funnelOption, funnelSteps } from './funnel';

const stages = {
  docked: 3,
  signed: 2,
  landed: 1,
  completed: 0,
  funds: '120000.50',
  signed_rate: 2 / 3,
  landed_rate: 0.5,
  completed_rate: 0,
};

describe('the rural tour funnel', () => {
  it('maps the stages in order with the conversion from the step before', () => {
    expect(funnelSteps(stages)).toEqual([
      { stage: 'docked', count: 3, rate: null },
      { stage: 'signed', count: 2, rate: 2 / 3 },
      { stage: 'landed', count: 1, rate: 0.5 },
      { stage: 'completed', count: 0, rate: 0 },
    ]);
  });

  it('builds an ECharts funnel in stage order, scaled to the largest stage', () => {
    const option = funnelOption(funnelSteps(stages), (s) => s.toUpperCase(), (r) => `conv ${r}`) as {
      series: { type: string; sort: string; max: number; data: { name: string; value: number }[]; label: { formatter: (p: { dataIndex: number }) => string } }[];
    };
    const [series] = option.series;
    expect(series.type).toBe('funnel');
    expect(series.sort).toBe('none');
    expect(series.max).toBe(3);
    expect(series.data.map((d) => [d.name, d.value])).toEqual([
      ['DOCKED', 3],
      ['SIGNED', 2],
      ['LANDED', 1],
      ['COMPLETED', 0],
    ]);
    expect(series.label.formatter({ dataIndex: 0 })).toBe('DOCKED  3');
    expect(series.label.formatter({ dataIndex: 1 })).toBe('SIGNED  2  (conv 66.7%)');
  });

  it('keeps a usable scale for an empty campaign', () => {
    const empty = { ...stages, docked: 0, signed: 0, landed: 0, signed_rate: 0, landed_rate: 0 };
    const option = funnelOption(funnelSteps(empty), String, String) as { series: { max: number }[] };
    expect(option.series[0].max).toBe(1);
  });
});
