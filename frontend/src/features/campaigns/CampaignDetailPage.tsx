import { useMemo, useState } from 'react';
import { Alert, Button, Card, Descriptions, Flex, Space, Statistic, Table, Tag, Typography } from 'antd';
import { DetailFields } from '../../components/DetailFields';
import { ArrowLeftOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { AtRiskProject, DockingEvent, EventFunnel, Funnel, FunnelStages, ProvinceFunnel } from '../../api/types';
import { EChart } from '../../components/EChart';
import { formatRate, useFormatDateTime } from '../../components/format';
import { useFormatMoney } from '../../components/money';
import { PageHeader } from '../../components/PageHeader';
import { useProvinceName } from '../../components/referenceData';
import { EmptyState, ErrorState, QueryState } from '../../components/states';
import { useCurrentUser } from '../../session/context';
import { canCreateDockingEvents } from '../../session/roles';
import { useCampaign, useDockingEvents, useFunnel } from './api';
import { CountyName } from './CountyName';
import { EventFormModal } from './EventFormModal';
import { funnelOption, funnelSteps, STAGES } from './funnel';

/** One campaign of the rural tour: its events and its funnel docked → signed → landed → completed. */
export function CampaignDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const user = useCurrentUser();
  const campaign = useCampaign(id);
  const provinceName = useProvinceName();

  return (
    <>
      <PageHeader
        breadcrumb={[{ title: t('campaign.title'), to: '/campaigns' }]}
        title={campaign.data ? `${campaign.data.year} · ${campaign.data.theme}` : t('campaign.detailTitle')}
        subTitle={t('campaign.title')}
        extra={
          <Link to="/campaigns">
            <Button icon={<ArrowLeftOutlined />}>{t('common.back')}</Button>
          </Link>
        }
      />
      <QueryState query={campaign}>
        {(c) => (
          <Flex vertical gap={24}>
            <DetailFields bordered size="small" column={{ xs: 1, md: 3 }} data-testid="campaign-detail">
              <Descriptions.Item label={t('campaign.year')}>{c.year}</Descriptions.Item>
              <Descriptions.Item label={t('campaign.provinces')}>
                {c.province_codes.length === 0 ? t('campaign.nationwide') : c.province_codes.map((p) => <Tag key={p}>{provinceName(p)}</Tag>)}
              </Descriptions.Item>
              <Descriptions.Item label={t('campaign.counties')}>
                {c.county_codes.length === 0
                  ? '—'
                  : c.county_codes.map((code) => (
                      <Tag key={code}>
                        <CountyName code={code} />
                      </Tag>
                    ))}
              </Descriptions.Item>
            </DetailFields>
            <FunnelSection campaignId={c.id} />
            <EventsCard campaignId={c.id} editable={canCreateDockingEvents(user.role)} />
          </Flex>
        )}
      </QueryState>
    </>
  );
}

function FunnelSection({ campaignId }: { campaignId: string }) {
  const { t } = useTranslation();
  const funnel = useFunnel(campaignId);
  return (
    <QueryState query={funnel}>
      {(f) => (
        <Flex vertical gap={24}>
          {f.scope !== 'all' && <Alert type="info" showIcon data-testid="funnel-scope" title={t(`funnel.scope.${f.scope}`)} />}
          <Card title={t('funnel.title')} data-testid="funnel">
            <Flex gap={24} wrap align="center">
              <div style={{ flex: '2 1 480px', minWidth: 320 }}>
                <FunnelChart stages={f} />
              </div>
              <div style={{ flex: '1 1 280px' }}>
                <StageFigures stages={f} />
              </div>
            </Flex>
          </Card>
          <Card title={t('funnel.byEvent')} size="small">
            <ByEventTable funnel={f} campaignId={campaignId} />
          </Card>
          <Card title={t('funnel.byProvince')} size="small">
            <ByProvinceTable rows={f.by_province} />
          </Card>
          {/* signed-but-not-landed projects are never published: nothing to list for this scope */}
          {f.scope !== 'published' && <AtRiskCard funnel={f} />}
        </Flex>
      )}
    </QueryState>
  );
}

function FunnelChart({ stages }: { stages: FunnelStages }) {
  const { t, i18n } = useTranslation();
  const option = useMemo(
    () =>
      funnelOption(
        funnelSteps(stages),
        (s) => t(`funnel.stage.${s}`),
        (r) => t('funnel.conversion', { rate: r }),
      ),
    // the labels follow the language
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [stages, i18n.language],
  );
  return (
    <div data-testid="funnel-chart" role="img" aria-label={t('funnel.title')}>
      <EChart option={option} height={300} />
    </div>
  );
}

function StageFigures({ stages }: { stages: FunnelStages }) {
  const { t } = useTranslation();
  const formatMoney = useFormatMoney();
  return (
    <Flex vertical gap={12} data-testid="funnel-figures">
      {funnelSteps(stages).map((s) => (
        <Flex key={s.stage} justify="space-between" align="baseline" gap={12}>
          <Typography.Text>{t(`funnel.stage.${s.stage}`)}</Typography.Text>
          <span>
            <Typography.Text strong style={{ fontSize: 20 }} data-testid={`funnel-${s.stage}`}>
              {s.count}
            </Typography.Text>
            {s.rate != null && (
              <Typography.Text type="secondary" data-testid={`funnel-${s.stage}-rate`}>
                {`  ${t('funnel.conversion', { rate: formatRate(s.rate) })}`}
              </Typography.Text>
            )}
          </span>
        </Flex>
      ))}
      <Statistic title={t('funnel.funds')} valueRender={() => <span data-testid="funnel-funds">{formatMoney(stages.funds)}</span>} />
    </Flex>
  );
}

