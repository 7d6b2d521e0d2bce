import { useState } from 'react';
import { App, Alert, Button, Card, Descriptions, Flex, Progress, Space, Statistic, Tag, Typography } from 'antd';
import { DetailFields } from '../../components/DetailFields';
import type { MessageInstance } from 'antd/es/message/interface';
import { ArrowLeftOutlined, EditOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError, problemMessage } from '../../api/problem';
import type { Consent, Project, ProjectOrganization, ProjectStatus } from '../../api/types';
import { ConsentTag, ProjectStatusTag, StaleTag } from '../../components/EnumTags';
import { useFormatDateTime } from '../../components/format';
import { useFormatMoney } from '../../components/money';
import { PageHeader } from '../../components/PageHeader';
import { useProvinceName } from '../../components/referenceData';
import { QueryState } from '../../components/states';
import { useCurrentUser } from '../../session/context';
import { canAddProjectEvidence, canReadIncidents, canReportIncidentOn, isProjectParty } from '../../session/roles';
import { AttachmentsCard } from '../../components/AttachmentsCard';
import { IncidentsCard } from '../../components/incidents/IncidentsCard';
import { ReportIncidentModal } from '../../components/incidents/ReportIncidentModal';
import { useAnswerProjectInvitation, useBrandName, useProject, useProjectUpdates, useTransitionProject } from './api';
import { LandingCard } from './LandingCard';
import { ProjectTimeline } from './ProjectTimeline';
import { ProjectTransitionButtons } from './ProjectTransitionButtons';
import { isLandingConfirmation, percentOf, staleClassName } from './projectLogic';
import { ProjectEditModal } from './ProjectEditModal';
import { UpdatesCard } from './UpdatesCard';

const ROLE_COLOR: Record<ProjectOrganization['role'], string> = { lead: 'gold', partner: 'blue', funder: 'green' };

export function ProjectDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const user = useCurrentUser();
  const project = useProject(id);
  const updates = useProjectUpdates(id);
  const move = useTransitionProject(id);
  const answer = useAnswerProjectInvitation(id);
  const navigate = useNavigate();
  const [editing, setEditing] = useState(false);
  // one card wherever evidence is shown: on the page, and in the landing and progress dialogs
  const evidence = (p: Project) => (
    <AttachmentsCard basePath={`/api/v1/projects/${p.id}`} canEdit={canAddProjectEvidence(user, p)} title={t('project.evidence')} />
  );

  return (
    <>
      <PageHeader
        breadcrumb={[{ title: t('project.title'), to: '/projects' }]}
        title={project.data ? project.data.data.title : t('project.detailTitle')}
        subTitle={project.data ? `${project.data.data.county_name}（${project.data.data.county_code}）` : undefined}
        extra={
          <Link to="/projects">
            <Button icon={<ArrowLeftOutlined />}>{t('common.back')}</Button>
          </Link>
        }
      />
      <QueryState query={project}>
        {({ data: p, etag }) => {
          const onMove = (to: ProjectStatus, reason: string | undefined) => {
            const done = isLandingConfirmation(p, to)
              ? t('project.landingConfirmedToast')
              : to === 'landed' && p.status === 'signed'
                ? t('project.landingDeclaredToast')
                : t('project.moved', { status: t(`projectStatus.${to}`) });
            return move
              .mutateAsync({ body: { to, ...(reason ? { reason } : {}) }, etag: etag ?? '' })
              .then(() => void message.success(done))
              .catch((e: unknown) => {
                void (e instanceof ApiError && e.status === 412 ? message.warning(t('error.stale')) : message.error(problemMessage(e, t)));
                throw e;
              });
          };
          return (
            <Flex vertical gap={24} className={staleClassName(p) ? 'project-detail-stale' : undefined}>
              {p.stale && <Alert type="warning" showIcon title={t('project.staleAlert')} data-testid="stale-alert" />}
              {p.review != null && (
                <Alert type="error" showIcon title={t('project.reviewAlert')} description={p.review} data-testid="review-alert" />
              )}
              <Card
                title={t('project.actions')}
                size="small"
                extra={
                  isProjectParty(user, p) && (
                    <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="project-edit">
                      {t('project.edit')}
                    </Button>
                  )
                }
              >
                <ProjectTransitionButtons project={p} pending={move.isPending} onMove={onMove} evidence={evidence(p)} />
              </Card>
              {editing && (
                <ProjectEditModal project={p} etag={etag ?? ''} open onClose={() => setEditing(false)} onReload={() => void project.refetch()} />
              )}
              <Figures project={p} />
              <Flex gap={24} wrap align="flex-start">
                {/* minWidth 0: on a phone each column is the screen's width, whatever its cards' widest line */}
                <Flex vertical gap={24} style={{ flex: '2 1 520px', minWidth: 0 }}>
                  <Details
                    project={p}
                    answering={answer.isPending}
                    onAnswer={(organizationId, to) =>
                      answer
                        .mutateAsync({ organizationId, body: { to }, etag: etag ?? '' })
                        .then(() => {
                          void message.success(t(to === 'declined' ? 'project.answeredDeclined' : 'project.answeredAccepted'));
                          // a declined invitation is no longer the organization's to see
                          if (to === 'declined') void navigate('/projects');
                        })
                        .catch((e: unknown) => showProblem(message, e, t))
                    }
                  />
                  {canReadIncidents(user.role) && <ProjectIncidents project={p} />}
                </Flex>
                <Flex vertical gap={24} style={{ flex: '1 1 320px', minWidth: 0 }}>
                  <LandingCard project={p} />
                  {evidence(p)}
                  <Card title={t('project.history')} size="small">
                    <ProjectTimeline history={p.history} updates={updates.data?.items ?? []} />
                  </Card>
                </Flex>
              </Flex>
              <UpdatesCard project={p} editable={isProjectParty(user, p)} evidence={evidence(p)} />
            </Flex>
          );
        }}
      </QueryState>
    </>
  );
}

