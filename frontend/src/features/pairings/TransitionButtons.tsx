import { useState } from 'react';
import { Button, Form, Input, Modal, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PairingStatus } from '../../api/types';

/** Terminating needs a reason; the other moves take an optional one. */
export function reasonRequired(to: PairingStatus): boolean {
  return to === 'terminated';
}

/** The buttons are exactly the moves the server says this caller may make now. */
export function TransitionButtons({
  allowed,
  pending,
  onMove,
}: {
  allowed: readonly PairingStatus[];
  pending?: boolean;
  onMove: (to: PairingStatus, reason: string | undefined) => Promise<unknown> | void;
}) {
  const { t } = useTranslation();
  const [target, setTarget] = useState<PairingStatus | null>(null);
  const [form] = Form.useForm<{ reason?: string }>();

  if (allowed.length === 0) {
    return (
      <Typography.Text type="secondary" data-testid="no-transitions">
        {t('pairing.noActions')}
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

  return (
    <>
      <Space wrap data-testid="transition-buttons">
        {allowed.map((to) => (
          <Button
            key={to}
            type={to === 'terminated' || to === 'proposed' ? 'default' : 'primary'}
            danger={to === 'terminated'}
            data-testid={`transition-${to}`}
            onClick={() => setTarget(to)}
          >
            {t(`transition.${to}`)}
          </Button>
        ))}
      </Space>
      <Modal
        open={!!target}
        title={target ? t('pairing.moveTo', { status: t(`pairingStatus.${target}`) }) : ''}
        okText={target ? t(`transition.${target}`) : ''}
        okButtonProps={{ danger: target === 'terminated' }}
        cancelText={t('common.cancel')}
        confirmLoading={pending}
        onOk={() => void submit().catch(() => undefined)}
        onCancel={close}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" name="pairing-transition" data-testid="transition-form">
          <Form.Item
            label={target && reasonRequired(target) ? t('pairing.reason') : t('pairing.reasonOptional')}
            name="reason"
            rules={target && reasonRequired(target) ? [{ required: true, whitespace: true, message: t('pairing.reasonRequired') }] : []}
          >
            <Input.TextArea rows={3} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
