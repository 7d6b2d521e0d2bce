import { App, Alert, Button, Card, Descriptions, Flex, Table, Tag, Timeline, Typography } from 'antd';
import { DetailFields } from '../../components/DetailFields';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError, problemMessage } from '../../api/problem';
import type { Pairing, PairingEvent, PairingOrganization } from '../../api/types';
import { AssistanceTypeTags, PAIRING_STATUS_COLOR, PairingStatusTag, ReviewFlagTag } from '../../components/EnumTags';
import { useFormatDateTime } from '../../components/format';
import { useFormatMoney } from '../../components/money';
import { PageHeader } from '../../components/PageHeader';
import { useProvinceName } from '../../components/referenceData';
import { QueryState } from '../../components/states';
import { useCurrentUser } from '../../session/context';
import { isCoordinator } from '../../session/roles';
import { usePairing, useTransitionPairing } from './api';
import { ConsentsCard } from './ConsentsCard';
import { CultivationCard } from './CultivationCard';
import { TransitionButtons } from './TransitionButtons';

export function PairingDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const user = useCurrentUser();
  const pairing = usePairing(id);
  const move = useTransitionPairing(id);
  const provinceName = useProvinceName();
  const formatMoney = useFormatMoney();

  return (
    <>
      <PageHeader
        breadcrumb={[{ title: t('pairing.title'), to: '/pairings' }]}
        title={pairing.data ? `${pairing.data.data.county_name} · ${pairing.data.data.organizations[0]?.name ?? ''}` : t('pairing.detailTitle')}
        extra={
          <Link to="/pairings">
            <Button icon={<ArrowLeftOutlined />}>{t('common.back')}</Button>
          </Link>
        }
      />
      <QueryState query={pairing}>
        {({ data: p, etag }) => {
          const onMove = (to: Pairing['status'], reason: string | undefined) =>
            move
              .mutateAsync({ body: { to, ...(reason ? { reason } : {}) }, etag: etag ?? '' })
              .then((after) => {
                void message.success(to === 'declined' ? t('pairing.declinedToast') : t('pairing.moved', { status: t(`pairingStatus.${after.status}`) }));
                // a declined invitation is no longer the organization's to see
                if (to === 'declined') void navigate('/pairings');
              })
              .catch((e: unknown) => {
                void (e instanceof ApiError && e.status === 412 ? message.warning(t('error.stale')) : message.error(problemMessage(e, t)));
                throw e;
              });
          // only an organization that has accepted takes part (and records cultivation)
          const mayRecord =
            isCoordinator(user.role) ||
            (user.role === 'org_member' && p.organizations.some((o) => o.id === user.organization_id && o.consent === 'accepted'));
          return (
            <Flex vertical gap={24}>
              {p.review_flag && (
                <Alert type="warning" showIcon title={<ReviewFlagTag reason={null} />} description={p.review_reason} data-testid="review-alert" />
              )}
              <Card title={t('pairing.actions')} size="small">
                <TransitionButtons allowed={p.allowed_transitions} pending={move.isPending} onMove={onMove} />
              </Card>
              <ConsentsCard pairing={p} />
              <Flex gap={24} wrap align="flex-start">
                <DetailFields
                  bordered
                  column={1}
                  size="small"
                  data-testid="pairing-detail"
                  style={{ flex: '2 1 520px' }}
                  styles={{ label: { width: 150 } }}
                >
                  <Descriptions.Item label={t('pairing.status')}>
                    <PairingStatusTag status={p.status} />
                    {p.review_flag && <ReviewFlagTag reason={p.review_reason} />}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('pairing.county')}>
                    <Link to={`/counties/${p.county_code}`}>{`${p.county_name}（${p.county_code}）`}</Link>
                    <Typography.Text type="secondary">{` ${provinceName(p.province_code)}`}</Typography.Text>
                  </Descriptions.Item>
                  <Descriptions.Item label={t('pairing.members')}>
                    <MemberList orgs={p.organizations} leadId={p.lead_organization_id} />
                  </Descriptions.Item>
                  <Descriptions.Item label={t('pairing.assistanceTypes')}>
                    <AssistanceTypeTags types={p.assistance_types} />
                  </Descriptions.Item>
                  <Descriptions.Item label={t('pairing.channel')}>{t(`channel.${p.channel}`)}</Descriptions.Item>
                  <Descriptions.Item label={t('pairing.plannedFunds')}>
                    <span data-testid="planned-funds">{formatMoney(p.planned_funds)}</span>
                  </Descriptions.Item>
                  <Descriptions.Item label={t('pairing.plannedProjects')}>{p.planned_projects}</Descriptions.Item>
                  <Descriptions.Item label={t('pairing.commitment')}>{p.commitment || '—'}</Descriptions.Item>
                  <Descriptions.Item label={t('pairing.period')}>
                    {p.start_date || p.end_date ? `${p.start_date ?? '…'} — ${p.end_date ?? '…'}` : '—'}
                  </Descriptions.Item>
                  {p.need_id && (
                    <Descriptions.Item label={t('pairing.fromNeed')}>
                      <Link to={`/needs/${p.need_id}`}>{t('need.detailTitle')}</Link>
                    </Descriptions.Item>
                  )}
                </DetailFields>
                <Card title={t('pairing.history')} size="small" style={{ flex: '1 1 320px' }}>
                  <History events={p.history} orgs={p.organizations} />
                </Card>
              </Flex>
              <CultivationCard pairingId={p.id} editable={mayRecord} />
            </Flex>
          );
        }}
      </QueryState>
    </>
  );
}

