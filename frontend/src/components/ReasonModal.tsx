import { Form, Input, Modal, type ButtonProps } from 'antd';
import { useTranslation } from 'react-i18next';

/**
 * Asks for the reason a move needs (回避 an assignment, 入选/不入选 a nomination, 重新开放 a
 * selection) and hands it over trimmed; with `optional` it may be left blank.
 */
export function ReasonModal({
  open,
  title,
  label,
  hint,
  requiredMessage,
  optional,
  danger,
  pending,
  onCancel,
  onSubmit,
}: {
  open: boolean;
  title: string;
  label: string;
  hint?: string;
  requiredMessage: string;
  optional?: boolean;
  danger?: boolean;
  pending?: boolean;
  onCancel: () => void;
  onSubmit: (reason: string) => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason?: string }>();

  const close = () => {
    form.resetFields();
    onCancel();
  };

  const submit = async () => {
    const { reason } = await form.validateFields();
    await onSubmit((reason ?? '').trim());
    form.resetFields();
  };

  return (
    <Modal
      open={open}
      title={title}
      okText={title}
      okButtonProps={{ danger, 'data-testid': 'reason-confirm' } as ButtonProps}
      cancelText={t('common.cancel')}
      confirmLoading={pending}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={close}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" name="reason" data-testid="reason-form">
        <Form.Item label={label} name="reason" extra={hint} rules={optional ? [] : [{ required: true, whitespace: true, message: requiredMessage }]}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
