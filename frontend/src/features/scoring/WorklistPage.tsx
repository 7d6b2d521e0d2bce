import { Button, Flex, Progress, Space, Typography } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { Assignment } from '../../api/types';
import { useFormatDateTime } from '../../components/format';
import { ListTable, type ListColumn } from '../../components/ListTable';
import { useListTable } from '../../components/listTable';
import { PageHeader } from '../../components/PageHeader';
import { useMyAssignments } from './api';
import { percent } from './scoringLogic';
import { AssignmentStatusTag, RoundStatusTag } from './ScoringTags';

/** 评审任务: the expert's assignments, the rounds being scored first, each with how far its scoring is. */
export function WorklistPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const formatDateTime = useFormatDateTime();
  const assignments = useMyAssignments();
  const table = useListTable('scoring-worklist');

  const columns: ListColumn<Assignment>[] = [
    {
      key: 'round',
      title: t('scoring.round'),
      dataIndex: 'round_name',
      render: (name: string, a) => (
        <Space size={4} wrap>
          <span>{name}</span>
          <RoundStatusTag status={a.round_status} />
        </Space>
      ),
    },
    {
      key: 'subject',
      always: true,
      title: t('scoring.subject'),
      dataIndex: 'subject_name',
      render: (name: string, a) => (
        <Link to={`/scoring/${a.id}`} data-testid="assignment-subject" onClick={(e) => e.stopPropagation()}>
          {name}
        </Link>
      ),
    },
    { key: 'status', always: true, title: t('scoring.statusCol'), dataIndex: 'status', render: (s: Assignment['status']) => <AssignmentStatusTag status={s} /> },
    {
      key: 'progress',
      title: t('scoring.progress'),
      render: (_, a) => (
        <Flex align="center" gap={8} style={{ minWidth: 140 }} data-testid="assignment-progress">
          <Progress percent={percent(a.scored, a.to_score)} size="small" showInfo={false} style={{ flex: 1, margin: 0 }} status={a.status === 'submitted' ? 'success' : 'normal'} />
          <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>{`${a.scored}/${a.to_score}`}</Typography.Text>
        </Flex>
      ),
    },
    { key: 'updated', title: t('scoring.updatedAt'), dataIndex: 'updated_at', render: (at: string) => formatDateTime(at) },
    {
      key: 'open',
      noExport: true,
      title: t('common.actions'),
      render: (_, a) => (
        <Link to={`/scoring/${a.id}`} onClick={(e) => e.stopPropagation()}>
          <Button size="small" type={a.round_status === 'scoring' && a.status === 'assigned' ? 'primary' : 'default'}>
            {a.round_status === 'scoring' && a.status === 'assigned' ? t('scoring.score') : t('scoring.view')}
          </Button>
        </Link>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('scoring.title')}
        subTitle={t('scoring.subtitle')}
        extra={
          <Link to="/scoring/ties">
            <Button icon={<SafetyCertificateOutlined />}>{t('scoring.ties.menu')}</Button>
          </Link>
        }
      />
      <ListTable<Assignment>
        table={table}
        query={assignments}
        testId="assignment-table"
        rowKey="id"
        columns={columns}
        emptyText={t('scoring.empty')}
        onRow={(a) => ({ onClick: () => void navigate(`/scoring/${a.id}`), style: { cursor: 'pointer' } })}
      />
    </>
  );
}
