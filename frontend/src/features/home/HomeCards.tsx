import { lazy, Suspense, useMemo, type ReactNode } from 'react';
import { Card, Col, Flex, Grid, Row, Typography } from 'antd';
import type { EChartsCoreOption } from 'echarts/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PROJECT_STATUSES, type FunnelStages } from '../../api/types';
import { EChart } from '../../components/EChart';
import { ProjectStatusTag } from '../../components/EnumTags';
import { formatRate } from '../../components/format';
import { formatMoney, useFormatMoneyCompact } from '../../components/money';
import { EmptyState, LoadingState, QueryState } from '../../components/states';
import { useCampaigns, useCoverage, useFunnel, useRollup, useSeries } from './api';
import { listLink, rankingLink, statusLink, type Area, type HomeLayout } from './tiles';
import { fundsByMonth, isEmptyPair, landedByMonth, rankItems, seriesRange, topAndBottom, type RankItem, type YearPair } from './trends';

// The dashboard's cards beyond the tiles: the coverage map, the rural tour's funnel, this year
// against last, the top and bottom places by funds in place, and projects by status.

const CoverageMap = lazy(() => import('../../components/coverageMap/CoverageMap'));

const THIS_YEAR_COLOR = '#1677ff';
const LAST_YEAR_COLOR = '#8c8c8c';

function useNarrow(): boolean {
  const screens = Grid.useBreakpoint();
  return !screens.md;
}

export function MapCard({ province }: { province?: string }) {
  const { t } = useTranslation();
  const narrow = useNarrow();
  const coverage = useCoverage(province);
  return (
    <Card
      title={t('home.map')}
      extra={<Link to={listLink('/coverage', { province })}>{t('home.mapLink')}</Link>}
      style={{ height: '100%' }}
      data-testid="home-map"
    >
      <QueryState query={coverage}>
        {(c) => (
          <Suspense fallback={<LoadingState />}>
            <CoverageMap counties={c.counties} province={province} height={narrow ? 300 : 400} />
          </Suspense>
        )}
      </QueryState>
    </Card>
  );
}

// ---- the rural tour ----------------------------------------------------------------------------

const STAGES = ['docked', 'signed', 'landed', 'completed'] as const;
const STAGE_COLORS = ['#1677ff', '#13c2c2', '#52c41a', '#722ed1'];

function stageRate(s: FunnelStages, stage: (typeof STAGES)[number]): number | null {
  return stage === 'signed' ? s.signed_rate : stage === 'landed' ? s.landed_rate : stage === 'completed' ? s.completed_rate : null;
}

/** This year's (the latest) campaign of the rural tour: 对接 → 签约 → 落地 → 完成, for the area in view. */
export function FunnelCard({ province }: { province?: string }) {
  const { t } = useTranslation();
  const campaigns = useCampaigns();
  const latest = campaigns.data?.items[0];
  const funnel = useFunnel(latest?.id);
  return (
    <Card
      title={t('home.funnel.title')}
      extra={latest && <Link to={`/campaigns/${latest.id}`} data-testid="home-funnel-link">{t('home.funnel.open')}</Link>}
      style={{ height: '100%' }}
      data-testid="home-funnel"
    >
      <QueryState query={campaigns}>
        {(list) =>
          list.items.length === 0 || !latest ? (
            <EmptyState description={t('home.funnel.none')} />
          ) : (
            <QueryState query={funnel}>
              {(f) => {
                // a province's own projects: its row of the funnel (the whole funnel also counts
                // the published projects elsewhere)
                const stages = province ? f.by_province.find((p) => p.province_code === province)?.stages ?? emptyStages() : f;
                return (
                  <Flex vertical gap={8}>
                    <Typography.Text strong ellipsis={{ tooltip: true }}>
                      {`${latest.year} · ${latest.theme}`}
                      {province && <Typography.Text type="secondary">{`（${t('home.funnel.ofProvince')}）`}</Typography.Text>}
                    </Typography.Text>
                    <FunnelChart stages={stages} />
                  </Flex>
                );
              }}
            </QueryState>
          )
        }
      </QueryState>
    </Card>
  );
}

function emptyStages(): FunnelStages {
  return { docked: 0, signed: 0, landed: 0, completed: 0, funds: '0.00', signed_rate: 0, landed_rate: 0, completed_rate: 0 };
}

