import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Flex, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { DetailFields } from '../../components/DetailFields';
import { ArrowLeftOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { Match, Offer, OrgStatus, Pairing } from '../../api/types';
import { AssistanceTypeTags, OrgStatusTag, PairingStatusTag, ReviewFlagTag } from '../../components/EnumTags';
import { useFormatDateTime } from '../../components/format';
import { useFormatMoney } from '../../components/money';
import { PageHeader } from '../../components/PageHeader';
import { useProvinceName } from '../../components/referenceData';
import { EmptyState, ErrorState, QueryState } from '../../components/states';
import { useCurrentUser } from '../../session/context';
import { canChangeOrganizationStatus, canConfirmCreditCodes, canEditOrganization, canReadIncidents, canReadOffers, canReadOwnResults } from '../../session/roles';
import { EvaluationResultsCard } from '../../components/evaluation/EvaluationResultsCard';
import { HonorsCard } from '../../components/evaluation/HonorsCard';
import { IncidentsCard } from '../../components/incidents/IncidentsCard';
import { ReportIncidentModal } from '../../components/incidents/ReportIncidentModal';
import type { Organization } from '../../api/types';
import { problemMessage } from '../../api/problem';
import { useConfirmCreditCode, useMatchingNeeds, useOffers, useOrganization, useOrganizationPairings } from './api';
import { OrganizationTrainingsCard } from '../../components/trainings/OrganizationTrainingsCard';
import { OfferModal } from './OfferModal';
import { OrganizationFormModal } from './OrganizationFormModal';
import { statusActions, StatusChangeModal } from './StatusChangeModal';

export function OrganizationDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const user = useCurrentUser();
  const org = useOrganization(id);
  const provinceName = useProvinceName();
  const formatDateTime = useFormatDateTime();
  const [editing, setEditing] = useState(false);
  const [action, setAction] = useState<{ to: OrgStatus; labelKey: string } | null>(null);

  return (
    <>
      <PageHeader
        breadcrumb={[{ title: t('org.title'), to: '/organizations' }]}
        title={org.data ? org.data.data.name : t('org.detailTitle')}
        extra={
          <Link to="/organizations">
            <Button icon={<ArrowLeftOutlined />}>{t('common.back')}</Button>
          </Link>
        }
      />
      <QueryState query={org}>
        {({ data: o, etag }) => {
          const mayEdit = canEditOrganization(user, o);
          const mayMove = canChangeOrganizationStatus(user, o);
          const mayReadOffers = canReadOffers(user, o);
          return (
            <Flex vertical gap={24}>
              <Card
                title={t('org.profile')}
                extra={
                  <Space>
                    {mayMove &&
                      statusActions(o.status).map((a) => (
                        <Button key={a.to} danger={a.danger} onClick={() => setAction(a)} data-testid={`org-status-${a.to}`}>
                          {t(a.labelKey)}
                        </Button>
                      ))}
                    {mayEdit && (
                      <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="org-edit">
                        {t('org.edit')}
                      </Button>
                    )}
                  </Space>
                }
              >
                {o.status !== 'active' && (
                  <Alert
                    type={o.status === 'revoked' ? 'error' : 'warning'}
                    showIcon
                    style={{ marginBottom: 16 }}
                    title={t(`orgStatus.${o.status}`)}
                    description={o.status_reason}
                  />
                )}
                <DetailFields bordered column={{ xs: 1, lg: 2 }} size="small" data-testid="org-detail" styles={{ label: { width: 170 } }}>
                  <Descriptions.Item label={t('org.name')} span={2}>
                    {o.name}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('org.creditCode')} span={2}>
                    <Typography.Text code copyable>
                      {o.credit_code}
                    </Typography.Text>
                    <CreditCodeCheck org={o} etag={etag ?? ''} />
                  </Descriptions.Item>
                  <Descriptions.Item label={t('org.legalForm')}>{t(`legalForm.${o.legal_form}`)}</Descriptions.Item>
                  <Descriptions.Item label={t('org.level')}>{t(`level.${o.registration_level}`)}</Descriptions.Item>
                  <Descriptions.Item label={t('org.province')}>{provinceName(o.province_code)}</Descriptions.Item>
                  <Descriptions.Item label={t('org.category')}>{t(`category.${o.category}`)}</Descriptions.Item>
                  <Descriptions.Item label={t('org.specialties')}>
                    <AssistanceTypeTags types={o.specialties} />
                  </Descriptions.Item>
                  <Descriptions.Item label={t('org.partyOrg')}>{o.party_org ? t('common.yes') : t('common.no')}</Descriptions.Item>
                  <Descriptions.Item label={t('org.recommendedBy')}>
                    {t(`recommendedBy.${o.recommended_by ?? 'none'}`)}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('org.status')}>
                    <OrgStatusTag status={o.status} />
                    {o.status_reason && <Typography.Text type="secondary" data-testid="org-status-reason">{o.status_reason}</Typography.Text>}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('org.updatedAt')} span={2}>
                    {formatDateTime(o.updated_at)}
                  </Descriptions.Item>
                </DetailFields>
                <Typography.Title level={5} style={{ marginTop: 16 }}>
                  {t('org.creditInfo')}
                </Typography.Title>
                <DetailFields bordered column={{ xs: 1, md: 2, xl: 3 }} size="small" data-testid="credit-code-info">
                  <Descriptions.Item label={t('org.department')}>
                    {o.credit_code_info.department}（{o.credit_code_info.department_code}）
                  </Descriptions.Item>
                  <Descriptions.Item label={t('org.kind')}>
                    {o.credit_code_info.kind}（{o.credit_code_info.kind_code}）
                  </Descriptions.Item>
                  <Descriptions.Item label={t('org.division')}>{o.credit_code_info.division_code}</Descriptions.Item>
                </DetailFields>
              </Card>
              <HonorsCard subjectId={o.id} />
              {canReadOwnResults(user, o.id) && <EvaluationResultsCard subjectId={o.id} subjectType="organization" />}
              {mayReadOffers ? <OffersCard orgId={o.id} editable={mayEdit} /> : <RestrictedCard title={t('offer.title')} testId="offers-restricted" />}
              <PairingsCard orgId={o.id} />
              {/* an organization's members see only their own organization's reports */}
              {canReadIncidents(user.role) && (user.role !== 'org_member' || user.organization_id === o.id) && <OrganizationIncidents org={o} />}
              {mayReadOffers ? (
                <MatchingNeedsCard orgId={o.id} />
              ) : (
                <RestrictedCard title={t('org.matchingNeeds')} testId="matching-needs-restricted" />
              )}
              <OrganizationTrainingsCard organizationId={o.id} />
              <OrganizationFormModal open={editing} onClose={() => setEditing(false)} org={o} etag={etag} />
              <StatusChangeModal orgId={o.id} etag={etag} action={action} onClose={() => setAction(null)} />
            </Flex>
          );
        }}
      </QueryState>
    </>
  );
}

