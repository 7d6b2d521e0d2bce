import { useState } from 'react';
import { Button, Form, Input, Modal, Space, Typography, type ButtonProps } from 'antd';
import { useTranslation } from 'react-i18next';
import type { BrandStatus } from '../../api/types';
import { reasonRequired, transitionKey } from './brandLogic';

/**
 * The buttons are exactly the moves the server says this caller may make now
 * (`allowed_transitions`); each asks for a reason, required to return or revoke.
 */
export function BrandTransitionButtons({
  status,
  allowed,
  pending,
  onMove,
}: {
  status: BrandStatus;
  allowed: readonly BrandStatus[];
  pending?: boolean;
  onMove: (to: BrandStatus, reason: string | undefined) => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const [target, setTarget] = useState<BrandStatus | null>(null);
  const [form] = Form.useForm<{ reason?: string }>();

  if (allowed.length === 0) {
    return (
      <Typography.Text type="secondary" data-testid="no-transitions">
        {t('brand.noActions')}
      </Typography.Text>
    );
  }

  const close = () => {
    form.resetFields();
    setTarget(null);
  };

  const submit = async () => {
    if (!target) return;
    const { reason } = await form.validateFields();
    await onMove(target, reason?.trim() || undefined);
    close();
  };

  const label = (to: BrandStatus) => t(transitionKey(status, to));
  const needsReason = !!target && reasonRequired(target);
  return (
    <>
      <Space wrap data-testid="transition-buttons">
        {allowed.map((to) => (
          <Button key={to} type={reasonRequired(to) ? 'default' : 'primary'} danger={reasonRequired(to)} data-testid={`transition-${to}`} onClick={() => setTarget(to)}>
            {label(to)}
          </Button>
        ))}
      </Space>
      <Modal
        open={!!target}
        title={target ? label(target) : ''}
        okText={target ? label(target) : ''}
        okButtonProps={{ danger: needsReason, 'data-testid': 'transition-confirm' } as ButtonProps}
        cancelText={t('common.cancel')}
        confirmLoading={pending}
        onOk={() => void submit().catch(() => undefined)}
        onCancel={close}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" name="brand-transition" data-testid="transition-form">
          <Form.Item
            label={needsReason ? t('brand.reason') : t('brand.reasonOptional')}
            name="reason"
            rules={needsReason ? [{ required: true, whitespace: true, message: t('brand.reasonRequired') }] : []}
          >
            <Input.TextArea rows={3} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
