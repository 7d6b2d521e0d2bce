import { App, Button, Card, Descriptions, Flex, Space, Typography } from 'antd';
import { ArrowLeftOutlined, EditOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError, problemMessage } from '../../api/problem';
import type { Training, TrainingStatus } from '../../api/types';
import { DetailFields } from '../../components/DetailFields';
import { AssistanceTypeTags } from '../../components/EnumTags';
import { useFormatDateTime } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/states';
import { StatusTimeline } from '../../components/StatusTimeline';
import { OrganizerLevelTag, TRAINING_STATUS_COLOR, TrainingDates, TrainingStatusTag } from '../../components/trainings/TrainingTags';
import { useTraining, useTransitionTraining } from './api';
import { ParticipantsCard } from './ParticipantsCard';
import { TrainingTransitionButtons } from './TrainingTransitionButtons';

/** One training: its status and moves, what it is, the organizations trained, and its history. */
export function TrainingDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const training = useTraining(id);
  const move = useTransitionTraining(id);
  const tr = training.data?.data;

  return (
    <>
      <PageHeader
        breadcrumb={[{ title: t('trainings.title'), to: '/trainings' }]}
        title={tr ? tr.title : t('trainings.detailTitle')}
        subTitle={tr?.organizer}
        extra={
          <>
            {tr?.may_manage && tr.status === 'planned' && (
              <Link to={`/trainings/${tr.id}/edit`}>
                <Button icon={<EditOutlined />} data-testid="training-edit">
                  {t('trainings.edit')}
                </Button>
              </Link>
            )}
            <Link to="/trainings">
              <Button icon={<ArrowLeftOutlined />}>{t('common.back')}</Button>
            </Link>
          </>
        }
      />
      <QueryState query={training}>
        {({ data: tr, etag }) => {
          const onMove = (to: TrainingStatus, reason: string | undefined) =>
            move
              .mutateAsync({ body: { to, ...(reason ? { reason } : {}) }, etag: etag ?? '' })
              .then(() => void message.success(t('trainings.moved', { status: t(`trainings.statuses.${to}`) })))
              .catch((e: unknown) => {
                // 412: someone moved it first (it is read again); 409: not yet its first day, says the server
                void (e instanceof ApiError && e.status === 412 ? message.warning(t('error.stale')) : message.error(problemMessage(e, t)));
                throw e;
              });
          return (
            <Flex vertical gap={24}>
              <Card title={t('trainings.actions')} size="small">
                <Flex gap={12} wrap align="center">
                  <TrainingStatusTag status={tr.status} />
                  {tr.may_manage && <TrainingTransitionButtons allowed={tr.allowed_transitions} pending={move.isPending} onMove={onMove} />}
                </Flex>
              </Card>
              <Details training={tr} />
              <ParticipantsCard training={tr} />
              <Card title={t('trainings.history')} size="small">
                <StatusTimeline
                  testId="training-history"
                  events={tr.history}
                  createdLabel={t('trainings.timelineCreated')}
                  label={(s) => t(`trainings.statuses.${s}`)}
                  color={(s) => timelineColor(s as TrainingStatus)}
                />
              </Card>
            </Flex>
          );
        }}
      </QueryState>
    </>
  );
}

function timelineColor(s: TrainingStatus): string {
  const c = TRAINING_STATUS_COLOR[s] ?? 'gray';
  return c === 'default' ? 'gray' : c;
}

function Details({ training: tr }: { training: Training }) {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  return (
    <DetailFields bordered column={{ xs: 1, md: 2 }} size="small" title={t('trainings.details')} data-testid="training-detail" styles={{ label: { width: 120 } }}>
      <Descriptions.Item label={t('trainings.level')}>
        <OrganizerLevelTag level={tr.organizer_level} />
      </Descriptions.Item>
      <Descriptions.Item label={t('trainings.organizer')}>{tr.organizer}</Descriptions.Item>
      <Descriptions.Item label={t('trainings.dates')}>
        <TrainingDates training={tr} />
      </Descriptions.Item>
      <Descriptions.Item label={t('trainings.mode')}>{t(`trainings.modes.${tr.mode}`)}</Descriptions.Item>
      <Descriptions.Item label={t('trainings.place')} span={{ xs: 1, md: 2 }}>
        {tr.place || '—'}
      </Descriptions.Item>
      <Descriptions.Item label={t('trainings.assistanceTypes')}>
        {tr.assistance_types.length > 0 ? <AssistanceTypeTags types={tr.assistance_types} /> : '—'}
      </Descriptions.Item>
      <Descriptions.Item label={t('trainings.topics')}>
        {tr.topics.length > 0 ? (
          <Space size={[4, 4]} wrap data-testid="training-topics-list">
            {tr.topics.map((topic) => (
              <Typography.Text key={topic} code>
                {topic}
              </Typography.Text>
            ))}
          </Space>
        ) : (
          '—'
        )}
      </Descriptions.Item>
      <Descriptions.Item label={t('trainings.organizations')}>
        <span data-testid="training-organizations">{tr.organizations}</span>
      </Descriptions.Item>
      <Descriptions.Item label={t('trainings.headCount')}>
        <span data-testid="training-head-count">{tr.head_count}</span>
      </Descriptions.Item>
      <Descriptions.Item label={t('trainings.description')} span={{ xs: 1, md: 2 }}>
        <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{tr.description || '—'}</Typography.Paragraph>
      </Descriptions.Item>
      <Descriptions.Item label={t('trainings.updatedAt')}>{formatDateTime(tr.updated_at)}</Descriptions.Item>
    </DetailFields>
  );
}