function stageColumns(t: (k: string) => string) {
  return [
    ...STAGES.map((s) => ({
      title: t(`funnel.stage.${s}`),
      key: s,
      width: 90,
      align: 'right' as const,
      render: (_: unknown, r: { stages: FunnelStages }) => r.stages[s],
    })),
    {
      title: t('funnel.landedRate'),
      key: 'landed_rate',
      width: 90,
      align: 'right' as const,
      render: (_: unknown, r: { stages: FunnelStages }) => formatRate(r.stages.landed_rate),
    },
  ];
}

function ByEventTable({ funnel, campaignId }: { funnel: Funnel; campaignId: string }) {
  const { t } = useTranslation();
  const events = useDockingEvents(campaignId);
  const byId = new Map((events.data?.items ?? []).map((e) => [e.id, e]));
  return (
    <Table<EventFunnel>
      data-testid="funnel-by-event"
      scroll={{ x: 'max-content' }}
      size="small"
      rowKey={(r) => r.event_id ?? 'none'}
      pagination={false}
      dataSource={funnel.by_event}
      locale={{ emptyText: <EmptyState /> }}
      columns={[
        {
          title: t('funnel.event'),
          key: 'event',
          render: (_, r) => {
            if (!r.event_id) return <Typography.Text type="secondary">{t('funnel.outsideEvents')}</Typography.Text>;
            const e = byId.get(r.event_id);
            return <Link to={`/projects?event=${r.event_id}`}>{e ? `${e.date} · ${e.place}` : r.event_id}</Link>;
          },
        },
        ...stageColumns(t),
      ]}
    />
  );
}

function ByProvinceTable({ rows }: { rows: ProvinceFunnel[] }) {
  const { t } = useTranslation();
  const provinceName = useProvinceName();
  return (
    <Table<ProvinceFunnel>
      data-testid="funnel-by-province"
      scroll={{ x: 'max-content' }}
      size="small"
      rowKey="province_code"
      pagination={false}
      dataSource={rows}
      locale={{ emptyText: <EmptyState /> }}
      columns={[{ title: t('funnel.province'), dataIndex: 'province_code', render: (c: string) => provinceName(c) }, ...stageColumns(t)]}
    />
  );
}

function AtRiskCard({ funnel }: { funnel: Funnel }) {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  return (
    <Card
      size="small"
      title={
        <Space>
          {t('funnel.atRisk')}
          <Tag color={funnel.at_risk_total > 0 ? 'red' : 'default'} data-testid="at-risk-total">
            {funnel.at_risk_total}
          </Tag>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{t('funnel.atRiskHint')}</Typography.Paragraph>
      <Table<AtRiskProject>
        data-testid="at-risk"
        scroll={{ x: 'max-content' }}
        size="small"
        rowKey="project_id"
        pagination={false}
        dataSource={funnel.at_risk}
        locale={{ emptyText: <EmptyState description={t('funnel.noAtRisk')} /> }}
        columns={[
          { title: t('funnel.project'), dataIndex: 'title', render: (title: string, r) => <Link to={`/projects/${r.project_id}`}>{title}</Link> },
          { title: t('funnel.county'), dataIndex: 'county_code', render: (c: string) => <CountyName code={c} /> },
          { title: t('funnel.signedAt'), dataIndex: 'signed_at', render: (v: string | null) => formatDateTime(v) || '—' },
        ]}
      />
      {funnel.at_risk_total > funnel.at_risk.length && (
        <Typography.Text type="secondary">{t('funnel.atRiskMore', { count: funnel.at_risk_total - funnel.at_risk.length })}</Typography.Text>
      )}
    </Card>
  );
}

function EventsCard({ campaignId, editable }: { campaignId: string; editable: boolean }) {
  const { t } = useTranslation();
  const events = useDockingEvents(campaignId);
  const [open, setOpen] = useState(false);
  return (
    <Card
      title={t('campaign.events')}
      extra={
        editable && (
          <Button icon={<PlusOutlined />} onClick={() => setOpen(true)} data-testid="event-add">
            {t('campaign.addEvent')}
          </Button>
        )
      }
    >
      {events.isError ? (
        <ErrorState error={events.error} onRetry={() => void events.refetch()} />
      ) : (
        <Table<DockingEvent>
          data-testid="event-table"
          scroll={{ x: 'max-content' }}
          size="small"
          rowKey="id"
          loading={events.isPending}
          pagination={false}
          dataSource={events.data?.items}
          locale={{ emptyText: events.isPending ? ' ' : <EmptyState /> }}
          columns={[
            { title: t('campaign.eventDate'), dataIndex: 'date', width: 120 },
            { title: t('campaign.place'), dataIndex: 'place' },
            { title: t('campaign.county'), dataIndex: 'county_code', render: (c: string) => <CountyName code={c} /> },
            { title: t('campaign.participants'), dataIndex: 'organization_ids', render: (ids: string[]) => t('campaign.orgCount', { count: ids.length }) },
            {
              title: t('common.actions'),
              key: 'actions',
              render: (_, e) => (
                <Space>
                  <Link to={`/projects?event=${e.id}`}>{t('campaign.eventProjects')}</Link>
                  <Link to={`/projects/new?campaign=${campaignId}&event=${e.id}&county=${e.county_code}`} data-testid="event-dock">
                    {t('campaign.dockProject')}
                  </Link>
                </Space>
              ),
            },
          ]}
        />
      )}
      <EventFormModal campaignId={campaignId} open={open} onClose={() => setOpen(false)} />
    </Card>
  );
}
