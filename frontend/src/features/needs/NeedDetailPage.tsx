import { useState } from 'react';
import { App, Button, Card, Descriptions, Flex, Progress, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { DetailFields } from '../../components/DetailFields';
import { ArrowLeftOutlined, EditOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError, problemMessage } from '../../api/problem';
import type { Match, MatchParts, Need, Pairing } from '../../api/types';
import { ConsentTag, PairingStatusTag } from '../../components/EnumTags';
import { useFormatDateTime } from '../../components/format';
import { useFormatMoney } from '../../components/money';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState, EmptyState, QueryState } from '../../components/states';
import { useCurrentUser } from '../../session/context';
import { canManageNeeds, needMatchesShown } from '../../session/roles';
import { useInvite, useMatches, useNeed, useNeedInvitations, useTransitionNeed } from './api';
import { NeedFormModal } from './NeedFormModal';
import { NEED_STATUS_COLOR, needMoves, PART_MAX, PART_ORDER, signedPoints } from './needStatus';

export function NeedDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const user = useCurrentUser();
  const need = useNeed(id);
  const move = useTransitionNeed(id);
  const formatMoney = useFormatMoney();
  const formatDateTime = useFormatDateTime();
  const [editing, setEditing] = useState(false);
  const manages = canManageNeeds(user.role);

  return (
    <>
      <PageHeader
        breadcrumb={[{ title: t('need.title'), to: '/needs' }]}
        title={need.data ? need.data.data.title : t('need.detailTitle')}
        extra={
          <Link to="/needs">
            <Button icon={<ArrowLeftOutlined />}>{t('common.back')}</Button>
          </Link>
        }
      />
      <QueryState query={need}>
        {({ data: n, etag }) => (
          <Flex vertical gap={24}>
            <Card
              extra={
                manages && (
                  <Space wrap>
                    {needMoves(n.status).map((to) => (
                      <Button
                        key={to}
                        data-testid={`need-move-${to}`}
                        loading={move.isPending && move.variables?.body.to === to}
                        onClick={() =>
                          move.mutate(
                            { body: { to }, etag: etag ?? '' },
                            {
                              onSuccess: () => void message.success(t('need.moved', { status: t(`needStatus.${to}`) })),
                              onError: (e) =>
                                void (e instanceof ApiError && e.status === 412 ? message.warning(t('error.stale')) : message.error(problemMessage(e, t))),
                            },
                          )
                        }
                      >
                        {t('need.moveTo', { status: t(`needStatus.${to}`) })}
                      </Button>
                    ))}
                    {n.status !== 'closed' && (
                      <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
                        {t('need.edit')}
                      </Button>
                    )}
                  </Space>
                )
              }
              title={<Tag color={NEED_STATUS_COLOR[n.status]} data-testid="need-status">{t(`needStatus.${n.status}`)}</Tag>}
            >
              <DetailFields bordered column={{ xs: 1, md: 2 }} size="small" data-testid="need-detail">
                <Descriptions.Item label={t('need.county')}>
                  <Link to={`/counties/${n.county_code}`}>{`${n.county_name}（${n.county_code}）`}</Link>
                </Descriptions.Item>
                <Descriptions.Item label={t('need.type')}>{t(`assistanceType.${n.assistance_type}`)}</Descriptions.Item>
                <Descriptions.Item label={t('need.budget')}>{formatMoney(n.budget_estimate)}</Descriptions.Item>
                <Descriptions.Item label={t('need.beneficiaries')}>{n.beneficiaries.toLocaleString()}</Descriptions.Item>
                <Descriptions.Item label={t('need.priority')}>{t(`priority.${n.priority}`)}</Descriptions.Item>
                <Descriptions.Item label={t('need.createdAt')}>{formatDateTime(n.created_at)}</Descriptions.Item>
                <Descriptions.Item label={t('need.description')} span={2}>
                  {n.description || '—'}
                </Descriptions.Item>
              </DetailFields>
            </Card>
            {needMatchesShown(user.role) === 'none' ? (
              <Card title={t('need.matches')}>
                <EmptyState description={<span data-testid="matches-restricted">{t('need.matchesRestricted')}</span>} />
              </Card>
            ) : (
              <MatchesCard need={n} canInvite={manages && n.status !== 'closed'} ownOnly={needMatchesShown(user.role) === 'own'} />
            )}
            <InvitationsCard needId={n.id} />
            <NeedFormModal open={editing} onClose={() => setEditing(false)} need={n} etag={etag} />
          </Flex>
        )}
      </QueryState>
    </>
  );
}

function PartsView({ parts }: { parts: MatchParts }) {
  const { t } = useTranslation();
  return (
    <Flex gap={4} wrap data-testid="match-parts">
      {PART_ORDER.map((k) => {
        const v = parts[k];
        const color = v < 0 ? 'red' : v === 0 ? 'default' : v >= PART_MAX[k] ? 'green' : 'blue';
        return (
          <Tooltip key={k} title={k === 'load' ? `${t(`matchPart.${k}`)} ≥ −15` : `${t(`matchPart.${k}`)} ≤ ${PART_MAX[k]}`}>
            <Tag color={color} style={{ marginInlineEnd: 0 }} data-part={k}>
              {t(`matchPart.${k}`)} {signedPoints(v)}
            </Tag>
          </Tooltip>
        );
      })}
    </Flex>
  );
}

