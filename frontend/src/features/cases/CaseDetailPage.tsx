import { Alert, App, Button, Card, Col, Descriptions, Flex, Row, Space, Statistic, Tabs, Tag, Typography } from 'antd';
import { DetailFields } from '../../components/DetailFields';
import { ArrowLeftOutlined, EditOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/problem';
import type { Case, CaseStatus } from '../../api/types';
import { AttachmentsCard } from '../../components/AttachmentsCard';
import { useFormatDateTime } from '../../components/format';
import { useFormatMoney } from '../../components/money';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useCountyRefs, useProvinceName } from '../../components/referenceData';
import { QueryState } from '../../components/states';
import { useCurrentUser } from '../../session/context';
import { canEditOrganization } from '../../session/roles';
import { useBrandName, useCase, useCollection, useLinkedProjects, useTransitionCase } from './api';
import { CASE_SECTIONS } from './caseForm';
import { isPastDeadline, returnReason, todayIso } from './caseLogic';
import { CaseLineTag, CaseStatusTag } from './CaseTags';
import { CaseTimeline } from './CaseTimeline';
import { CaseTransitionButtons } from './CaseTransitionButtons';

export function CaseDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const user = useCurrentUser();
  const item = useCase(id);
  const move = useTransitionCase(id);
  const c = item.data?.data;
  // a refused move (past the deadline, not a move from here) stays shown until the next one
  const refusal = move.isError && !(move.error instanceof ApiError && move.error.status === 412) ? move.error : null;

  return (
    <>
      <PageHeader
        breadcrumb={[{ title: t('cases.title'), to: '/cases' }]}
        title={c ? c.title : t('cases.detailTitle')}
        subTitle={c ? `${c.organization_name} · ${c.collection_title}` : undefined}
        extra={
          <>
            {c?.editable && (
              <Link to={`/cases/${c.id}/edit`}>
                <Button icon={<EditOutlined />} data-testid="case-edit">
                  {t('cases.edit')}
                </Button>
              </Link>
            )}
            <Link to="/cases">
              <Button icon={<ArrowLeftOutlined />}>{t('common.back')}</Button>
            </Link>
          </>
        }
      />
      <QueryState query={item}>
        {({ data: c, etag }) => {
          const onMove = (to: CaseStatus, reason: string | undefined) =>
            move
              .mutateAsync({ body: { to, ...(reason ? { reason } : {}) }, etag: etag ?? '' })
              .then(() => void message.success(t('cases.moved', { status: t(`cases.statuses.${to}`) })))
              .catch((e: unknown) => {
                if (e instanceof ApiError && e.status === 412) void message.warning(t('error.stale'));
                throw e;
              });
          return (
            <Flex vertical gap={24}>
              <StatusAlert item={c} />
              <Card title={t('cases.actions')} size="small">
                {refusal && (
                  <div data-testid="case-move-problem">
                    <ProblemAlert error={refusal} />
                  </div>
                )}
                <Flex gap={12} wrap align="center">
                  <Space size={4}>
                    <CaseStatusTag status={c.status} />
                    {c.public && (
                      <Tag color="green" data-testid="case-public">
                        {t('cases.public')}
                      </Tag>
                    )}
                  </Space>
                  <CaseTransitionButtons item={c} pending={move.isPending} onMove={onMove} />
                </Flex>
              </Card>
              <Figures item={c} />
              <Flex gap={24} wrap align="flex-start">
                <Card size="small" style={{ flex: '2 1 520px', minWidth: 0 }}>
                  <Tabs
                    data-testid="case-tabs"
                    items={[
                      { key: 'content', label: t('cases.tabContent'), children: <Sections item={c} /> },
                      {
                        key: 'evidence',
                        label: t('cases.tabEvidence'),
                        children: (
                          <AttachmentsCard
                            basePath={`/api/v1/cases/${c.id}`}
                            canEdit={c.editable && canEditOrganization(user, { id: c.organization_id, province_code: c.province_code })}
                          />
                        ),
                      },
                    ]}
                  />
                </Card>
                <Flex vertical gap={24} style={{ flex: '1 1 320px', minWidth: 0 }}>
                  <Details item={c} />
                  <Card title={t('cases.history')} size="small">
                    <CaseTimeline history={c.history} />
                  </Card>
                </Flex>
              </Flex>
            </Flex>
          );
        }}
      </QueryState>
    </>
  );
}

/** Why the case waits on its organization: returned (with the reason), or a draft not submitted yet. */
function StatusAlert({ item: c }: { item: Case }) {
  const { t } = useTranslation();
  const collection = useCollection(c.status === 'draft' && c.allowed_transitions.includes('submitted') ? c.collection_id : undefined);
  const reason = returnReason(c);
  if (c.status === 'returned') {
    return <Alert type="warning" showIcon title={t('cases.returnedAlert')} description={reason} data-testid="case-returned" />;
  }
  if (c.status === 'draft' && c.allowed_transitions.includes('submitted')) {
    const deadline = collection.data?.data.deadline;
    const late = !!deadline && isPastDeadline(deadline, todayIso());
    return (
      <Alert
        type={late ? 'warning' : 'info'}
        showIcon
        data-testid="case-draft"
        title={deadline ? t(late ? 'cases.draftLate' : 'cases.draftAlert', { deadline }) : t('cases.draftAlertNoDeadline')}
      />
    );
  }
  return null;
}

