import type { EChartsCoreOption } from 'echarts/core';
import { PROJECT_STATUSES, type BrandDossier, type BrandStatus, type ProjectStatus } from '../../api/types';

/** Returning and revoking need a reason (the server answers 422 naming `reason`); the other moves take an optional one. */
export function reasonRequired(to: BrandStatus): boolean {
  return to === 'returned' || to === 'revoked';
}

/** The button of a move: 申报, or 重新申报 for a returned brand, 省级推荐, 认定 … */
export function transitionKey(from: BrandStatus, to: BrandStatus): string {
  return from === 'returned' && to === 'applied' ? 'brandTransition.reapply' : `brandTransition.${to}`;
}

/** The brand's projects in every status, in the lifecycle's order, zero where it has none. */
export function statusCounts(d: Pick<BrandDossier, 'projects_by_status'>): { status: ProjectStatus; count: number }[] {
  return PROJECT_STATUSES.map((status) => ({ status, count: d.projects_by_status.find((s) => s.status === status)?.count ?? 0 }));
}

/** The project statuses' colours, as the status tags show them. */
const STATUS_HEX: Record<ProjectStatus, string> = {
  docking: '#1677ff',
  signed: '#13c2c2',
  landed: '#52c41a',
  completed: '#722ed1',
  suspended: '#fa8c16',
  cancelled: '#f5222d',
};

/** One bar per project status, the statuses down the side (readable on a phone): how many projects are in it. */
export function byStatusOption(d: Pick<BrandDossier, 'projects_by_status'>, label: (s: ProjectStatus) => string): EChartsCoreOption {
  const counts = statusCounts(d);
  return {
    animation: false,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 32, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', inverse: true, data: counts.map((c) => label(c.status)), axisTick: { show: false } },
    series: [
      {
        type: 'bar',
        barMaxWidth: 18,
        label: { show: true, position: 'right' },
        data: counts.map((c) => ({ value: c.count, itemStyle: { color: STATUS_HEX[c.status] } })),
      },
    ],
  };
}

/** Two bars out of 100%: landed (of the projects not cancelled) and with progress in the last 90 days. */
export function ratiosOption(
  d: Pick<BrandDossier, 'landed_ratio' | 'updated_recently_ratio'>,
  labels: { landed: string; updated: string },
  format: (ratio: number) => string,
): EChartsCoreOption {
  const rows = [
    { name: labels.landed, ratio: d.landed_ratio, color: '#52c41a' },
    { name: labels.updated, ratio: d.updated_recently_ratio, color: '#1677ff' },
  ];
  return {
    animation: false,
    grid: { left: 8, right: 56, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', min: 0, max: 100, show: false },
    yAxis: { type: 'category', inverse: true, data: rows.map((r) => r.name), axisTick: { show: false }, axisLine: { show: false } },
    series: [
      {
        type: 'bar',
        barWidth: 18,
        showBackground: true,
        backgroundStyle: { color: '#f0f0f0', borderRadius: 9 },
        itemStyle: { borderRadius: 9 },
        label: { show: true, position: 'right', formatter: (p: { dataIndex: number }) => format(rows[p.dataIndex].ratio) },
        data: rows.map((r) => ({ value: Math.round(Math.min(1, Math.max(0, r.ratio)) * 1000) / 10, itemStyle: { color: r.color } })),
      },
    ],
  };
}