function MatchesCard({ need, canInvite, ownOnly }: { need: Need; canInvite: boolean; ownOnly: boolean }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const matches = useMatches(need.id);
  const invite = useInvite(need.id);
  // what the server knows, so the state survives a reload: the latest invitation per organization
  const invitations = useNeedInvitations(need.id);
  const invited = new Map<string, Pairing>();
  for (const p of [...(invitations.data?.items ?? [])].reverse()) invited.set(p.lead_organization_id, p);

  return (
    <Card title={t('need.matches')}>
      <Typography.Paragraph type="secondary">
        {t('need.matchesHint')}
        {ownOnly && <span data-testid="matches-own-only">{` ${t('need.matchesOwnOnly')}`}</span>}
      </Typography.Paragraph>
      {matches.isError ? (
        <ErrorState error={matches.error} onRetry={() => void matches.refetch()} />
      ) : (
        <Table<Match>
          data-testid="match-table"
          scroll={{ x: 'max-content' }}
          rowKey="organization_id"
          size="small"
          loading={matches.isPending}
          pagination={false}
          dataSource={matches.data?.items}
          locale={{ emptyText: matches.isPending ? ' ' : <EmptyState /> }}
          columns={[
            { title: '#', width: 48, render: (_, __, i) => i + 1 },
            {
              title: t('pairing.organization'),
              dataIndex: 'organization_name',
              render: (name: string, m) => <Link to={`/organizations/${m.organization_id}`}>{name}</Link>,
            },
            {
              title: t('need.score'),
              dataIndex: 'score',
              width: 150,
              render: (s: number) => (
                <Flex align="center" gap={8}>
                  <Typography.Text strong data-testid="match-score">
                    {s}
                  </Typography.Text>
                  <Progress percent={Math.max(0, Math.round((s / 95) * 100))} showInfo={false} size="small" style={{ width: 80, margin: 0 }} />
                </Flex>
              ),
            },
            { title: t('need.parts'), dataIndex: 'parts', render: (p: MatchParts) => <PartsView parts={p} /> },
            {
              title: t('need.reason'),
              dataIndex: 'reason',
              render: (r: Match['reason']) => <span data-testid="match-reason">{i18n.language === 'en' ? r.en : r.zh}</span>,
            },
            ...(canInvite
              ? [
                  {
                    title: t('common.actions'),
                    key: 'invite',
                    width: 140,
                    render: (_: unknown, m: Match) => {
                      const p = invited.get(m.organization_id);
                      const consent = p?.organizations.find((o) => o.id === m.organization_id)?.consent;
                      return p ? (
                        <Link to={`/pairings/${p.id}`} data-testid="invited-link">
                          {consent && <ConsentTag consent={consent} />}
                          {t('need.viewPairing')}
                        </Link>
                      ) : (
                        <Button
                          size="small"
                          type="primary"
                          data-testid="match-invite"
                          loading={invite.isPending && invite.variables === m.organization_id}
                          onClick={() =>
                            invite.mutate(m.organization_id, {
                              onSuccess: () => void message.success(t('need.invited')),
                              onError: (e) => void message.error(problemMessage(e, t)),
                            })
                          }
                        >
                          {t('need.invite')}
                        </Button>
                      );
                    },
                  },
                ]
              : []),
          ]}
        />
      )}
    </Card>
  );
}

/** The invitations sent for this need: each organization's answer and where its pairing stands. */
function InvitationsCard({ needId }: { needId: string }) {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  const invitations = useNeedInvitations(needId);
  return (
    <Card title={t('need.invitations')}>
      {invitations.isError ? (
        <ErrorState error={invitations.error} onRetry={() => void invitations.refetch()} />
      ) : (
        <Table<Pairing>
          data-testid="need-invitations"
          scroll={{ x: 'max-content' }}
          rowKey="id"
          size="small"
          loading={invitations.isPending}
          pagination={false}
          dataSource={invitations.data?.items}
          locale={{ emptyText: invitations.isPending ? ' ' : <EmptyState description={t('need.noInvitations')} /> }}
          columns={[
            { title: t('pairing.organization'), render: (_, p) => p.organizations[0]?.name },
            {
              title: t('need.answer'),
              render: (_, p) => (p.organizations[0] ? <ConsentTag consent={p.organizations[0].consent} /> : null),
            },
            { title: t('pairing.status'), render: (_, p) => <PairingStatusTag status={p.status} /> },
            { title: t('need.invitedAt'), render: (_, p) => formatDateTime(p.created_at) },
            {
              title: t('common.actions'),
              render: (_, p) => <Link to={`/pairings/${p.id}`}>{t('need.viewPairing')}</Link>,
            },
          ]}
        />
      )}
    </Card>
  );
}