function MemberList({ orgs, leadId }: { orgs: PairingOrganization[]; leadId: string }) {
  const { t } = useTranslation();
  // the lead first, as the contract promises; sort anyway so the page never depends on it
  const sorted = [...orgs].sort((a, b) => Number(b.id === leadId) - Number(a.id === leadId));
  return (
    <Table<PairingOrganization>
      data-testid="pairing-members"
      scroll={{ x: 'max-content' }}
      size="small"
      rowKey="id"
      pagination={false}
      showHeader={false}
      dataSource={sorted}
      columns={[
        {
          render: (_, o) => (
            <>
              <Link to={`/organizations/${o.id}`}>{o.name}</Link>{' '}
              {o.id === leadId && <Tag color="gold">{t('pairing.lead')}</Tag>}
            </>
          ),
        },
      ]}
    />
  );
}

/** What a step of the history did: a consent given or refused, besides any status change. */
function consentText(e: PairingEvent, orgs: PairingOrganization[], t: (key: string, o?: Record<string, string>) => string): string | null {
  const org = orgs.find((o) => o.id === e.organization_id)?.name ?? '';
  switch (e.consent) {
    case 'organization_accepted':
      return t('pairing.stepAccepted', { org });
    case 'organization_declined':
      return t('pairing.stepDeclined', { org });
    case 'county_confirmed':
      return t('pairing.stepConfirmed');
    default:
      return null;
  }
}

function History({ events, orgs }: { events: PairingEvent[]; orgs: PairingOrganization[] }) {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  return (
    <Timeline
      data-testid="pairing-history"
      items={events.map((e, i) => ({
        key: `${e.at}-${i}`,
        color: PAIRING_STATUS_COLOR[e.to_status] === 'default' ? 'gray' : PAIRING_STATUS_COLOR[e.to_status],
        content: (
          <div data-testid="history-item">
            <Typography.Text strong>
              {!e.from_status
                ? `${t('pairing.applied')} · ${t(`pairingStatus.${e.to_status}`)}`
                : e.from_status === e.to_status
                  ? t(`pairingStatus.${e.to_status}`)
                  : `${t(`pairingStatus.${e.from_status}`)} → ${t(`pairingStatus.${e.to_status}`)}`}
            </Typography.Text>
            {e.consent && (
              <>
                <br />
                <Typography.Text data-testid="history-consent">{consentText(e, orgs, t)}</Typography.Text>
              </>
            )}
            <br />
            <Typography.Text type="secondary">
              {formatDateTime(e.at)} · {e.actor}
            </Typography.Text>
            {e.reason && (
              <>
                <br />
                <Typography.Text>{e.reason}</Typography.Text>
              </>
            )}
          </div>
        ),
      }))}
    />
  );
}
