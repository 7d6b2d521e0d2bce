import { Form, Input, Modal, Typography, type ButtonProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { REPORT_SECTIONS, type ReportSection } from '../../api/types';
import { returnComments } from './reportLogic';

type Values = { reason?: string } & Partial<Record<ReportSection, string>>;

/** 退回: a reason the province reads (required) and, optionally, a comment on each section. */
export function ReturnModal({
  open,
  pending,
  onCancel,
  onSubmit,
}: {
  open: boolean;
  pending?: boolean;
  onCancel: () => void;
  onSubmit: (reason: string, comments: Partial<Record<ReportSection, string>>) => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();

  const submit = async () => {
    const values = await form.validateFields();
    await onSubmit((values.reason ?? '').trim(), returnComments(values));
    form.resetFields();
  };

  return (
    <Modal
      open={open}
      title={t('yearEnd.move.returned')}
      okText={t('yearEnd.move.returned')}
      okButtonProps={{ danger: true, 'data-testid': 'return-confirm' } as ButtonProps}
      cancelText={t('common.cancel')}
      confirmLoading={pending}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={() => {
        form.resetFields();
        onCancel();
      }}
      width={640}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" name="return" data-testid="return-form">
        <Form.Item
          label={t('yearEnd.returnReason')}
          name="reason"
          rules={[{ required: true, whitespace: true, message: t('yearEnd.returnReasonRequired') }]}
        >
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        <Typography.Paragraph type="secondary">{t('yearEnd.returnCommentsHint')}</Typography.Paragraph>
        {REPORT_SECTIONS.map((key) => (
          <Form.Item key={key} label={t(`yearEnd.section.${key}`)} name={key}>
            <Input.TextArea rows={2} maxLength={2000} placeholder={t('yearEnd.commentOptional')} />
          </Form.Item>
        ))}
      </Form>
    </Modal>
  );
}
