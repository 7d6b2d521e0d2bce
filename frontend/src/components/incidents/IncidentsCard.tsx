import type { ReactNode } from 'react';
import { Card, Flex, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Incident } from '../../api/types';
import { useFormatDateTime } from '../format';
import { EmptyState, ErrorState } from '../states';
import { IncidentStatusTag, SeverityTag } from './IncidentTags';
import { useIncidentList } from './incidentsApi';

/** How many of an organization's or project's incidents its page shows; 查看全部 opens the rest. */
export const SECTION_SIZE = 10;

/**
 * 事件: the latest incidents of one organization or project, on its page, with a link to all of
 * them in the incidents list and, in `extra`, the page's 报告事件 button.
 */
export function IncidentsCard({ organization, project, extra }: { organization?: string; project?: string; extra?: ReactNode }) {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  const incidents = useIncidentList({ organization, project, limit: SECTION_SIZE, count: true });
  const all = `/incidents?${new URLSearchParams(organization ? { organization } : { project: project ?? '' }).toString()}`;
  const total = incidents.data?.total ?? 0;
  return (
    <Card
      title={t('incidents.section')}
      size="small"
      data-testid="incidents-card"
      extra={
        <Flex gap={8} align="center" wrap>
          {extra}
          {total > 0 && (
            <Link to={all} data-testid="incidents-card-all">
              {t('incidents.viewAll', { count: total })}
            </Link>
          )}
        </Flex>
      }
    >
      {incidents.isError ? (
        <ErrorState error={incidents.error} onRetry={() => void incidents.refetch()} />
      ) : (
        <Table<Incident>
          data-testid="incidents-card-table"
          scroll={{ x: 'max-content' }}
          rowKey="id"
          size="small"
          loading={incidents.isPending}
          pagination={false}
          dataSource={incidents.data?.items}
          locale={{ emptyText: incidents.isPending ? ' ' : <EmptyState description={t('incidents.noneHere')} /> }}
          columns={[
            {
              title: t('incidents.name'),
              dataIndex: 'title',
              render: (title: string, i) => (
                <Typography.Text style={{ maxWidth: 'min(260px, 50vw)' }} ellipsis={{ tooltip: title }}>
                  <Link to={`/incidents/${i.id}`}>{title}</Link>
                </Typography.Text>
              ),
            },
            { title: t('incidents.severityLabel'), dataIndex: 'severity', render: (s: Incident['severity']) => <SeverityTag severity={s} /> },
            { title: t('incidents.statusLabel'), dataIndex: 'status', render: (s: Incident['status']) => <IncidentStatusTag status={s} /> },
            { title: t('incidents.occurredAt'), dataIndex: 'occurred_at', render: (at: string) => formatDateTime(at) },
          ]}
        />
      )}
    </Card>
  );
}
