import { useState } from 'react';
import { Alert, App, Button, Card, Flex, Radio, Space, Table, Tag, Typography } from 'antd';
import { DownloadOutlined, EditOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { problemMessage } from '../../api/problem';
import type { Participant, Training } from '../../api/types';
import { saveDownload } from '../../components/download';
import { EmptyState, ErrorState } from '../../components/states';
import { useParticipants, usePutParticipant } from './api';
import { templateCsv } from './participantImport';
import { ParticipantImportModal } from './ParticipantImportModal';
import { ParticipantModal } from './ParticipantModal';
import { attendanceOf, participantBody, participantRights, type Attendance } from './trainingLogic';

const ATTENDANCE_COLOR: Record<Attendance, string> = { pending: 'default', attended: 'green', absent: 'red' };

/**
 * 参训组织: the organizations trained with their head counts and, once it was held, their
 * attendance. Its organizer adds one, changes a head count, imports a file of them, and
 * confirms who came.
 */
export function ParticipantsCard({ training }: { training: Training }) {
  const { t } = useTranslation();
  const participants = useParticipants(training.id);
  const rights = participantRights(training);
  const [editing, setEditing] = useState<Participant | 'new' | null>(null);
  const [importing, setImporting] = useState(false);

  const downloadTemplate = () =>
    saveDownload(new Blob([templateCsv()], { type: 'text/csv;charset=utf-8' }), null, `${t('trainings.import.template')}.csv`);

  return (
    <Card
      title={t('trainings.participants.title')}
      size="small"
      data-testid="training-participants"
      extra={
        rights.change && (
          <Space wrap size={4}>
            <Button size="small" icon={<DownloadOutlined />} onClick={downloadTemplate} data-testid="participants-template">
              {t('trainings.import.template')}
            </Button>
            <Button size="small" icon={<UploadOutlined />} onClick={() => setImporting(true)} data-testid="participants-import">
              {t('trainings.import.button')}
            </Button>
            <Button size="small" type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="participant-add">
              {t('trainings.participants.add')}
            </Button>
          </Space>
        )
      }
    >
      {training.may_manage && training.status === 'cancelled' && (
        <Alert type="info" showIcon title={t('trainings.participants.cancelledHint')} style={{ marginBottom: 12 }} />
      )}
      {rights.change && training.status === 'planned' && (
        <Typography.Paragraph type="secondary">{t('trainings.participants.attendanceHint')}</Typography.Paragraph>
      )}
      <Typography.Paragraph data-testid="participants-totals">
        {t('trainings.participants.totals', { organizations: training.organizations, people: training.head_count })}
      </Typography.Paragraph>
      {participants.isError ? (
        <ErrorState error={participants.error} onRetry={() => void participants.refetch()} />
      ) : (
        <Table<Participant>
          data-testid="participants-table"
          scroll={{ x: 'max-content' }}
          rowKey="organization_id"
          size="small"
          loading={participants.isPending}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          dataSource={participants.data?.items}
          locale={{ emptyText: participants.isPending ? ' ' : <EmptyState description={t('trainings.participants.empty')} /> }}
          columns={[
            {
              title: t('trainings.participants.organization'),
              dataIndex: 'organization_name',
              render: (name: string, p) => <Link to={`/organizations/${p.organization_id}`}>{name}</Link>,
            },
            { title: t('trainings.participants.creditCode'), dataIndex: 'credit_code', responsive: ['md'] },
            {
              title: t('trainings.participants.headCount'),
              dataIndex: 'head_count',
              align: 'right',
              render: (n: number, p) => (
                <Flex gap={4} align="center" justify="flex-end">
                  <span data-testid="participant-head-count">{n}</span>
                  {rights.change && (
                    <Button
                      size="small"
                      type="text"
                      icon={<EditOutlined />}
                      aria-label={t('trainings.participants.change')}
                      title={t('trainings.participants.change')}
                      onClick={() => setEditing(p)}
                      data-testid="participant-edit"
                    />
                  )}
                </Flex>
              ),
            },
            {
              title: t('trainings.participants.attended'),
              dataIndex: 'attended',
              render: (_: unknown, p) => (rights.attendance ? <AttendanceChoice training={training} participant={p} /> : <AttendanceTag attended={p.attended} />),
            },
          ]}
        />
      )}
      {editing && (
        <ParticipantModal trainingId={training.id} participant={editing === 'new' ? undefined : editing} onClose={() => setEditing(null)} />
      )}
      {importing && <ParticipantImportModal trainingId={training.id} onClose={() => setImporting(false)} />}
    </Card>
  );
}

/** 待确认 / 已出席 / 未出席. */
function AttendanceTag({ attended }: { attended: boolean | null | undefined }) {
  const { t } = useTranslation();
  const a = attendanceOf(attended);
  return (
    <Tag color={ATTENDANCE_COLOR[a]} data-testid="participant-attendance" data-attendance={a}>
      {t(`trainings.participants.attendance.${a}`)}
    </Tag>
  );
}

/** The organizer confirms whether an organization came; its head count is kept. */
function AttendanceChoice({ training, participant: p }: { training: Training; participant: Participant }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const put = usePutParticipant(training.id);
  const a = attendanceOf(p.attended);
  return (
    <Radio.Group
      size="small"
      optionType="button"
      buttonStyle="solid"
      disabled={put.isPending}
      data-testid="participant-attendance-choice"
      data-attendance={a}
      value={a === 'pending' ? undefined : a}
      onChange={(e) =>
        put.mutate(participantBody(p, { attended: e.target.value === 'attended' }), {
          onSuccess: () => void message.success(t('trainings.participants.saved')),
          onError: (err) => void message.error(problemMessage(err, t)),
        })
      }
      options={[
        { value: 'attended', label: t('trainings.participants.attendance.attended') },
        { value: 'absent', label: t('trainings.participants.attendance.absent') },
      ]}
    />
  );
}
