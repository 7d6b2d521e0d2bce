import type { ReactNode } from 'react';
import { Alert, App, Button, Flex, Modal, Typography } from 'antd';
import { CopyOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';

async function copyText(text: string): Promise<void> {
  if (navigator.clipboard?.writeText) return navigator.clipboard.writeText(text);
  // insecure origins have no Clipboard API: fall back to a selected textarea
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.appendChild(area);
  area.select();
  const ok = document.execCommand('copy');
  area.remove();
  if (!ok) throw new Error('copy failed');
}

/**
 * Shows a new secret (an API token, a webhook's signing key), the only time it can be seen;
 * closing forgets it. `usage` says where it goes; test ids start with `testId`.
 */
export function SecretModal({
  secret,
  title,
  usage,
  testId,
  onClose,
}: {
  secret: string | null;
  title: string;
  usage: ReactNode;
  testId: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();

  return (
    <Modal
      open={secret !== null}
      title={title}
      closable={false}
      mask={{ closable: false }}
      keyboard={false}
      destroyOnHidden
      width={640}
      onCancel={onClose}
      footer={
        <Button type="primary" onClick={onClose} data-testid={`${testId}-close`}>
          {t('token.secretClose')}
        </Button>
      }
    >
      <div data-testid={`${testId}-dialog`}>
        <Alert type="warning" showIcon title={t('token.secretWarning')} style={{ marginBottom: 16 }} />
        <Flex gap={8} align="stretch">
          <div
            data-testid={testId}
            style={{
              flex: 1,
              padding: '6px 12px',
              fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
              fontSize: 14,
              lineHeight: '20px',
              wordBreak: 'break-all',
              userSelect: 'all',
              background: '#fafafa',
              border: '1px solid #d9d9d9',
              borderRadius: 6,
            }}
          >
            {secret ?? ''}
          </div>
          <Button
            icon={<CopyOutlined />}
            data-testid={`${testId}-copy`}
            onClick={() =>
              void copyText(secret ?? '').then(
                () => message.success(t('token.copied')),
                () => message.error(t('token.copyFailed')),
              )
            }
          >
            {t('token.copy')}
          </Button>
        </Flex>
        <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0 }}>
          {usage}
        </Typography.Paragraph>
      </div>
    </Modal>
  );
}
