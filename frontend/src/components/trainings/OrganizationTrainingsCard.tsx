import { Card, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Training } from '../../api/types';
import { EmptyState, ErrorState } from '../states';
import { TrainingDates, TrainingStatusTag } from './TrainingTags';
import { useTrainingList } from './trainingsApi';

/** How many of an organization's trainings its page shows; 查看全部 opens the rest in the list. */
export const ORGANIZATION_TRAININGS_SHOWN = 10;

/** 参加的培训: the trainings an organization was (or is to be) trained in, latest first. */
export function OrganizationTrainingsCard({ organizationId }: { organizationId: string }) {
  const { t } = useTranslation();
  const trainings = useTrainingList({ organization: organizationId, limit: ORGANIZATION_TRAININGS_SHOWN, count: true });
  const total = trainings.data?.total ?? 0;
  return (
    <Card
      title={t('trainings.orgSection.title')}
      data-testid="org-trainings"
      extra={
        total > ORGANIZATION_TRAININGS_SHOWN && (
          <Link to={`/trainings?${new URLSearchParams({ organization: organizationId }).toString()}`} data-testid="org-trainings-all">
            {t('trainings.orgSection.viewAll', { count: total })}
          </Link>
        )
      }
    >
      {trainings.isError ? (
        <ErrorState error={trainings.error} onRetry={() => void trainings.refetch()} />
      ) : (
        <Table<Training>
          data-testid="org-trainings-table"
          scroll={{ x: 'max-content' }}
          rowKey="id"
          size="small"
          loading={trainings.isPending}
          pagination={false}
          dataSource={trainings.data?.items}
          locale={{ emptyText: trainings.isPending ? ' ' : <EmptyState description={t('trainings.orgSection.empty')} /> }}
          columns={[
            {
              title: t('trainings.name'),
              dataIndex: 'title',
              render: (title: string, tr) => (
                <Typography.Text style={{ maxWidth: 'min(280px, 50vw)' }} ellipsis={{ tooltip: title }}>
                  <Link to={`/trainings/${tr.id}`}>{title}</Link>
                </Typography.Text>
              ),
            },
            { title: t('trainings.organizer'), dataIndex: 'organizer' },
            { title: t('trainings.dates'), render: (_, tr) => <TrainingDates training={tr} /> },
            { title: t('trainings.status'), dataIndex: 'status', render: (s: Training['status']) => <TrainingStatusTag status={s} /> },
          ]}
        />
      )}
    </Card>
  );
}
