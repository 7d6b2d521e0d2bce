import { Card, Col, Flex, Row, Table, Tag, Typography } from 'antd';
import { CrownOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { ResultRow, ShowcaseHonor, ShowcaseRanking } from '../../api/types';
import { useSession } from '../../session/context';
import { EmptyState } from '../../components/states';
import { honorsBySelection, usePublicProvinceName } from './api';

/** 优秀社会组织与知名公益品牌: the selected of each published selection (选树), a card per selection. */
export function HonorsSection({ honors }: { honors: readonly ShowcaseHonor[] }) {
  const { t } = useTranslation();
  const provinceName = usePublicProvinceName(useSession().status === 'authenticated');
  const groups = honorsBySelection(honors);
  if (groups.length === 0) {
    return (
      <Card>
        <EmptyState description={t('selections.showcase.none')} />
      </Card>
    );
  }
  return (
    <Row gutter={[16, 16]}>
      {groups.map((g) => (
        <Col key={g.selection_id} xs={24} md={12}>
          <Card
            data-testid="showcase-honor-group"
            style={{ height: '100%' }}
            title={
              <Flex gap={8} align="center" wrap>
                <CrownOutlined style={{ color: '#d4b106' }} aria-hidden />
                <span>{g.title}</span>
              </Flex>
            }
            extra={<Tag color={g.kind === 'outstanding_organization' ? 'geekblue' : 'gold'}>{t(`selections.kinds.${g.kind}`)}</Tag>}
          >
            <Flex vertical gap={8}>
              {g.honors.map((h) => (
                <Flex key={h.subject_id} justify="space-between" gap={12} data-testid="showcase-honor">
                  <Typography.Text strong>{h.subject_name}</Typography.Text>
                  {provinceName && (
                    <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
                      {provinceName(h.province_code)}
                    </Typography.Text>
                  )}
                </Flex>
              ))}
            </Flex>
          </Card>
        </Col>
      ))}
    </Row>
  );
}

/** 评估排名: the top of each published evaluation round, as many as the round publishes. */
export function RankingsSection({ rankings }: { rankings: readonly ShowcaseRanking[] }) {
  const { t } = useTranslation();
  const provinceName = usePublicProvinceName(useSession().status === 'authenticated');
  if (rankings.length === 0) {
    return (
      <Card>
        <EmptyState description={t('scoring.ranking.none')} />
      </Card>
    );
  }
  return (
    <Row gutter={[16, 16]}>
      {rankings.map((r) => (
        <Col key={r.round_id} xs={24} lg={12}>
          <Card
            data-testid="showcase-ranking"
            style={{ height: '100%' }}
            title={r.name}
            extra={<Tag>{t(`scoring.ranking.subjects.${r.subject_type}`)}</Tag>}
          >
            <Table<ResultRow>
              size="small"
              rowKey="subject_id"
              pagination={false}
              dataSource={r.rows}
              locale={{ emptyText: <EmptyState /> }}
              columns={[
                {
                  title: t('scoring.ranking.rank'),
                  dataIndex: 'rank',
                  width: 64,
                  render: (rank: number) => <Tag color={rank === 1 ? 'gold' : rank <= 3 ? 'orange' : undefined}>{rank}</Tag>,
                },
                { title: t('scoring.ranking.name'), dataIndex: 'name', render: (name: string) => <span data-testid="showcase-ranking-name">{name}</span> },
                ...(provinceName
                  ? [{ title: t('scoring.ranking.province'), dataIndex: 'province_code', responsive: ['sm' as const], render: (c: string | null) => (c ? provinceName(c) : '—') }]
                  : []),
                { title: t('scoring.ranking.total'), dataIndex: 'total', align: 'right', render: (v: number) => (Math.round(v * 10) / 10).toFixed(1) },
              ]}
            />
          </Card>
        </Col>
      ))}
    </Row>
  );
}
