import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Flex, Space, Tabs, Typography } from 'antd';
import { DetailFields } from '../../components/DetailFields';
import { ArrowLeftOutlined, EditOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError, problemMessage } from '../../api/problem';
import type { Brand, BrandStatus } from '../../api/types';
import { AttachmentsCard } from '../../components/AttachmentsCard';
import { BRAND_STATUS_COLOR, BrandFocusTags, BrandLineTag, BrandStatusTag, ReviewFlagTag } from '../../components/EnumTags';
import { useFormatDateTime } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { useOrganizationNames, useProvinceName } from '../../components/referenceData';
import { QueryState } from '../../components/states';
import { StatusTimeline } from '../../components/StatusTimeline';
import { useCurrentUser } from '../../session/context';
import { canManageBrand, canReadOwnResults } from '../../session/roles';
import { EvaluationResultsCard } from '../../components/evaluation/EvaluationResultsCard';
import { HonorsCard } from '../../components/evaluation/HonorsCard';
import { useBrand, useTransitionBrand } from './api';
import { BrandEditModal } from './BrandEditModal';
import { BrandProjectsTable } from './BrandProjectsTable';
import { BrandTransitionButtons } from './BrandTransitionButtons';
import { DossierCard } from './DossierCard';

/** One brand: its status and moves, its dossier, its projects, history and evidence. */
export function BrandDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const user = useCurrentUser();
  const brand = useBrand(id);
  const move = useTransitionBrand(id);
  const [editing, setEditing] = useState(false);
  const partnerNames = useOrganizationNames(brand.data?.data.partner_organization_ids ?? []);

  return (
    <>
      <PageHeader
        breadcrumb={[{ title: t('brand.title'), to: '/brands' }]}
        title={brand.data ? brand.data.data.name : t('brand.detailTitle')}
        subTitle={brand.data ? brand.data.data.owner_organization_name : undefined}
        extra={
          <Link to="/brands">
            <Button icon={<ArrowLeftOutlined />}>{t('common.back')}</Button>
          </Link>
        }
      />
      <QueryState query={brand}>
        {({ data: b, etag }) => {
          const onMove = (to: BrandStatus, reason: string | undefined) =>
            move
              .mutateAsync({ body: { to, ...(reason ? { reason } : {}) }, etag: etag ?? '' })
              .then(() => void message.success(t('brand.moved', { status: t(`brandStatus.${to}`) })))
              .catch((e: unknown) => {
                // 412: someone moved it first (it is read again); 409: not a move from its status now
                void (e instanceof ApiError && e.status === 412 ? message.warning(t('error.stale')) : message.error(problemMessage(e, t)));
                throw e;
              });
          return (
            <Flex vertical gap={24}>
              {b.review != null && <Alert type="error" showIcon title={t('brand.reviewAlert')} description={b.review} data-testid="review-alert" />}
              <Card
                title={t('brand.actions')}
                size="small"
                extra={
                  b.editable && (
                    <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="brand-edit">
                      {t('brand.edit')}
                    </Button>
                  )
                }
              >
                <Flex gap={12} wrap align="center">
                  <BrandStatusTag status={b.status} />
                  <BrandTransitionButtons status={b.status} allowed={b.allowed_transitions} pending={move.isPending} onMove={onMove} />
                </Flex>
              </Card>
              {editing && (
                <BrandEditModal brand={b} etag={etag ?? ''} partnerNames={partnerNames} onClose={() => setEditing(false)} onReload={() => void brand.refetch()} />
              )}
              <Details brand={b} partnerNames={partnerNames} />
              <HonorsCard subjectId={b.id} size="small" />
              <DossierCard dossier={b.dossier} />
              {canReadOwnResults(user, b.owner_organization_id) && <EvaluationResultsCard subjectId={b.id} subjectType="brand" />}
              <Tabs
                data-testid="brand-tabs"
                items={[
                  { key: 'projects', label: t('brand.tabProjects'), children: <BrandProjectsTable brandId={b.id} /> },
                  {
                    key: 'history',
                    label: t('brand.tabHistory'),
                    children: (
                      <StatusTimeline
                        testId="brand-history"
                        events={b.history}
                        createdLabel={t('brand.timelineCreated')}
                        label={(s) => t(`brandStatus.${s}`)}
                        color={(s) => timelineColor(s as BrandStatus)}
                      />
                    ),
                  },
                  {
                    key: 'evidence',
                    label: t('brand.tabEvidence'),
                    // evidence changes with the brand's text, while a draft or returned (`editable`)
                    children: <AttachmentsCard basePath={`/api/v1/brands/${b.id}`} canEdit={b.editable && canManageBrand(user, b)} />,
                  },
                ]}
              />
            </Flex>
          );
        }}
      </QueryState>
    </>
  );
}

function timelineColor(s: BrandStatus): string {
  const c = BRAND_STATUS_COLOR[s] ?? 'gray';
  return c === 'default' ? 'gray' : c;
}

function Details({ brand: b, partnerNames }: { brand: Brand; partnerNames: Record<string, string | undefined> }) {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  const provinceName = useProvinceName();
  return (
    <DetailFields bordered column={{ xs: 1, md: 2 }} size="small" title={t('brand.details')} data-testid="brand-detail" styles={{ label: { width: 130 } }}>
      <Descriptions.Item label={t('brand.line')}>
        <BrandLineTag line={b.line} />
      </Descriptions.Item>
      <Descriptions.Item label={t('brand.focus')}>
        <BrandFocusTags focus={b.focus} />
      </Descriptions.Item>
      <Descriptions.Item label={t('brand.owner')}>
        <Space size={4} wrap>
          <Link to={`/organizations/${b.owner_organization_id}`}>{b.owner_organization_name}</Link>
          {b.review != null && <ReviewFlagTag />}
        </Space>
      </Descriptions.Item>
      <Descriptions.Item label={t('brand.province')}>{provinceName(b.province_code)}</Descriptions.Item>
      <Descriptions.Item label={t('brand.partners')}>
        {b.partner_organization_ids.length === 0 ? (
          '—'
        ) : (
          <Space size={[12, 4]} wrap data-testid="brand-partners-list">
            {b.partner_organization_ids.map((id) => (
              <Link key={id} to={`/organizations/${id}`}>
                {partnerNames[id] ?? id}
              </Link>
            ))}
          </Space>
        )}
      </Descriptions.Item>
      <Descriptions.Item label={t('brand.startedYear')}>{b.started_year ?? '—'}</Descriptions.Item>
      <Descriptions.Item label={t('brand.description')} span={{ xs: 1, md: 2 }}>
        <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{b.description || '—'}</Typography.Paragraph>
      </Descriptions.Item>
      <Descriptions.Item label={t('brand.updatedAt')}>{formatDateTime(b.updated_at)}</Descriptions.Item>
    </DetailFields>
  );
}
