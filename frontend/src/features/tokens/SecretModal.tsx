import { Alert, App, Button, Flex, Modal, Typography } from 'antd';
import { CopyOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { CreatedApiToken } from '../../api/types';

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

/** Shows a new token's secret, the only time it can be seen; closing forgets it. */
export function SecretModal({ created, onClose }: { created: CreatedApiToken | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const secret = created?.secret ?? '';

  return (
    <Modal
      open={!!created}
      title={t('token.secretTitle', { name: created?.token.name ?? '' })}
      closable={false}
      mask={{ closable: false }}
      keyboard={false}
      destroyOnHidden
      width={640}
      onCancel={onClose}
      footer={
        <Button type="primary" onClick={onClose} data-testid="token-secret-close">
          {t('token.secretClose')}
        </Button>
      }
    >
      <div data-testid="token-secret-dialog">
        <Alert type="warning" showIcon title={t('token.secretWarning')} style={{ marginBottom: 16 }} />
        <Flex gap={8} align="stretch">
          <div
            data-testid="token-secret"
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
            {secret}
          </div>
          <Button
            icon={<CopyOutlined />}
            data-testid="token-secret-copy"
            onClick={() =>
              void copyText(secret).then(
                () => message.success(t('token.copied')),
                () => message.error(t('token.copyFailed')),
              )
            }
          >
            {t('token.copy')}
          </Button>
        </Flex>
        <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0 }}>
          {t('token.secretUsage')} <Typography.Text code>Authorization: Bearer {'<'}token{'>'}</Typography.Text>
        </Typography.Paragraph>
      </div>
    </Modal>
  );
}