function Figures({ item: c }: { item: Case }) {
  const { t } = useTranslation();
  const formatMoney = useFormatMoney();
  const f = c.figures;
  const figures: [string, string, string | number][] = [
    ['case-figure-projects', t('cases.figures.projects'), f.projects],
    ['case-figure-landed', t('cases.figures.landedProjects'), f.landed_projects],
    ['case-figure-funds-planned', t('cases.figures.fundsPlanned'), formatMoney(f.funds_planned)],
    ['case-figure-funds-in-place', t('cases.figures.fundsInPlace'), formatMoney(f.funds_in_place)],
    ['case-figure-beneficiaries', t('cases.figures.beneficiaries'), f.beneficiaries_reached],
    ['case-figure-counties', t('cases.figures.counties'), f.counties_reached],
  ];
  return (
    <Card size="small" title={t('cases.figures.title')} data-testid="case-figures">
      <Row gutter={[24, 16]}>
        {figures.map(([testId, title, value]) => (
          <Col key={testId} xs={12} md={8} xl={4}>
            <Statistic title={title} value={value} valueRender={() => <span data-testid={testId}>{value}</span>} />
          </Col>
        ))}
      </Row>
      <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8 }}>
        {t('cases.figures.hint')}
      </Typography.Text>
    </Card>
  );
}

/** 背景 · 做法 · 成效 · 经验启示, as written. */
function Sections({ item: c }: { item: Case }) {
  const { t } = useTranslation();
  return (
    <Flex vertical gap={16} data-testid="case-sections">
      {CASE_SECTIONS.map((s) => (
        <section key={s} data-testid={`case-section-${s}`}>
          <Typography.Title level={5} style={{ marginTop: 0 }}>
            {t(`cases.sections.${s}`)}
          </Typography.Title>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }} type={c[s] ? undefined : 'secondary'}>
            {c[s] || t('cases.sectionEmpty')}
          </Typography.Paragraph>
        </section>
      ))}
    </Flex>
  );
}

function Details({ item: c }: { item: Case }) {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  const provinceName = useProvinceName();
  const brand = useBrandName(c.brand_id);
  const projects = useLinkedProjects(c.project_ids);
  const counties = useCountyRefs(c.county_codes);
  return (
    <DetailFields bordered column={1} size="small" title={t('cases.details')} data-testid="case-detail" styles={{ label: { width: 110 } }}>
      <Descriptions.Item label={t('cases.collection')}>{c.collection_title}</Descriptions.Item>
      <Descriptions.Item label={t('cases.organization')}>
        <Link to={`/organizations/${c.organization_id}`}>{c.organization_name || c.organization_id}</Link>
        <Typography.Text type="secondary">{` ${provinceName(c.province_code)}`}</Typography.Text>
      </Descriptions.Item>
      <Descriptions.Item label={t('cases.line')}>
        <CaseLineTag line={c.line} />
      </Descriptions.Item>
      <Descriptions.Item label={t('cases.brand')}>{c.brand_id ? (brand.data ?? c.brand_id) : t('cases.none')}</Descriptions.Item>
      <Descriptions.Item label={t('cases.projects')}>
        {c.project_ids.length === 0 ? (
          t('cases.none')
        ) : (
          <Flex vertical gap={4} data-testid="case-projects">
            {c.project_ids.map((id, i) => (
              <Link key={id} to={`/projects/${id}`} data-testid="case-project">
                {projects[i]?.data?.data.title ?? (projects[i]?.isError ? t('cases.projectHidden', { id: id.slice(0, 8) }) : id.slice(0, 8))}
              </Link>
            ))}
          </Flex>
        )}
      </Descriptions.Item>
      <Descriptions.Item label={t('cases.counties')}>
        {c.county_codes.length === 0 ? (
          t('cases.none')
        ) : (
          <Space size={4} wrap data-testid="case-counties">
            {c.county_codes.map((code) => (
              <Link key={code} to={`/counties/${code}`}>
                <Tag>{counties.get(code) ? `${counties.get(code)?.name}（${code}）` : code}</Tag>
              </Link>
            ))}
          </Space>
        )}
      </Descriptions.Item>
      <Descriptions.Item label={t('cases.consent')}>
        <Flex vertical gap={4}>
          <span>
            <Tag color={c.consent_to_publish ? 'green' : 'orange'} data-testid="case-consent-state">
              {c.consent_to_publish ? t('cases.consentGiven') : t('cases.consentMissing')}
            </Tag>
          </span>
          <Typography.Text type="secondary">{t('cases.consentHint')}</Typography.Text>
        </Flex>
      </Descriptions.Item>
      <Descriptions.Item label={t('cases.updatedAt')}>{formatDateTime(c.updated_at)}</Descriptions.Item>
    </DetailFields>
  );
}
