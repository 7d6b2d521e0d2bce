import { Alert, App, Button, Card, Descriptions, Flex, Switch, Table, Tag, Typography } from 'antd';
import { DetailFields } from '../../components/DetailFields';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError, problemMessage } from '../../api/problem';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState, ErrorState, QueryState } from '../../components/states';
import { AssistanceTypeTags, PairingStatusTag, ProjectStatusTag, ReviewFlagTag } from '../../components/EnumTags';
import { useFormatMoney } from '../../components/money';
import { PROJECT_STATUSES, type Need, type Pairing } from '../../api/types';
import { useCurrentUser } from '../../session/context';
import { canEditKeyCounties } from '../../session/roles';
import { useCounty, useCountyNeeds, useCountyPairings, useCountyProjectsByStatus, useSetKeyCounty } from './api';
import { KeyCountyTag } from './KeyCountyTag';

export function CountyDetailPage() {
  const { code = '' } = useParams();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const user = useCurrentUser();
  const county = useCounty(code);
  const setKey = useSetKeyCounty(code);

  return (
    <>
      <PageHeader
        breadcrumb={[{ title: t('county.title'), to: '/counties' }]}
        title={county.data ? `${county.data.data.name}（${county.data.data.code}）` : t('county.detailTitle')}
        extra={
          <Link to="/counties">
            <Button icon={<ArrowLeftOutlined />}>{t('common.back')}</Button>
          </Link>
        }
      />
      <QueryState query={county}>
        {({ data: c, etag }) => (
          <DetailFields bordered column={1} data-testid="county-detail" styles={{ label: { width: 180 } }}>
            <Descriptions.Item label={t('county.code')}>{c.code}</Descriptions.Item>
            <Descriptions.Item label={t('county.name')}>{c.name}</Descriptions.Item>
            <Descriptions.Item label={t('county.prefecture')}>{c.prefecture}</Descriptions.Item>
            <Descriptions.Item label={t('county.province')}>
              <Link to={`/counties?province=${c.province_code}`}>{c.province_name}</Link>
            </Descriptions.Item>
            <Descriptions.Item label={t('county.coordinates')}>
              {c.longitude != null && c.latitude != null ? `${c.longitude.toFixed(4)}, ${c.latitude.toFixed(4)}` : '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('county.keyCounty')}>
              {canEditKeyCounties(user.role) ? (
                <>
                  <Switch
                    data-testid="key-county-edit"
                    aria-label={t('county.setKeyCounty')}
                    checked={c.key_county}
                    loading={setKey.isPending}
                    onChange={(v) => {
                      if (!etag) return;
                      setKey.mutate(
                        { keyCounty: v, etag },
                        {
                          onSuccess: () => void message.success(t('county.updated')),
                          onError: (e) =>
                            void (e instanceof ApiError && e.status === 412
                              ? message.warning(t('error.stale'))
                              : message.error(problemMessage(e, t))),
                        },
                      );
                    }}
                  />{' '}
                  {c.key_county ? <KeyCountyTag /> : <Typography.Text type="secondary">{t('county.notKey')}</Typography.Text>}
                </>
              ) : c.key_county ? (
                <KeyCountyTag />
              ) : (
                t('county.notKey')
              )}
            </Descriptions.Item>
            <Descriptions.Item label={t('county.updatedAt')}>{new Date(c.updated_at).toLocaleString()}</Descriptions.Item>
          </DetailFields>
        )}
      </QueryState>
      {county.data && (
        <>
          <CountyCoverage code={code} keyCounty={county.data.data.key_county} />
          <CountyProjects code={code} />
          <CountyNeeds code={code} />
          <CountyPairings code={code} />
        </>
      )}
    </>
  );
}

function CountyPairings({ code }: { code: string }) {
  const { t } = useTranslation();
  const pairings = useCountyPairings(code);
  const formatMoney = useFormatMoney();
  return (
    <Card title={t('pairing.countyPairings')} style={{ marginTop: 24 }} extra={<Link to={`/pairings/new?county=${code}`}>{t('pairing.create')}</Link>}>
      {pairings.isError ? (
        <ErrorState error={pairings.error} onRetry={() => void pairings.refetch()} />
      ) : (
        <Table<Pairing>
          data-testid="county-pairings"
          scroll={{ x: 'max-content' }}
          rowKey="id"
          size="small"
          loading={pairings.isPending}
          pagination={false}
          dataSource={pairings.data?.items}
          locale={{ emptyText: pairings.isPending ? ' ' : <EmptyState /> }}
          columns={[
            {
              title: t('pairing.organization'),
              render: (_, p) => <Link to={`/pairings/${p.id}`}>{p.organizations.map((o) => o.name).join('、')}</Link>,
            },
            { title: t('pairing.assistanceTypes'), dataIndex: 'assistance_types', render: (v: Pairing['assistance_types']) => <AssistanceTypeTags types={v} /> },
            { title: t('pairing.channel'), dataIndex: 'channel', render: (c: Pairing['channel']) => t(`channel.${c}`) },
            { title: t('pairing.plannedFunds'), dataIndex: 'planned_funds', align: 'right', render: (v: string) => formatMoney(v) },
            {
              title: t('pairing.status'),
              dataIndex: 'status',
              render: (s: Pairing['status'], p) => (
                <>
                  <PairingStatusTag status={s} />
                  {p.review_flag && <ReviewFlagTag reason={p.review_reason} />}
                </>
              ),
            },
          ]}
        />
      )}
    </Card>
  );
}

/** 覆盖情况: a key county is covered once one pairing with it is active (帮扶中). */
function CountyCoverage({ code, keyCounty }: { code: string; keyCounty: boolean }) {
  const { t } = useTranslation();
  const pairings = useCountyPairings(code);
  if (!keyCounty || !pairings.data) return null;
  const active = pairings.data.items.filter((p) => p.status === 'active').length;
  return (
    <Alert
      style={{ marginTop: 24 }}
      data-testid="county-coverage"
      type={active > 0 ? 'success' : 'warning'}
      showIcon
      title={active > 0 ? t('county.covered', { count: active }) : t('county.uncovered')}
    />
  );
}

/** The county's projects by status, each opening the list behind it. */
function CountyProjects({ code }: { code: string }) {
  const { t } = useTranslation();
  const byStatus = useCountyProjectsByStatus(code);
  const count = (status: string) => {
    const row = byStatus.data?.rows.find((r) => r.status === status);
    return typeof row?.count === 'number' ? row.count : 0;
  };
  return (
    <Card title={t('county.projects')} style={{ marginTop: 24 }} extra={<Link to={`/projects?county=${code}`}>{t('county.allProjects')}</Link>}>
      {byStatus.isError ? (
        <ErrorState error={byStatus.error} onRetry={() => void byStatus.refetch()} />
      ) : (
        <Flex gap={16} wrap data-testid="county-projects">
          {PROJECT_STATUSES.map((s) => (
            <Link key={s} to={`/projects?county=${code}&status=${s}`} data-testid={`county-projects-${s}`}>
              <ProjectStatusTag status={s} /> {byStatus.isPending ? '…' : count(s)}
            </Link>
          ))}
        </Flex>
      )}
    </Card>
  );
}

/** The county's newest needs (工作需求). */
function CountyNeeds({ code }: { code: string }) {
  const { t } = useTranslation();
  const needs = useCountyNeeds(code);
  const total = needs.data?.total;
  return (
    <Card
      title={total != null ? t('county.needsCount', { count: total }) : t('county.needs')}
      style={{ marginTop: 24 }}
      extra={<Link to={`/needs?county=${code}`}>{t('county.allNeeds')}</Link>}
    >
      {needs.isError ? (
        <ErrorState error={needs.error} onRetry={() => void needs.refetch()} />
      ) : (
        <Table<Need>
          data-testid="county-needs"
          scroll={{ x: 'max-content' }}
          rowKey="id"
          size="small"
          loading={needs.isPending}
          pagination={false}
          dataSource={needs.data?.items}
          locale={{ emptyText: needs.isPending ? ' ' : <EmptyState /> }}
          columns={[
            { title: t('need.name'), dataIndex: 'title', render: (title: string, n) => <Link to={`/needs/${n.id}`}>{title}</Link> },
            { title: t('need.type'), dataIndex: 'assistance_type', render: (v: Need['assistance_type']) => t(`assistanceType.${v}`) },
            { title: t('need.priority'), dataIndex: 'priority', render: (v: Need['priority']) => <Tag>{t(`priority.${v}`)}</Tag> },
            { title: t('need.status'), dataIndex: 'status', render: (v: Need['status']) => t(`needStatus.${v}`) },
          ]}
        />
      )}
    </Card>
  );
}
