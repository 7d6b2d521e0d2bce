import { useMemo } from 'react';
import { Card, Col, Divider, Flex, Row, Statistic, Table, Tag, Typography } from 'antd';
import { useQueries, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { scoringKeys } from '../../api/queryKeys';
import type { EvaluationRound, SubjectResult, SubjectType } from '../../api/types';
import { EChart } from '../EChart';
import { dimensionBarsOption, dimensionLines, round1, type DimensionLine } from './results';

/**
 * 评估结果: the published rounds that evaluated this organization or brand, each with its total,
 * its rank of all subjects, and every dimension's score beside the round's median. Shown only
 * when there is one. Whether the subject is in a round is asked of the round's ranking
 * (`?subject=`; the explained result of a subject outside the round is a 404, which a page
 * should not provoke).
 */
export function EvaluationResultsCard({ subjectId, subjectType }: { subjectId: string; subjectType: SubjectType }) {
  const { t } = useTranslation();
  const query = { status: 'published' as const, subject_type: subjectType, limit: 20 };
  const rounds = useQuery({
    queryKey: scoringKeys.roundList(query),
    queryFn: () => unwrap(api.GET('/api/v1/evaluation-rounds', { params: { query } })),
  });
  const listed = useQueries({
    queries: (rounds.data?.items ?? []).map((r) => ({
      queryKey: scoringKeys.resultSearch(r.id, subjectId),
      queryFn: () =>
        unwrap(api.GET('/api/v1/evaluation-rounds/{id}/results', { params: { path: { id: r.id }, query: { subject: subjectId, limit: 1 } } })),
      select: (page: { items: { subject_id: string }[] }) => page.items.some((row) => row.subject_id === subjectId),
    })),
  });
  const evaluated = (rounds.data?.items ?? []).filter((_, i) => listed[i]?.data === true);
  const results = useQueries({
    queries: evaluated.map((r) => ({
      queryKey: scoringKeys.result(r.id, subjectId),
      queryFn: () => unwrap(api.GET('/api/v1/evaluation-rounds/{id}/results/{subject_id}', { params: { path: { id: r.id, subject_id: subjectId } } })),
    })),
  });
  const found = evaluated.flatMap((r, i) => {
    const data = results[i]?.data;
    return data ? [{ round: r, result: data }] : [];
  });
  if (found.length === 0) return null;
  return (
    <Card title={t('scoring.results.title')} data-testid="evaluation-results">
      <Flex vertical>
        {found.map(({ round, result }, i) => (
          <div key={round.id} data-testid="evaluation-result">
            {i > 0 && <Divider />}
            <RoundResult round={round} result={result} />
          </div>
        ))}
      </Flex>
    </Card>
  );
}

function RoundResult({ round, result }: { round: EvaluationRound; result: SubjectResult }) {
  const { t, i18n } = useTranslation();
  const lines = useMemo(() => dimensionLines(result), [result]);
  const option = useMemo(() => dimensionBarsOption(lines, { subject: t('scoring.results.thisSubject'), median: t('scoring.results.median') }), [lines, t]);
  return (
    <Flex vertical gap={12}>
      <Flex gap={8} wrap align="baseline">
        <Typography.Title level={5} style={{ margin: 0 }}>
          {round.name}
        </Typography.Title>
        <Typography.Text type="secondary">{t('scoring.results.period', { start: round.period_start, end: round.period_end })}</Typography.Text>
        {result.breakdown.flags.length > 0 && <Tag color="warning">{t('scoring.results.flagged', { count: result.breakdown.flags.length })}</Tag>}
      </Flex>
      <Row gutter={[16, 16]}>
        <Col xs={12} md={6}>
          <Statistic title={t('scoring.results.total')} value={0} valueRender={() => <span data-testid="result-total">{round1(result.breakdown.total).toLocaleString(i18n.language)}</span>} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic
            title={t('scoring.results.rank')}
            value={0}
            valueRender={() => <span data-testid="result-rank">{t('scoring.results.rankOf', { rank: result.rank, subjects: result.subjects })}</span>}
          />
        </Col>
        <Col xs={24} md={12}>
          <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
            {t('scoring.results.hint')}
          </Typography.Paragraph>
        </Col>
      </Row>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <div role="img" aria-label={t('scoring.results.chart')} data-testid="result-chart">
            <EChart option={option} height={Math.max(160, 56 * lines.length + 40)} />
          </div>
        </Col>
        <Col xs={24} lg={12}>
          <Table<DimensionLine>
            size="small"
            rowKey="code"
            pagination={false}
            scroll={{ x: 'max-content' }}
            dataSource={lines}
            data-testid="result-dimensions"
            columns={[
              { title: t('scoring.results.dimension'), dataIndex: 'name' },
              { title: t('scoring.results.weight'), dataIndex: 'weight', align: 'right', render: (w: number) => `${w}%` },
              { title: t('scoring.results.score'), dataIndex: 'score', align: 'right' },
              { title: t('scoring.results.median'), dataIndex: 'median', align: 'right', render: (m: number | null) => m ?? '—' },
              { title: t('scoring.results.points'), dataIndex: 'points', align: 'right' },
            ]}
          />
        </Col>
      </Row>
    </Flex>
  );
}