/**
 * A code whose check character failed is kept and waits for a national admin, who confirms it
 * against the registration certificate; the confirmation shows who and when.
 */
function CreditCodeCheck({ org: o, etag }: { org: Organization; etag: string }) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const { message } = App.useApp();
  const formatDateTime = useFormatDateTime();
  const confirm = useConfirmCreditCode(o.id);
  if (!o.credit_code_check_failed) return null;
  if (o.credit_code_confirmation) {
    return (
      <Tag color="success" data-testid="credit-code-confirmed">
        {t('org.creditCodeConfirmed', { by: o.credit_code_confirmation.by, at: formatDateTime(o.credit_code_confirmation.at) })}
      </Tag>
    );
  }
  return (
    <Space size={4} wrap>
      <Tag color="warning" data-testid="check-failed">
        {t('org.checkFailed')}
      </Tag>
      {canConfirmCreditCodes(user.role) && (
        <Popconfirm
          title={t('org.confirmCreditCodeTitle')}
          description={t('org.confirmCreditCodeHint')}
          onConfirm={() =>
            confirm.mutateAsync(etag).then(
              () => void message.success(t('org.creditCodeConfirmedToast')),
              (e: unknown) => void message.error(problemMessage(e, t)),
            )
          }
        >
          <Button size="small" loading={confirm.isPending} data-testid="confirm-credit-code">
            {t('org.confirmCreditCode')}
          </Button>
        </Popconfirm>
      )}
    </Space>
  );
}

/** 事件: the organization's incidents, and 报告事件 about it. */
function OrganizationIncidents({ org }: { org: Organization }) {
  const { t } = useTranslation();
  const [reporting, setReporting] = useState(false);
  return (
    <>
      <IncidentsCard
        organization={org.id}
        extra={
          <Button size="small" onClick={() => setReporting(true)} data-testid="org-report-incident">
            {t('incidents.create')}
          </Button>
        }
      />
      {reporting && <ReportIncidentModal organization={{ value: org.id, label: org.name }} onClose={() => setReporting(false)} />}
    </>
  );
}

/** In place of what the caller may not read: says who may, instead of an error or an empty table. */
function RestrictedCard({ title, testId }: { title: string; testId: string }) {
  const { t } = useTranslation();
  return (
    <Card title={title}>
      <EmptyState description={<span data-testid={testId}>{t('offer.restricted')}</span>} />
    </Card>
  );
}