/** 事件: the project's incidents and, for its parties, 报告事件 with the project chosen. */
function ProjectIncidents({ project }: { project: Project }) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const [reporting, setReporting] = useState(false);
  return (
    <>
      <IncidentsCard
        project={project.id}
        extra={
          canReportIncidentOn(user, project) && (
            <Button size="small" onClick={() => setReporting(true)} data-testid="project-report-incident">
              {t('incidents.create')}
            </Button>
          )
        }
      />
      {reporting && <ReportIncidentModal project={project} onClose={() => setReporting(false)} />}
    </>
  );
}

function Figures({ project: p }: { project: Project }) {
  const { t } = useTranslation();
  const formatMoney = useFormatMoney();
  const funds = percentOf(p.funds_in_place, p.planned_funds);
  const people = percentOf(p.beneficiaries_reached, p.beneficiaries_planned);
  return (
    <Flex gap={24} wrap data-testid="project-figures">
      <Card size="small" style={{ flex: '1 1 360px' }}>
        <Flex gap={32} wrap>
          <Statistic title={t('project.fundsInPlace')} valueRender={() => <span data-testid="funds-in-place">{formatMoney(p.funds_in_place)}</span>} />
          <Statistic title={t('project.plannedFunds')} valueRender={() => <span data-testid="planned-funds">{formatMoney(p.planned_funds)}</span>} />
        </Flex>
        <Progress percent={funds} status={p.stale ? 'exception' : 'normal'} aria-label={t('project.fundsProgress')} data-testid="funds-progress" />
      </Card>
      <Card size="small" style={{ flex: '1 1 360px' }}>
        <Flex gap={32} wrap>
          <Statistic title={t('project.beneficiariesReached')} value={p.beneficiaries_reached} valueRender={(n) => <span data-testid="beneficiaries-reached">{n}</span>} />
          <Statistic title={t('project.beneficiariesPlanned')} value={p.beneficiaries_planned} />
        </Flex>
        <Progress percent={people} aria-label={t('project.beneficiariesProgress')} />
      </Card>
    </Flex>
  );
}

function showProblem(message: MessageInstance, e: unknown, t: (key: string) => string) {
  void (e instanceof ApiError && e.status === 412 ? message.warning(t('error.stale')) : message.error(problemMessage(e, t)));
}