function FunnelChart({ stages }: { stages: FunnelStages }) {
  const { t } = useTranslation();
  const compact = useFormatMoneyCompact();
  const option = useMemo<EChartsCoreOption>(() => {
    const max = Math.max(1, ...STAGES.map((s) => stages[s]));
    return {
      animation: false,
      tooltip: { trigger: 'item', formatter: '{b}: {c}' },
      series: [
        {
          type: 'funnel',
          sort: 'none',
          min: 0,
          max,
          minSize: '8%',
          left: '5%',
          width: '90%',
          top: 4,
          bottom: 4,
          gap: 3,
          // a stage too narrow for its label goes without: the figures below name every stage
          label: {
            show: true,
            position: 'inside',
            formatter: (p: { name: string; value: number }) => (p.value / max >= 0.3 ? `${p.name}  ${p.value}` : ''),
            color: '#fff',
            fontWeight: 600,
          },
          data: STAGES.map((s, i) => ({ name: t(`funnel.stage.${s}`), value: stages[s], itemStyle: { color: STAGE_COLORS[i] } })),
        },
      ],
    };
  }, [stages, t]);
  return (
    <>
      {stages.docked === 0 ? (
        <EmptyState description={t('home.funnel.empty')} />
      ) : (
        <div role="img" aria-label={t('funnel.title')}>
          <EChart option={option} height={190} />
        </div>
      )}
      <Flex wrap gap={12} justify="space-between" data-testid="home-funnel-figures">
        {STAGES.map((s) => {
          const rate = stageRate(stages, s);
          return (
            <Flex key={s} vertical align="center" style={{ minWidth: 56 }}>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t(`funnel.stage.${s}`)}
              </Typography.Text>
              <Typography.Text strong style={{ fontSize: 18 }} data-testid={`home-funnel-${s}`}>
                {stages[s]}
              </Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {rate == null ? '\u00a0' : formatRate(rate)}
              </Typography.Text>
            </Flex>
          );
        })}
      </Flex>
      <Typography.Text type="secondary" style={{ fontSize: 12 }} title={t('money.yuan', { amount: formatMoney(stages.funds) })}>
        {`${t('funnel.funds')}：${compact(stages.funds)}`}
      </Typography.Text>
    </>
  );
}

// ---- this year against last ---------------------------------------------------------------------

function trendOption(pair: YearPair, axisName: string, yearLabel: (y: number) => string, monthLabel: (m: number) => string, integer: boolean): EChartsCoreOption {
  return {
    animation: false,
    tooltip: { trigger: 'axis' },
    legend: { top: 0, data: [yearLabel(pair.year - 1), yearLabel(pair.year)] },
    grid: { left: 8, right: 16, top: 48, bottom: 8, containLabel: true },
    xAxis: { type: 'category', boundaryGap: false, data: Array.from({ length: 12 }, (_, i) => monthLabel(i + 1)) },
    yAxis: { type: 'value', name: axisName, nameTextStyle: { align: 'left' }, minInterval: integer ? 1 : undefined },
    series: [
      {
        name: yearLabel(pair.year - 1),
        type: 'line',
        data: pair.previous,
        symbol: 'circle',
        symbolSize: 5,
        lineStyle: { type: 'dashed', width: 2 },
        itemStyle: { color: LAST_YEAR_COLOR },
      },
      {
        name: yearLabel(pair.year),
        type: 'line',
        data: pair.current,
        symbol: 'circle',
        symbolSize: 6,
        lineStyle: { width: 3 },
        itemStyle: { color: THIS_YEAR_COLOR },
        areaStyle: { color: 'rgba(22, 119, 255, 0.08)' },
      },
    ],
  };
}

/** Landed projects and funds in place per month, this year against last, over the area. */
export function TrendCards({ area, year, span }: { area: Area; year: number; span: { lg: number } }) {
  const { t } = useTranslation();
  const series = useSeries({ ...area, ...seriesRange(year) });
  const yearLabel = (y: number) => t('home.trends.year', { year: y });
  const monthLabel = (m: number) => t('home.trends.month', { month: m });
  const landed = useMemo(() => series.data && landedByMonth(series.data.periods, year), [series.data, year]);
  const funds = useMemo(() => series.data && fundsByMonth(series.data.periods, year), [series.data, year]);
  const card = (title: string, testid: string, unit: string, content: (data: NonNullable<typeof series.data>) => ReactNode) => (
    <Col xs={24} lg={span.lg}>
      <Card title={title} style={{ height: '100%' }} data-testid={testid} data-unit={unit}>
        <QueryState query={series}>
          {(data) =>
            landed && funds && isEmptyPair(landed) && isEmptyPair(funds) ? (
              <EmptyState description={t('home.trends.empty')} />
            ) : (
              <div role="img" aria-label={`${title}（${unit}）`}>
                {content(data)}
              </div>
            )
          }
        </QueryState>
      </Card>
    </Col>
  );
  const moneyUnit = funds ? t(funds.unit.labelKey) : '';
  return (
    <>
      {card(t('home.trends.landed'), 'home-trend-landed', t('home.trends.count'), () =>
        landed && <EChart option={trendOption(landed, t('home.trends.count'), yearLabel, monthLabel, true)} height={260} />,
      )}
      {card(t('home.trends.funds'), 'home-trend-funds', moneyUnit, () =>
        funds && <EChart option={trendOption(funds, t('home.trends.money', { unit: moneyUnit }), yearLabel, monthLabel, false)} height={260} />,
      )}
    </>
  );
}