function OffersCard({ orgId, editable }: { orgId: string; editable: boolean }) {
  const { t } = useTranslation();
  const offers = useOffers(orgId);
  const formatMoney = useFormatMoney();
  const provinceName = useProvinceName();
  const [editing, setEditing] = useState<Offer | 'new' | null>(null);
  return (
    <Card
      title={t('offer.title')}
      extra={
        editable && (
          <Button icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="offer-add">
            {t('offer.add')}
          </Button>
        )
      }
    >
      {offers.isError ? (
        <ErrorState error={offers.error} onRetry={() => void offers.refetch()} />
      ) : (
        <Table<Offer>
          data-testid="offer-table"
          scroll={{ x: 'max-content' }}
          rowKey="id"
          size="small"
          loading={offers.isPending}
          pagination={false}
          dataSource={offers.data?.items}
          locale={{ emptyText: offers.isPending ? ' ' : <EmptyState /> }}
          columns={[
            { title: t('offer.name'), dataIndex: 'title' },
            { title: t('offer.types'), dataIndex: 'assistance_types', render: (v: Offer['assistance_types']) => <AssistanceTypeTags types={v} /> },
            { title: t('offer.capacity'), dataIndex: 'capacity', align: 'right', render: (v: string) => formatMoney(v) },
            {
              title: t('offer.provinces'),
              render: (_, o) =>
                [...o.preferred_province_codes.map((c) => provinceName(c)), ...o.preferred_regions.map((r) => t(`region.${r}`))].join('、') ||
                '—',
            },
            {
              title: t('org.status'),
              dataIndex: 'active',
              render: (a: boolean) => (a ? <Tag color="green">{t('offer.active')}</Tag> : <Tag>{t('offer.inactive')}</Tag>),
            },
            ...(editable
              ? [
                  {
                    title: t('common.actions'),
                    key: 'actions',
                    render: (_: unknown, o: Offer) => (
                      <Button size="small" onClick={() => setEditing(o)}>
                        {t('common.edit')}
                      </Button>
                    ),
                  },
                ]
              : []),
          ]}
        />
      )}
      <OfferModal
        key={editing === 'new' ? 'new' : (editing?.id ?? 'none')}
        orgId={orgId}
        offer={editing && editing !== 'new' ? editing : undefined}
        open={!!editing}
        onClose={() => setEditing(null)}
      />
    </Card>
  );
}

function PairingsCard({ orgId }: { orgId: string }) {
  const { t } = useTranslation();
  const pairings = useOrganizationPairings(orgId);
  const formatMoney = useFormatMoney();
  return (
    <Card title={t('org.pairings')}>
      {pairings.isError ? (
        <ErrorState error={pairings.error} onRetry={() => void pairings.refetch()} />
      ) : (
        <Table<Pairing>
          data-testid="org-pairings"
          scroll={{ x: 'max-content' }}
          rowKey="id"
          size="small"
          loading={pairings.isPending}
          pagination={false}
          dataSource={pairings.data?.items}
          locale={{ emptyText: pairings.isPending ? ' ' : <EmptyState /> }}
          columns={[
            {
              title: t('pairing.county'),
              dataIndex: 'county_name',
              render: (name: string, p) => <Link to={`/pairings/${p.id}`}>{`${name}（${p.county_code}）`}</Link>,
            },
            { title: t('pairing.lead'), render: (_, p) => p.organizations[0]?.name },
            { title: t('pairing.assistanceTypes'), dataIndex: 'assistance_types', render: (v: Pairing['assistance_types']) => <AssistanceTypeTags types={v} /> },
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

function MatchingNeedsCard({ orgId }: { orgId: string }) {
  const { t, i18n } = useTranslation();
  const needs = useMatchingNeeds(orgId);
  return (
    <Card title={t('org.matchingNeeds')}>
      {needs.isError ? (
        <ErrorState error={needs.error} onRetry={() => void needs.refetch()} />
      ) : (
        <Table<Match>
          data-testid="org-matching-needs"
          scroll={{ x: 'max-content' }}
          rowKey={(m) => m.need_id ?? m.organization_id}
          size="small"
          loading={needs.isPending}
          pagination={false}
          dataSource={needs.data?.items}
          locale={{ emptyText: needs.isPending ? ' ' : <EmptyState /> }}
          columns={[
            {
              title: t('need.name'),
              render: (_, m) => (m.need_id ? <Link to={`/needs/${m.need_id}`}>{m.need_title ?? t('need.detailTitle')}</Link> : '—'),
            },
            { title: t('org.score'), dataIndex: 'score', width: 90, align: 'right' },
            { title: t('org.reasonCol'), render: (_, m) => (i18n.language === 'en' ? m.reason.en : m.reason.zh) },
          ]}
        />
      )}
    </Card>
  );
}
