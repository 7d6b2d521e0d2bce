import { useState } from 'react';
import { App, Button, Card, DatePicker, Form, Input, Modal, Table } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { CountInput, useCountRule } from '../../components/CountInput';
import { ApiError, fieldErrors } from '../../api/problem';
import type { CultivationRecord } from '../../api/types';
import { ProblemAlert } from '../../components/ProblemAlert';
import { EmptyState, ErrorState } from '../../components/states';
import { useAddCultivation, useCultivation } from './api';

const COUNTS = ['trainings', 'trainees', 'local_organizations', 'volunteers', 'social_workers'] as const;
const LABEL: Record<(typeof COUNTS)[number], string> = {
  trainings: 'cultivation.trainings',
  trainees: 'cultivation.trainees',
  local_organizations: 'cultivation.localOrganizations',
  volunteers: 'cultivation.volunteers',
  social_workers: 'cultivation.socialWorkers',
};

interface FormValues {
  record_date: { format: (template: string) => string }; // the DatePicker's value
  trainings?: number;
  trainees?: number;
  local_organizations?: number;
  volunteers?: number;
  social_workers?: number;
  note?: string;
}

/** Local cultivation (培育当地社会组织、志愿者和社会工作者): records and their totals. */
export function CultivationCard({ pairingId, editable }: { pairingId: string; editable: boolean }) {
  const { t } = useTranslation();
  const countRule = useCountRule();
  const { message } = App.useApp();
  const records = useCultivation(pairingId);
  const add = useAddCultivation(pairingId);
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<FormValues>();

  const close = () => {
    form.resetFields();
    add.reset();
    setOpen(false);
  };

  const submit = async () => {
    const v = await form.validateFields();
    add.mutate(
      {
        record_date: v.record_date.format('YYYY-MM-DD'),
        trainings: v.trainings ?? 0,
        trainees: v.trainees ?? 0,
        local_organizations: v.local_organizations ?? 0,
        volunteers: v.volunteers ?? 0,
        social_workers: v.social_workers ?? 0,
        note: v.note?.trim() ?? '',
      },
      {
        onSuccess: () => {
          void message.success(t('cultivation.saved'));
          close();
        },
        onError: (e) => {
          const fields = fieldErrors(e);
          if (fields.length > 0) form.setFields(fields.map((f) => ({ name: f.name as keyof FormValues, errors: f.errors })));
        },
      },
    );
  };

  const summary = records.data;
  return (
    <Card
      title={t('cultivation.title')}
      extra={
        editable && (
          <Button icon={<PlusOutlined />} onClick={() => setOpen(true)} data-testid="cultivation-add">
            {t('cultivation.add')}
          </Button>
        )
      }
    >
      {records.isError ? (
        <ErrorState error={records.error} onRetry={() => void records.refetch()} />
      ) : (
        <Table<CultivationRecord>
          data-testid="cultivation-table"
          scroll={{ x: 'max-content' }}
          rowKey="id"
          size="small"
          loading={records.isPending}
          pagination={false}
          dataSource={summary?.records}
          locale={{ emptyText: records.isPending ? ' ' : <EmptyState /> }}
          columns={[
            { title: t('cultivation.date'), dataIndex: 'record_date', width: 120 },
            ...COUNTS.map((k) => ({ title: t(LABEL[k]), dataIndex: k, align: 'right' as const })),
            { title: t('cultivation.note'), dataIndex: 'note' },
          ]}
          summary={() =>
            summary && summary.records.length > 0 ? (
              <Table.Summary.Row data-testid="cultivation-total">
                <Table.Summary.Cell index={0}>
                  <strong>{t('cultivation.total')}</strong>
                </Table.Summary.Cell>
                {COUNTS.map((k, i) => (
                  <Table.Summary.Cell key={k} index={i + 1} align="right">
                    <strong>{summary[k]}</strong>
                  </Table.Summary.Cell>
                ))}
                <Table.Summary.Cell index={COUNTS.length + 1} />
              </Table.Summary.Row>
            ) : null
          }
        />
      )}
      <Modal
        open={open}
        title={t('cultivation.add')}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        onOk={() => void submit().catch(() => undefined)}
        confirmLoading={add.isPending}
        onCancel={close}
        destroyOnHidden
      >
        {add.isError && !(add.error instanceof ApiError && add.error.errors.length > 0) && <ProblemAlert error={add.error} />}
        <Form<FormValues> form={form} layout="vertical" name="cultivation" data-testid="cultivation-form">
          <Form.Item label={t('cultivation.date')} name="record_date" rules={[{ required: true, message: t('pairing.required') }]}>
            <DatePicker />
          </Form.Item>
          {COUNTS.map((k) => (
            <Form.Item key={k} label={t(LABEL[k])} name={k} rules={[countRule]}>
              <CountInput style={{ width: 160 }} />
            </Form.Item>
          ))}
          <Form.Item label={t('cultivation.note')} name="note">
            <Input.TextArea rows={2} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
