import { App, Button, Card, Checkbox, Form, Input, Tag, Timeline, Typography, type ButtonProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { fieldErrors, problemMessage } from '../../api/problem';
import type { Incident, IncidentAction } from '../../api/types';
import { useFormatDateTime } from '../../components/format';
import { EmptyState, ErrorState } from '../../components/states';
import { useAddIncidentAction, useIncidentActions } from './api';

/** The note's bound (the server's, as for an incident's account). */
const NOTE_MAX = 5000;

/**
 * 处置记录: what was done, oldest first, and — for those handling it while it is not closed — a
 * step to add. A coordinator of the organization's province may suspend the organization with the
 * step (同时暂停该组织), after confirming: the note is the suspension's reason.
 */
export function HandlingLog({ incident }: { incident: Incident }) {
  const { t } = useTranslation();
  const actions = useIncidentActions(incident.id);
  return (
    <Card title={t('incidents.log')} size="small" data-testid="incident-log">
      {actions.isError ? (
        <ErrorState error={actions.error} onRetry={() => void actions.refetch()} />
      ) : actions.isPending ? null : actions.data.items.length === 0 ? (
        <EmptyState description={t('incidents.logEmpty')} />
      ) : (
        <Steps items={actions.data.items} />
      )}
      {incident.may_act && <AddStep incident={incident} />}
    </Card>
  );
}

function Steps({ items }: { items: IncidentAction[] }) {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  return (
    <Timeline
      data-testid="incident-log-steps"
      items={items.map((a) => ({
        key: a.id,
        color: a.suspended_organization ? 'red' : 'blue',
        content: (
          <div data-testid="incident-log-step">
            <Typography.Text type="secondary">
              {formatDateTime(a.at)} · {a.actor}
            </Typography.Text>
            {a.suspended_organization && (
              <Tag color="red" style={{ marginInlineStart: 8 }} data-testid="incident-log-suspended">
                {t('incidents.suspendedTag')}
              </Tag>
            )}
            <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{a.note}</Typography.Paragraph>
          </div>
        ),
      }))}
    />
  );
}

interface StepValues {
  note: string;
  suspend?: boolean;
}

function AddStep({ incident }: { incident: Incident }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<StepValues>();
  const add = useAddIncidentAction(incident.id);
  // an organization already suspended or revoked cannot be suspended again (the server answers 409)
  const maySuspend = incident.may_suspend && incident.organization_status === 'active';

  const send = (values: StepValues) =>
    add
      .mutateAsync({ note: values.note.trim(), ...(values.suspend && maySuspend ? { suspend_organization: true } : {}) })
      .then(() => {
        void message.success(values.suspend ? t('incidents.stepSuspended', { name: incident.organization_name }) : t('incidents.stepSaved'));
        form.resetFields();
      })
      .catch((e: unknown) => {
        const note = fieldErrors(e).find((f) => f.name === 'note');
        if (note) form.setFields([{ name: 'note', errors: note.errors }]);
        else void message.error(problemMessage(e, t));
      });

  const submit = (values: StepValues) => {
    if (!values.suspend || !maySuspend) return void send(values);
    // suspending an organization ends nothing by itself but flags its pairings, projects and brands: ask first
    modal.confirm({
      title: t('incidents.suspendConfirmTitle', { name: incident.organization_name }),
      content: t('incidents.suspendHint'),
      okText: t('incidents.suspendConfirm'),
      okButtonProps: { danger: true, 'data-testid': 'suspend-confirm' } as ButtonProps,
      cancelText: t('common.cancel'),
      onOk: () => send(values),
    });
  };

  return (
    <Form<StepValues> form={form} layout="vertical" name="incident-step" data-testid="incident-step-form" onFinish={submit} style={{ marginTop: 16 }}>
      <Form.Item
        label={t('incidents.note')}
        name="note"
        rules={[
          { required: true, message: t('incidents.noteRequired') },
          { whitespace: true, message: t('incidents.noteRequired') },
        ]}
      >
        <Input.TextArea rows={3} maxLength={NOTE_MAX} placeholder={t('incidents.notePlaceholder')} />
      </Form.Item>
      {maySuspend && (
        <Form.Item name="suspend" valuePropName="checked" extra={t('incidents.suspendHint')}>
          <Checkbox data-testid="incident-step-suspend">{t('incidents.suspendOrg')}</Checkbox>
        </Form.Item>
      )}
      <Button type="primary" htmlType="submit" loading={add.isPending} data-testid="incident-step-save">
        {t('incidents.addStep')}
      </Button>
    </Form>
  );
}
