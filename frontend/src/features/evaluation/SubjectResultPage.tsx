import { Alert, Button, Card, Col, Descriptions, Flex, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { DimensionResult, IndicatorMetric, IndicatorResult, SubjectResult } from '../../api/types';
import { DetailFields } from '../../components/DetailFields';
import { EChart } from '../../components/EChart';
import { PageHeader } from '../../components/PageHeader';
import { useProvinceName } from '../../components/referenceData';
import { QueryState } from '../../components/states';
import { useIndicatorMetrics, useRound, useSubjectResult } from './api';
import './radar';
import {
  allEqual,
  computedFormula,
  expertFormula,
  flagOf,
  formatScore,
  keptScores,
  pointsFormula,
  radarOption,
  totalFormula,
} from './resultLogic';

/**
 * One subject's explained result: its rank and total, its dimensions against the round's median,
 * and every indicator — the raw figure and how it was normalized, or the experts' scores and how
 * they were combined — with the points it gives. Each total on the page is the sum shown next to it.
 */
export function SubjectResultPage() {
  const { id = '', subjectId = '' } = useParams();
  const { t } = useTranslation();
  const round = useRound(id);
  const result = useSubjectResult(id, subjectId);
  const roundUrl = `/evaluation/rounds/${id}?tab=results`;
  return (
    <>
      <PageHeader
        breadcrumb={[
          { title: t('evaluation.round.title'), to: '/evaluation/rounds' },
          { title: round.data?.data.name ?? t('evaluation.round.detailTitle'), to: roundUrl },
        ]}
        title={result.data?.name ?? t('evaluation.result.detailTitle')}
        subTitle={round.data ? `${round.data.data.framework_name} v${round.data.data.framework_version}` : undefined}
        extra={
          <Link to={roundUrl}>
            <Button icon={<ArrowLeftOutlined />}>{t('evaluation.result.backToRanking')}</Button>
          </Link>
        }
      />
      <QueryState query={result}>{(r) => <ResultBody result={r} />}</QueryState>
    </>
  );
}

function ResultBody({ result: r }: { result: SubjectResult }) {
  const { t, i18n } = useTranslation();
  const provinceName = useProvinceName();
  const fmt = (n: number | null | undefined) => formatScore(n, i18n.language);
  const b = r.breakdown;
  return (
    <Flex vertical gap={24}>
      <Row gutter={[24, 24]}>
        <Col xs={24} lg={10}>
          <Card size="small" title={t('evaluation.result.summary')} data-testid="result-summary" style={{ height: '100%' }}>
            <Flex gap={32} wrap>
              <Statistic title={t('evaluation.result.total')} value={fmt(b.total)} data-testid="result-detail-total" />
              <Statistic title={t('evaluation.result.rank')} value={t('evaluation.result.rankOf', { rank: r.rank, count: r.subjects })} data-testid="result-detail-rank" />
            </Flex>
            <DetailFields size="small" column={1} style={{ marginTop: 16 }}>
              {r.province_code && <Descriptions.Item label={t('evaluation.result.province')}>{provinceName(r.province_code)}</Descriptions.Item>}
              <Descriptions.Item label={t('evaluation.result.totalHow')}>
                <Typography.Text code data-testid="result-total-formula">
                  {totalFormula(b.dimensions, b.total, fmt)}
                </Typography.Text>
              </Descriptions.Item>
            </DetailFields>
            <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
              {t('evaluation.result.totalExplained')}
            </Typography.Paragraph>
            {b.flags.length > 0 && (
              <Alert type="warning" showIcon style={{ marginTop: 12 }} data-testid="result-flags-alert" title={t('evaluation.result.flagsAlert', { count: b.flags.length })} />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          <Card size="small" title={t('evaluation.result.chartTitle')} data-testid="result-chart">
            <EChart
              height={300}
              option={radarOption(r, { subject: r.name, median: t('evaluation.result.median') })}
            />
            <DimensionMedians result={r} fmt={fmt} />
          </Card>
        </Col>
      </Row>
      {b.dimensions.map((d, k) => (
        <DimensionBreakdown key={d.code} dimension={d} index={k} fmt={fmt} />
      ))}
    </Flex>
  );
}

/** Each dimension's score next to the round's median, as text under the chart. */
function DimensionMedians({ result: r, fmt }: { result: SubjectResult; fmt: (n: number | null | undefined) => string }) {
  const { t } = useTranslation();
  return (
    <Flex gap={8} wrap style={{ marginTop: 8 }} data-testid="result-medians">
      {r.breakdown.dimensions.map((d) => {
        const median = r.medians[d.code];
        const above = median != null && d.score >= median;
        return (
          <Tag key={d.code} color={above ? 'blue' : 'orange'}>
            {t('evaluation.result.vsMedian', { name: d.name, score: fmt(d.score), median: fmt(median) })}
          </Tag>
        );
      })}
    </Flex>
  );
}

function DimensionBreakdown({ dimension: d, index, fmt }: { dimension: DimensionResult; index: number; fmt: (n: number | null | undefined) => string }) {
  const { t } = useTranslation();
  const metrics = useIndicatorMetrics();
  const byCode = new Map((metrics.data?.items ?? []).map((m) => [m.code, m]));
  return (
    <Card
      size="small"
      data-testid={`result-dimension-${index}`}
      title={
        <Space size={8} wrap>
          <span>{d.name}</span>
          <Tag>{t('evaluation.result.weight', { weight: d.weight })}</Tag>
        </Space>
      }
    >
      <Flex gap={16} wrap style={{ marginBottom: 8 }}>
        <span>
          {t('evaluation.result.dimensionScore')}
          <Typography.Text strong> {fmt(d.score)}</Typography.Text>
        </span>
        <span>
          {t('evaluation.result.pointsToTotal')}
          <Typography.Text code data-testid="dimension-points">
            {pointsFormula(d, fmt)}
          </Typography.Text>
        </span>
      </Flex>
      <Table<IndicatorResult>
        size="small"
        rowKey="code"
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={d.indicators}
        data-testid={`result-indicators-${index}`}
        columns={[
          {
            key: 'name',
            title: t('evaluation.result.indicator'),
            render: (_, i) => (
              <Flex vertical>
                <Typography.Text strong>{i.name}</Typography.Text>
                <Typography.Text type="secondary">{i.code}</Typography.Text>
              </Flex>
            ),
          },
          {
            key: 'method',
            title: t('evaluation.tree.method'),
            render: (_, i) => <Tag color={i.method === 'expert' ? 'purple' : 'geekblue'}>{t(`evaluation.methods.${i.method}`)}</Tag>,
          },
          {
            key: 'basis',
            title: t('evaluation.result.basis'),
            render: (_, i) => (i.method === 'computed' ? <ComputedBasis indicator={i} metric={i.metric ? byCode.get(i.metric) : undefined} fmt={fmt} /> : <ExpertBasis indicator={i} fmt={fmt} />),
          },
          { key: 'score', title: t('evaluation.result.score'), align: 'right', render: (_, i) => <Typography.Text strong>{fmt(i.score)}</Typography.Text> },
          { key: 'weight', title: t('evaluation.result.indicatorWeight'), align: 'right', render: (_, i) => `${i.weight}%` },
          {
            key: 'points',
            title: t('evaluation.result.points'),
            align: 'right',
            render: (_, i) => (
              <Flex vertical align="flex-end">
                <Typography.Text strong>{fmt(i.points)}</Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {pointsFormula(i, fmt)}
                </Typography.Text>
              </Flex>
            ),
          },
        ]}
        summary={() => (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0} colSpan={5}>
              <Typography.Text type="secondary">{t('evaluation.result.dimensionSum', { parts: d.indicators.map((i) => fmt(i.points)).join(' + ') })}</Typography.Text>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={1} align="right">
              <Typography.Text strong data-testid="dimension-score">
                {fmt(d.score)}
              </Typography.Text>
            </Table.Summary.Cell>
          </Table.Summary.Row>
        )}
      />
    </Card>
  );
}

/** A computed indicator: its metric and raw figure, and how the figure became a 0–100 score. */
function ComputedBasis({ indicator: i, metric, fmt }: { indicator: IndicatorResult; metric?: IndicatorMetric; fmt: (n: number | null | undefined) => string }) {
  const { t, i18n } = useTranslation();
  const name = metric ? (i18n.language === 'en' ? metric.name_en : metric.name_zh) : i.metric;
  return (
    <Flex vertical gap={2} style={{ minWidth: 240 }} data-testid="basis-computed">
      <span>
        {t('evaluation.labelled', { label: name })}
        <Typography.Text strong>{fmt(i.raw)}</Typography.Text> {metric?.unit}
      </span>
      <span>
        {t(`evaluation.normalizations.${i.normalization ?? 'min_max'}`)}
        {i.normalization === 'target'
          ? t('evaluation.result.againstTarget', { target: fmt(i.target) })
          : t('evaluation.result.againstRange', { min: fmt(i.min), max: fmt(i.max) })}
      </span>
      <Typography.Text code>{computedFormula(i, fmt)}</Typography.Text>
      {allEqual(i) && <Typography.Text type="secondary">{t('evaluation.result.allEqual')}</Typography.Text>}
    </Flex>
  );
}

/** An expert indicator: each expert's score and comment, how they were combined, and their spread. */
function ExpertBasis({ indicator: i, fmt }: { indicator: IndicatorResult; fmt: (n: number | null | undefined) => string }) {
  const { t } = useTranslation();
  const flag = flagOf(i);
  const { dropped } = keptScores(i);
  if (i.scores.length === 0) {
    return (
      <Tag color="error" data-testid="basis-unscored">
        {t('evaluation.result.flags_unscored')}
      </Tag>
    );
  }
  return (
    <Flex vertical gap={2} style={{ minWidth: 260 }} data-testid="basis-expert">
      {i.scores.map((s, k) => (
        <span key={`${s.evaluator}-${k}`}>
          {t('evaluation.labelled', { label: s.evaluator })}
          <Typography.Text strong>{s.score}</Typography.Text>
          {s.comment && <Typography.Text type="secondary">{t('evaluation.result.comment', { comment: s.comment })}</Typography.Text>}
        </span>
      ))}
      <span>
        {t(`evaluation.aggregations.${i.aggregation ?? 'mean'}`)}
        {dropped.length > 0 && <Typography.Text type="secondary">{t('evaluation.result.dropped', { scores: dropped.join(t('evaluation.listSeparator')) })}</Typography.Text>}
      </span>
      <Typography.Text code>{expertFormula(i, fmt)}</Typography.Text>
      <Space size={4}>
        <span>{t('evaluation.result.spread', { spread: fmt(i.spread) })}</span>
        {flag === 'spread' && (
          <Tag color="warning" data-testid="basis-spread-flag">
            {t('evaluation.result.flags_spread')}
          </Tag>
        )}
      </Space>
    </Flex>
  );
}
