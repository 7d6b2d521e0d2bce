import { useState } from 'react';
import { Alert, App, Button, Flex, Space, Tag, Tooltip, Typography } from 'antd';
import { DeleteOutlined, HistoryOutlined, PauseCircleOutlined, PlayCircleOutlined, PlusOutlined, SendOutlined } from '@ant-design/icons';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ApiError, problemMessage } from '../../api/problem';
import type { CreatedWebhook, Role, Webhook, WebhookDeliveryPolicy } from '../../api/types';
import { useFormatDateTime } from '../../components/format';
import { ListTable, type ListColumn } from '../../components/ListTable';
import { useListTable } from '../../components/listTable';
import { PageHeader } from '../../components/PageHeader';
import { useProvinceName } from '../../components/referenceData';
import { SecretModal } from '../../components/SecretModal';
import { useDeleteWebhook, usePatchWebhook, usePing, useWebhooks } from './api';
import { CreateWebhookModal } from './CreateWebhookModal';
import { DeliveriesDrawer } from './DeliveriesDrawer';

/** The retry policy as a sentence: 30 s, doubling, 6 attempts; disabled after 15 failures in a row. */
export function policyText(p: WebhookDeliveryPolicy, t: TFunction): string {
  return t('webhook.policy', { attempts: p.attempts, base: p.retry_base_seconds, disableAfter: p.disable_after, timeout: p.timeout_seconds });
}

export function WebhooksPage() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const webhooks = useWebhooks();
  const table = useListTable('webhooks');
  const patch = usePatchWebhook();
  const remove = useDeleteWebhook();
  const ping = usePing();
  const provinceName = useProvinceName();
  const formatDateTime = useFormatDateTime();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedWebhook | null>(null);
  const [params, setParams] = useSearchParams();
  const openId = params.get('open');
  const open = webhooks.data?.items.find((w) => w.id === openId) ?? null;
  const setOpen = (id: string | null) =>
    setParams((p) => {
      if (id) p.set('open', id);
      else p.delete('open');
      return p;
    });

  const failed = (e: unknown) =>
    void message.error(e instanceof ApiError && e.status === 412 ? t('error.stale') : problemMessage(e, t));

  const toggle = (w: Webhook) =>
    patch.mutate(
      { id: w.id, body: { enabled: !w.enabled } },
      { onSuccess: () => void message.success(w.enabled ? t('webhook.pausedDone') : t('webhook.enabledDone')), onError: failed },
    );

  const sendPing = (w: Webhook) =>
    ping.mutate(w.id, {
      onSuccess: () => {
        void message.success(t('webhook.pingSent'));
        setOpen(w.id);
      },
      onError: failed,
    });

  const confirmDelete = (w: Webhook) =>
    modal.confirm({
      title: t('webhook.deleteTitle', { name: w.name }),
      content: t('webhook.deleteWarning'),
      okText: t('webhook.delete'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: () => remove.mutateAsync(w.id).then(() => void message.success(t('webhook.deleteDone')), failed),
    });

  const scope = (w: Webhook) => [provinceName(w.province_code), w.county_code, w.organization_id].filter(Boolean).join(' · ');

  const columns: ListColumn<Webhook>[] = [
    {
      key: 'name',
      always: true,
      title: t('webhook.name'),
      dataIndex: 'name',
      render: (name: string, w) => (
        <Flex vertical>
          <Typography.Text strong>{name}</Typography.Text>
          <Typography.Text type="secondary" copyable ellipsis={{ tooltip: w.url }} style={{ maxWidth: 260 }}>
            {w.url}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      key: 'events',
      title: t('webhook.events'),
      dataIndex: 'events',
      render: (events: Webhook['events']) => (
        <Space size={[0, 4]} wrap>
          {events.map((e) => (
            <Tag key={e}>{t(`webhook.event.${e}`)}</Tag>
          ))}
        </Space>
      ),
    },
    {
      key: 'scope',
      title: t('token.scope'),
      responsive: ['md'],
      render: (_, w) => [t(`role.${w.role as Role}`), scope(w)].filter(Boolean).join(' · '),
    },
    {
      key: 'status',
      always: true,
      title: t('webhook.status'),
      dataIndex: 'enabled',
      render: (enabled: boolean, w) => (
        <Space size={4} wrap>
          {enabled ? (
            <Tag color="green" data-testid="webhook-status">
              {t('webhook.enabled')}
            </Tag>
          ) : (
            <Tooltip title={w.disabled_reason ?? t('webhook.pausedByHand')}>
              <Tag color={w.disabled_reason ? 'red' : 'default'} data-testid="webhook-status">
                {w.disabled_reason ? t('webhook.disabledAuto') : t('webhook.paused')}
              </Tag>
            </Tooltip>
          )}
          {w.failures > 0 && <Tag color="orange">{t('webhook.failures', { count: w.failures })}</Tag>}
        </Space>
      ),
    },
    { key: 'created_at', title: t('token.createdAt'), responsive: ['lg'], dataIndex: 'created_at', render: formatDateTime },
    {
      key: 'actions',
      always: true,
      noExport: true,
      title: t('common.actions'),
      render: (_, w) => (
        <Space size={0} wrap>
          <Button size="small" type="link" icon={<HistoryOutlined />} onClick={() => setOpen(w.id)}>
            {t('webhook.deliveries')}
          </Button>
          <Button size="small" type="link" icon={<SendOutlined />} disabled={!w.enabled} onClick={() => sendPing(w)}>
            {t('webhook.ping')}
          </Button>
          <Button
            size="small"
            type="link"
            icon={w.enabled ? <PauseCircleOutlined /> : <PlayCircleOutlined />}
            onClick={() => toggle(w)}
          >
            {w.enabled ? t('webhook.pause') : t('webhook.enable')}
          </Button>
          <Button size="small" type="link" danger icon={<DeleteOutlined />} onClick={() => confirmDelete(w)}>
            {t('webhook.delete')}
          </Button>
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('webhook.title')}
        subTitle={t('webhook.subtitle')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('webhook.create')}
          </Button>
        }
      />
      {webhooks.data && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={policyText(webhooks.data.policy, t)}
          description={
            <>
              {t('webhook.signatureHelp')} <Typography.Text code>X-Zhuxiang-Signature: t=…,v1=…</Typography.Text>
            </>
          }
        />
      )}
      <ListTable<Webhook>
        table={table}
        query={webhooks}
        testId="webhook-table"
        rowKey="id"
        columns={columns}
        emptyText={t('webhook.empty')}
      />
      <CreateWebhookModal open={creating} onClose={() => setCreating(false)} onCreated={setCreated} />
      <SecretModal
        secret={created?.secret ?? null}
        title={t('webhook.secretTitle', { name: created?.webhook.name ?? '' })}
        usage={t('webhook.secretUsage')}
        testId="webhook-secret"
        onClose={() => setCreated(null)}
      />
      <DeliveriesDrawer webhook={open} onClose={() => setOpen(null)} />
    </>
  );
}