// ---- top and bottom by funds in place ---------------------------------------------------------

function RankList({ items, max, by, testid }: { items: RankItem[]; max: number; by: 'province' | 'county'; testid: string }) {
  const { t } = useTranslation();
  const compact = useFormatMoneyCompact();
  return (
    <Flex vertical gap={10} data-testid={testid}>
      {items.map((item) => {
        const amount = Number(item.amount);
        const share = max > 0 && amount > 0 ? Math.max(2, (amount / max) * 100) : 0;
        return (
          <div key={item.code} data-testid="home-rank-item" data-code={item.code}>
            <Flex justify="space-between" gap={8}>
              <Link to={rankingLink(by, item.code)} style={{ minWidth: 0, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
                {item.name}
              </Link>
              <Typography.Text strong style={{ whiteSpace: 'nowrap' }} title={t('money.yuan', { amount: formatMoney(item.amount) })}>
                {compact(item.amount)}
              </Typography.Text>
            </Flex>
            <Flex align="center" gap={8}>
              <div style={{ flex: 1, height: 6, background: '#f0f0f0', borderRadius: 3 }}>
                <div style={{ width: `${share}%`, height: '100%', background: THIS_YEAR_COLOR, borderRadius: 3 }} />
              </div>
              <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
                {t('home.ranking.projects', { count: item.count })}
              </Typography.Text>
            </Flex>
          </div>
        );
      })}
    </Flex>
  );
}

/** The five places with the most funds in place and the five with the least (provinces, or a province's counties). */
export function RankingCard({ by, province }: { by: 'province' | 'county'; province?: string }) {
  const { t } = useTranslation();
  const rollup = useRollup({ group_by: by, province });
  const coverage = useCoverage(province);
  // places without a project are ranked too: the western provinces, or the province's key counties
  const candidates = useMemo(
    () =>
      by === 'province'
        ? (coverage.data?.by_province ?? []).map((p) => ({ code: p.province_code, name: p.province_name }))
        : (coverage.data?.counties ?? []).map((c) => ({ code: c.code, name: c.name })),
    [by, coverage.data],
  );
  return (
    <Card title={t(`home.ranking.${by}`)} data-testid="home-ranking">
      <QueryState query={rollup}>
        {(r) => {
          const { top, bottom } = topAndBottom(rankItems(r.rows, by, candidates));
          if (top.length === 0) return <EmptyState />;
          const max = Number(top[0].amount);
          return (
            <Row gutter={[32, 16]}>
              <Col xs={24} md={12}>
                <Typography.Title level={5} style={{ marginTop: 0 }}>
                  {t('home.ranking.top')}
                </Typography.Title>
                <RankList items={top} max={max} by={by} testid="home-ranking-top" />
              </Col>
              {bottom.length > 0 && (
                <Col xs={24} md={12}>
                  <Typography.Title level={5} style={{ marginTop: 0 }}>
                    {t('home.ranking.bottom')}
                  </Typography.Title>
                  <RankList items={bottom} max={max} by={by} testid="home-ranking-bottom" />
                </Col>
              )}
            </Row>
          );
        }}
      </QueryState>
    </Card>
  );
}

// ---- projects by status -------------------------------------------------------------------------

export function ByStatusCard({ layout }: { layout: HomeLayout }) {
  const { t } = useTranslation();
  const rollup = useRollup({ ...layout.area, group_by: 'status' });
  return (
    <Card title={t('home.byStatus.title')} style={{ height: '100%' }} data-testid="home-by-status">
      <QueryState query={rollup}>
        {(r) => {
          const counts = new Map(r.rows.map((row) => [row.status, row.figures.count]));
          const max = Math.max(1, ...counts.values());
          return (
            <Flex vertical gap={10}>
              {PROJECT_STATUSES.map((s) => {
                const n = counts.get(s) ?? 0;
                return (
                  <Link key={s} to={statusLink(layout, s)} data-testid={`home-status-${s}`} style={{ color: 'inherit' }}>
                    <Flex align="center" gap={8}>
                      <span style={{ width: 64, flex: 'none' }}>
                        <ProjectStatusTag status={s} />
                      </span>
                      <div style={{ flex: 1, height: 8, background: '#f0f0f0', borderRadius: 4 }}>
                        <div style={{ width: `${(n / max) * 100}%`, height: '100%', background: THIS_YEAR_COLOR, borderRadius: 4 }} />
                      </div>
                      <Typography.Text strong style={{ width: 40, textAlign: 'right' }} data-testid={`home-status-${s}-count`}>
                        {n}
                      </Typography.Text>
                    </Flex>
                  </Link>
                );
              })}
              <Typography.Text type="secondary">{t('home.byStatus.total', { count: r.totals.count })}</Typography.Text>
            </Flex>
          );
        }}
      </QueryState>
    </Card>
  );
}
