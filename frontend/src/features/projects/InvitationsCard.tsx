import { Card, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ProjectSummary } from '../../api/types';
import { ProjectStatusTag } from '../../components/EnumTags';
import { useFormatDateTime } from '../../components/format';
import { ErrorState } from '../../components/states';
import { useProjects } from './api';

/**
 * An organization's pending project invitations: projects others docked naming it, which it joins
 * only by accepting. Shown to its members above the list; nothing when there are none.
 */
export function InvitationsCard({ organizationId }: { organizationId: string }) {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  const invitations = useProjects({ awaiting_organization: organizationId, limit: 50 });
  if (invitations.isError) return <ErrorState error={invitations.error} onRetry={() => void invitations.refetch()} />;
  const items = invitations.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <Card title={t('project.invitations')} size="small" style={{ marginBottom: 16 }} data-testid="project-invitations">
      <Typography.Paragraph type="secondary">{t('project.invitationsHint')}</Typography.Paragraph>
      <Table<ProjectSummary>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={items}
        columns={[
          { title: t('project.name'), dataIndex: 'title' },
          { title: t('project.county'), render: (_, p) => `${p.county_name}（${p.county_code}）` },
          { title: t('project.role'), render: (_, p) => t(`projectRole.${p.organizations.find((o) => o.organization_id === organizationId)?.role ?? 'partner'}`) },
          { title: t('project.status'), render: (_, p) => <ProjectStatusTag status={p.status} /> },
          { title: t('project.lastActivity'), render: (_, p) => formatDateTime(p.updated_at) },
          {
            title: t('common.actions'),
            render: (_, p) => (
              <Link to={`/projects/${p.id}`} data-testid="project-invitation-open">
                {t('project.answer')}
              </Link>
            ),
          },
        ]}
      />
    </Card>
  );
}
