import { useState, type ReactNode } from 'react';
import { App, Button, Card, DatePicker, Form, Input, Modal, Select, Table } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { CountInput, useCountRule } from '../../components/CountInput';
import { ApiError, fieldErrors } from '../../api/problem';
import type { Project, ProjectStatus, ProjectUpdate } from '../../api/types';
import { useCurrentUser } from '../../session/context';
import { DraftAlert } from '../../components/DraftAlert';
import { hasDraft, useFormDraft } from '../../components/formDraft';
import { parseMoney, useFormatMoney } from '../../components/money';
import { MoneyInput, moneyRule } from '../../components/MoneyInput';
import { ProblemAlert } from '../../components/ProblemAlert';
import { EmptyState, ErrorState } from '../../components/states';
import { useAddProjectUpdate, useProjectUpdates } from './api';
import { transitionLabel } from './projectLogic';

interface FormValues {
  date: { format: (template: string) => string }; // the DatePicker's value
  narrative: string;
  funds_delta?: string;
  beneficiaries_delta?: number;
  to?: ProjectStatus;
}

/** Progress updates (进展报告): dated reports that move funds in place and beneficiaries reached. */
export function UpdatesCard({ project, editable, evidence }: { project: Project; editable: boolean; evidence?: ReactNode }) {
  const { t } = useTranslation();
  const countRule = useCountRule();
  const { message } = App.useApp();
  const updates = useProjectUpdates(project.id);
  const add = useAddProjectUpdate(project.id);
  const formatMoney = useFormatMoney();
  const user = useCurrentUser();
  const draftName = `project-update:${project.id}`;
  // a report being written when the session expired opens again, as it was
  const [open, setOpen] = useState(() => editable && hasDraft(user.id, draftName));
  const [form] = Form.useForm<FormValues>();
  const draft = useFormDraft(form, draftName, user.id);

  const close = () => {
    draft.clear();
    form.resetFields();
    add.reset();
    setOpen(false);
  };

  const submit = async () => {
    const v = await form.validateFields();
    add.mutate(
      {
        date: v.date.format('YYYY-MM-DD'),
        narrative: v.narrative.trim(),
        funds_delta: parseMoney(v.funds_delta) ?? '0.00',
        beneficiaries_delta: v.beneficiaries_delta ?? 0,
        ...(v.to ? { to: v.to } : {}),
      },
      {
        onSuccess: () => {
          void message.success(t('project.updateSaved'));
          close();
        },
        onError: (e) => {
          const fields = fieldErrors(e);
          if (fields.length > 0) form.setFields(fields.map((f) => ({ name: f.name as keyof FormValues, errors: f.errors })));
        },
      },
    );
  };

  // the status moves that may go with a report: the ones that need no note
  const moves = project.allowed_transitions.filter((to) => to !== 'suspended' && to !== 'cancelled');
  return (
    <Card
      title={t('project.updates')}
      extra={
        editable && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)} data-testid="update-add">
            {t('project.addUpdate')}
          </Button>
        )
      }
    >
      {updates.isError ? (
        <ErrorState error={updates.error} onRetry={() => void updates.refetch()} />
      ) : (
        <Table<ProjectUpdate>
          data-testid="update-table"
          scroll={{ x: 'max-content' }}
          rowKey="id"
          size="small"
          loading={updates.isPending}
          pagination={false}
          dataSource={updates.data?.items}
          locale={{ emptyText: updates.isPending ? ' ' : <EmptyState description={t('project.noUpdates')} /> }}
          columns={[
            { title: t('project.updateDate'), dataIndex: 'date', width: 120 },
            { title: t('project.narrative'), dataIndex: 'narrative' },
            { title: t('project.fundsDelta'), dataIndex: 'funds_delta', align: 'right', render: (v: string) => formatMoney(v) },
            { title: t('project.beneficiariesDelta'), dataIndex: 'beneficiaries_delta', align: 'right' },
            { title: t('project.reportedBy'), dataIndex: 'created_by' },
          ]}
        />
      )}
      <Modal
        open={open}
        title={t('project.addUpdate')}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        onOk={() => void submit().catch(() => undefined)}
        confirmLoading={add.isPending}
        onCancel={close}
        destroyOnHidden
      >
        {add.isError && !(add.error instanceof ApiError && add.error.errors.length > 0) && <ProblemAlert error={add.error} />}
        <DraftAlert draft={draft} onDiscard={() => form.resetFields()} />
        <Form<FormValues> form={form} onValuesChange={draft.save} layout="vertical" name="project-update" data-testid="update-form">
          <Form.Item label={t('project.updateDate')} name="date" rules={[{ required: true, message: t('project.required') }]}>
            <DatePicker />
          </Form.Item>
          <Form.Item label={t('project.narrative')} name="narrative" rules={[{ required: true, whitespace: true, message: t('project.required') }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
          <Form.Item label={t('project.fundsDelta')} name="funds_delta" rules={[moneyRule(t('money.invalid'))]}>
            <MoneyInput />
          </Form.Item>
          <Form.Item label={t('project.beneficiariesDelta')} name="beneficiaries_delta" rules={[countRule]}>
            <CountInput style={{ width: 160 }} />
          </Form.Item>
          {moves.length > 0 && (
            <Form.Item label={t('project.moveWithUpdate')} name="to">
              <Select
                allowClear
                data-testid="update-move"
                placeholder={t('project.noMove')}
                options={moves.map((to) => {
                  const l = transitionLabel(project, to);
                  return { value: to, label: t(l.key, l.status ? { status: t(`projectStatus.${l.status}`) } : undefined) };
                })}
              />
            </Form.Item>
          )}
        </Form>
        {/* photos and documents of the progress go with it, into the project's evidence */}
        {evidence}
      </Modal>
    </Card>
  );
}
