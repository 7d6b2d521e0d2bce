import { App, Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { problemMessage } from '../../api/problem';
import type { OrgStatus } from '../../api/types';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useTransitionOrganization } from './api';

/** The moves a coordinator is offered from a status: 暂停/撤销 an active one, 恢复 the others. */
export function statusActions(status: OrgStatus): { to: OrgStatus; labelKey: string; danger: boolean }[] {
  const suspend = { to: 'suspended' as const, labelKey: 'org.suspend', danger: false };
  const revoke = { to: 'revoked' as const, labelKey: 'org.revoke', danger: true };
  const reinstate = { to: 'active' as const, labelKey: 'org.reinstate', danger: false };
  if (status === 'active') return [suspend, revoke];
  if (status === 'suspended') return [reinstate, revoke];
  return [reinstate];
}

/** Asks for the (required) reason, then moves the organization with If-Match. */
export function StatusChangeModal({
  orgId,
  etag,
  action,
  onClose,
}: {
  orgId: string;
  etag: string | null;
  action: { to: OrgStatus; labelKey: string } | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const move = useTransitionOrganization(orgId);

  const close = () => {
    form.resetFields();
    move.reset();
    onClose();
  };

  const submit = async () => {
    if (!action) return;
    const { reason } = await form.validateFields();
    move.mutate(
      { body: { to: action.to, reason: reason.trim() }, etag: etag ?? '' },
      {
        onSuccess: () => {
          void message.success(t('org.statusChanged'));
          close();
        },
        onError: (e) => void message.error(problemMessage(e, t)),
      },
    );
  };

  return (
    <Modal
      open={!!action}
      title={action ? t('org.changeStatus', { action: t(action.labelKey) }) : ''}
      okText={action ? t(action.labelKey) : ''}
      okButtonProps={{ danger: action?.to !== 'active' }}
      cancelText={t('common.cancel')}
      onOk={() => void submit().catch(() => undefined)}
      confirmLoading={move.isPending}
      onCancel={close}
      destroyOnHidden
    >
      {move.isError && <ProblemAlert error={move.error} />}
      <Form form={form} layout="vertical" name="org-status" data-testid="status-form">
        <Form.Item
          label={t('org.reason')}
          name="reason"
          rules={[{ required: true, whitespace: true, message: t('org.reasonRequired') }]}
        >
          <Input.TextArea rows={3} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