function Details({
  project: p,
  answering,
  onAnswer,
}: {
  project: Project;
  answering: boolean;
  onAnswer: (organizationId: string, to: Consent) => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const formatMoney = useFormatMoney();
  const formatDateTime = useFormatDateTime();
  const provinceName = useProvinceName();
  const orgs = [...p.organizations].sort((a, b) => Number(b.role === 'lead') - Number(a.role === 'lead'));
  return (
    <DetailFields bordered column={1} size="small" data-testid="project-detail" styles={{ label: { width: 150 } }}>
      <Descriptions.Item label={t('project.status')}>
        <Space size={4}>
          <ProjectStatusTag status={p.status} />
          {p.stale && <StaleTag />}
        </Space>
      </Descriptions.Item>
      <Descriptions.Item label={t('project.county')}>
        <Link to={`/counties/${p.county_code}`}>{`${p.county_name}（${p.county_code}）`}</Link>
        <Typography.Text type="secondary">{` ${provinceName(p.province_code)}`}</Typography.Text>
      </Descriptions.Item>
      <Descriptions.Item label={t('project.organizations')}>
        <Flex vertical gap={4} data-testid="project-organizations">
          {orgs.map((o) => (
            <Flex key={o.organization_id} gap={4} wrap align="center" data-testid="project-organization" data-org-id={o.organization_id}>
              <Link to={`/organizations/${o.organization_id}`}>{o.name || o.organization_id}</Link>
              <Tag color={ROLE_COLOR[o.role]}>{t(`projectRole.${o.role}`)}</Tag>
              <ConsentTag consent={o.consent} />
              {o.consent_by && (
                <Typography.Text type="secondary">
                  {o.consent_at ? `${o.consent_by} · ${formatDateTime(o.consent_at)}` : o.consent_by}
                </Typography.Text>
              )}
              {o.allowed_transitions.map((to) => (
                <Button
                  key={to}
                  size="small"
                  type={to === 'accepted' ? 'primary' : 'default'}
                  danger={to === 'declined'}
                  loading={answering}
                  data-testid={`project-answer-${to}`}
                  onClick={() => void onAnswer(o.organization_id, to)}
                >
                  {t(`transition.${to}`)}
                </Button>
              ))}
            </Flex>
          ))}
        </Flex>
      </Descriptions.Item>
      <Descriptions.Item label={t('project.assistanceType')}>
        <Tag color="geekblue">{t(`assistanceType.${p.assistance_type}`)}</Tag>
      </Descriptions.Item>
      {(p.pairing_id || p.need_id || p.event_id) && (
        <Descriptions.Item label={t('project.links')}>
          <Space wrap>
            {p.pairing_id && <Link to={`/pairings/${p.pairing_id}`}>{t('project.pairing')}</Link>}
            {p.need_id && <Link to={`/needs/${p.need_id}`}>{t('project.need')}</Link>}
            {p.event_id && p.campaign_id && (
              <Link to={`/campaigns/${p.campaign_id}`} data-testid="project-event-link">
                {t('project.event')}
              </Link>
            )}
          </Space>
        </Descriptions.Item>
      )}
      <Descriptions.Item label={t('project.brand')}>
        <ProjectBrandLink brandId={p.brand_id} />
      </Descriptions.Item>
      <Descriptions.Item label={t('project.governmentPurchase')}>
        <span data-testid="government-purchase">
          {p.government_purchase
            ? `${t('common.yes')} · ${t('project.contractNumber')} ${p.contract_number ?? '—'}${p.contract_amount ? ` · ${t('project.contractAmount')} ${formatMoney(p.contract_amount)}` : ''}`
            : t('common.no')}
        </span>
      </Descriptions.Item>
      <Descriptions.Item label={t('project.sustainability')}>
        <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{p.sustainability || '—'}</Typography.Paragraph>
      </Descriptions.Item>
      <Descriptions.Item label={t('project.lastActivity')}>{formatDateTime(p.last_activity_at)}</Descriptions.Item>
    </DetailFields>
  );
}

/** The brand the project carries, by name when the reader may read it. */
function ProjectBrandLink({ brandId }: { brandId?: string | null }) {
  const { t } = useTranslation();
  const name = useBrandName(brandId);
  if (!brandId) return <>—</>;
  return (
    <Link to={`/brands/${brandId}`} data-testid="project-brand-link">
      {name.data ?? t('project.brandUnnamed')}
    </Link>
  );
}
