import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Flex, Space, Typography } from 'antd';
import { ArrowLeftOutlined, EditOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError, problemMessage } from '../../api/problem';
import type { Incident, IncidentStatus } from '../../api/types';
import { DetailFields } from '../../components/DetailFields';
import { OrgStatusTag } from '../../components/EnumTags';
import { useFormatDateTime } from '../../components/format';
import { IncidentKindTag, IncidentStatusTag, SeverityTag } from '../../components/incidents/IncidentTags';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/states';
import { StatusTimeline } from '../../components/StatusTimeline';
import { useCurrentUser } from '../../session/context';
import { useIncident, useTransitionIncident } from './api';
import { HandlingLog } from './HandlingLog';
import { IncidentEditModal } from './IncidentEditModal';
import { mayEdit, timelineColor } from './incidentLogic';
import { IncidentTransitionButtons } from './IncidentTransitionButtons';

/** One incident: its status and moves, what happened, the handling log and the status history. */
export function IncidentDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const user = useCurrentUser();
  const incident = useIncident(id);
  const move = useTransitionIncident(id);
  const [editing, setEditing] = useState(false);

  return (
    <>
      <PageHeader
        breadcrumb={[{ title: t('incidents.title'), to: '/incidents' }]}
        title={incident.data ? incident.data.data.title : t('incidents.detailTitle')}
        subTitle={incident.data ? `${incident.data.data.organization_name} · ${incident.data.data.county_name}` : undefined}
        extra={
          <Link to="/incidents">
            <Button icon={<ArrowLeftOutlined />}>{t('common.back')}</Button>
          </Link>
        }
      />
      <QueryState query={incident}>
        {({ data: i, etag }) => {
          const onMove = (to: IncidentStatus, reason: string | undefined) =>
            move
              .mutateAsync({ body: { to, ...(reason ? { reason } : {}) }, etag: etag ?? '' })
              .then(() => void message.success(t('incidents.moved', { status: t(`incidents.status.${to}`) })))
              .catch((e: unknown) => {
                // 412: someone moved it first (it is read again); 409: not a move from its status now
                void (e instanceof ApiError && e.status === 412 ? message.warning(t('error.stale')) : message.error(problemMessage(e, t)));
                throw e;
              });
          return (
            <Flex vertical gap={24}>
              {i.organization_status !== 'active' && (
                <Alert
                  type={i.organization_status === 'revoked' ? 'error' : 'warning'}
                  showIcon
                  data-testid="incident-org-alert"
                  title={t('incidents.orgNotActive', { name: i.organization_name, status: t(`orgStatus.${i.organization_status}`) })}
                  description={t('incidents.orgNotActiveHint')}
                />
              )}
              <Card
                title={t('incidents.actions')}
                size="small"
                extra={
                  mayEdit(user.role, i) && (
                    <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="incident-edit">
                      {t('incidents.edit')}
                    </Button>
                  )
                }
              >
                <Flex gap={12} wrap align="center">
                  <Space size={4}>
                    <IncidentStatusTag status={i.status} />
                    <SeverityTag severity={i.severity} />
                  </Space>
                  <IncidentTransitionButtons incident={i} pending={move.isPending} onMove={onMove} />
                </Flex>
              </Card>
              {editing && <IncidentEditModal incident={i} etag={etag ?? ''} onClose={() => setEditing(false)} onReload={() => void incident.refetch()} />}
              <Flex gap={24} wrap align="flex-start">
                {/* minWidth 0: on a phone each column is the screen's width, whatever its widest line */}
                <Flex vertical gap={24} style={{ flex: '2 1 520px', minWidth: 0 }}>
                  <Details incident={i} />
                  <HandlingLog incident={i} />
                </Flex>
                <Card title={t('incidents.history')} size="small" style={{ flex: '1 1 300px', minWidth: 0 }}>
                  <StatusTimeline
                    testId="incident-history"
                    events={i.history}
                    createdLabel={t('incidents.timelineCreated')}
                    label={(s) => t(`incidents.status.${s}`)}
                    color={timelineColor}
                  />
                </Card>
              </Flex>
            </Flex>
          );
        }}
      </QueryState>
    </>
  );
}

function Details({ incident: i }: { incident: Incident }) {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  return (
    <DetailFields bordered column={{ xs: 1, md: 2 }} size="small" title={t('incidents.details')} data-testid="incident-detail" styles={{ label: { width: 120 } }}>
      <Descriptions.Item label={t('incidents.kindLabel')}>
        <IncidentKindTag kind={i.kind} />
      </Descriptions.Item>
      <Descriptions.Item label={t('incidents.severityLabel')}>
        <SeverityTag severity={i.severity} />
      </Descriptions.Item>
      <Descriptions.Item label={t('incidents.organization')}>
        <Space size={4} wrap>
          <Link to={`/organizations/${i.organization_id}`} data-testid="incident-organization-link">
            {i.organization_name}
          </Link>
          <OrgStatusTag status={i.organization_status} />
        </Space>
      </Descriptions.Item>
      <Descriptions.Item label={t('incidents.project')}>
        {i.project_id ? (
          <Link to={`/projects/${i.project_id}`} data-testid="incident-project-link">
            {i.project_title ?? t('incidents.viewProject')}
          </Link>
        ) : (
          '—'
        )}
      </Descriptions.Item>
      <Descriptions.Item label={t('incidents.county')}>
        <Link to={`/counties/${i.county_code}`}>{`${i.county_name}（${i.county_code}）`}</Link>
      </Descriptions.Item>
      <Descriptions.Item label={t('incidents.occurredAt')}>{formatDateTime(i.occurred_at)}</Descriptions.Item>
      <Descriptions.Item label={t('incidents.reportedBy')}>{i.reported_by}</Descriptions.Item>
      <Descriptions.Item label={t('incidents.reportedAt')}>{formatDateTime(i.created_at)}</Descriptions.Item>
      {i.resolved_at && <Descriptions.Item label={t('incidents.resolvedAt')}>{formatDateTime(i.resolved_at)}</Descriptions.Item>}
      <Descriptions.Item label={t('incidents.updatedAt')}>{formatDateTime(i.updated_at)}</Descriptions.Item>
      <Descriptions.Item label={t('incidents.description')} span={{ xs: 1, md: 2 }}>
        <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }} data-testid="incident-description">
          {i.description}
        </Typography.Paragraph>
      </Descriptions.Item>
    </DetailFields>
  );
}
