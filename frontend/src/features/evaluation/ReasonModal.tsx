import { Form, Input, Modal, type ButtonProps } from 'antd';
import { useTranslation } from 'react-i18next';

/** Asks for the reason a move needs (重新开放 a round, 停用 a framework, 撤回 an expert) and hands it over trimmed. */
export function ReasonModal({
  open,
  title,
  label,
  hint,
  pending,
  onCancel,
  onSubmit,
}: {
  open: boolean;
  title: string;
  label: string;
  hint?: string;
  pending?: boolean;
  onCancel: () => void;
  onSubmit: (reason: string) => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();

  const close = () => {
    form.resetFields();
    onCancel();
  };

  const submit = async () => {
    const { reason } = await form.validateFields();
    await onSubmit(reason.trim());
    form.resetFields();
  };

  return (
    <Modal
      open={open}
      title={title}
      okText={title}
      okButtonProps={{ danger: true, 'data-testid': 'reason-confirm' } as ButtonProps}
      cancelText={t('common.cancel')}
      confirmLoading={pending}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={close}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" name="evaluation-reason" data-testid="reason-form">
        <Form.Item label={label} name="reason" extra={hint} rules={[{ required: true, whitespace: true, message: t('evaluation.reasonRequired') }]}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
