import { useState } from 'react';
import { App, Button, Drawer, Flex, Segmented, Table, Tag, Tooltip, Typography } from 'antd';
import { RedoOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { problemMessage } from '../../api/problem';
import { DELIVERY_STATUSES, type DeliveryStatus, type Webhook, type WebhookDelivery } from '../../api/types';
import { CursorPagination } from '../../components/CursorPagination';
import { useFormatDateTime } from '../../components/format';
import { EmptyState, ErrorState } from '../../components/states';
import { useCursorPager } from '../../components/useCursorPager';
import { useDeliveries, useRedeliver } from './api';

const STATUS_COLORS: Record<DeliveryStatus, string> = {
  pending: 'processing',
  delivered: 'success',
  failed: 'error',
  cancelled: 'default',
};

export function DeliveryStatusTag({ status }: { status: DeliveryStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLORS[status]} data-testid="delivery-status">
      {t(`webhook.deliveryStatus.${status}`)}
    </Tag>
  );
}

/** A subscription's delivery log, newest first: what was sent, how the receiver answered, and a resend. */
export function DeliveriesDrawer({ webhook, onClose }: { webhook: Webhook | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Drawer
      open={!!webhook}
      onClose={onClose}
      width="min(960px, 100vw)"
      title={t('webhook.deliveriesOf', { name: webhook?.name ?? '' })}
      destroyOnHidden
    >
      {webhook && <Deliveries webhook={webhook} />}
    </Drawer>
  );
}

function Deliveries({ webhook }: { webhook: Webhook }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const formatDateTime = useFormatDateTime();
  const [status, setStatus] = useState<DeliveryStatus | undefined>();
  const pager = useCursorPager(`${webhook.id}|${status ?? ''}`);
  const deliveries = useDeliveries(webhook.id, status, pager.cursor ?? undefined);
  const redeliver = useRedeliver(webhook.id);

  const resend = (d: WebhookDelivery) =>
    redeliver.mutate(d.id, {
      onSuccess: () => void message.success(t('webhook.redelivered')),
      onError: (e) => void message.error(problemMessage(e, t)),
    });

  if (deliveries.isError) return <ErrorState error={deliveries.error} onRetry={() => void deliveries.refetch()} />;
  return (
    <>
      <Segmented<string>
        style={{ marginBottom: 12 }}
        value={status ?? 'all'}
        onChange={(v) => setStatus(v === 'all' ? undefined : (v as DeliveryStatus))}
        options={[
          { value: 'all', label: t('common.all') },
          ...DELIVERY_STATUSES.map((s) => ({ value: s, label: t(`webhook.deliveryStatus.${s}`) })),
        ]}
      />
      <Table<WebhookDelivery>
        data-testid="delivery-table"
        rowKey="id"
        size="small"
        loading={deliveries.isFetching && !deliveries.data}
        pagination={false}
        dataSource={deliveries.data?.items}
        scroll={{ x: 880 }}
        locale={{ emptyText: deliveries.isPending ? ' ' : <EmptyState description={t('webhook.noDeliveries')} /> }}
        expandable={{
          expandedRowRender: (d) => (
            <pre data-testid="delivery-payload" style={{ margin: 0, whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
              {JSON.stringify(d.payload, null, 2)}
            </pre>
          ),
        }}
        columns={[
          { title: t('webhook.createdAt'), dataIndex: 'created_at', render: formatDateTime, width: 160 },
          {
            title: t('webhook.event.title'),
            dataIndex: 'event',
            // the table scrolls sideways on a phone: the event keeps its words on one line
            width: 150,
            render: (e: WebhookDelivery['event'], d) => (
              <>
                {t(`webhook.event.${e}`)}
                {d.redelivery_of && (
                  <Tag style={{ marginInlineStart: 6 }} bordered={false}>
                    {t('webhook.redelivery')}
                  </Tag>
                )}
              </>
            ),
          },
          { title: t('webhook.status'), dataIndex: 'status', render: (s: DeliveryStatus) => <DeliveryStatusTag status={s} /> },
          { title: t('webhook.attempts'), dataIndex: 'attempts', align: 'right', width: 80 },
          {
            title: t('webhook.responseStatus'),
            dataIndex: 'response_status',
            align: 'right',
            width: 90,
            render: (code?: number | null) => code ?? '—',
          },
          {
            title: t('webhook.latency'),
            dataIndex: 'latency_ms',
            align: 'right',
            width: 90,
            render: (ms?: number | null) => (ms == null ? '—' : t('webhook.ms', { ms })),
          },
          {
            title: t('webhook.detail'),
            key: 'detail',
            render: (_, d) => <DeliveryDetail delivery={d} />,
          },
          {
            title: t('common.actions'),
            key: 'actions',
            width: 110,
            render: (_, d) => (
              <Tooltip title={webhook.enabled ? t('webhook.redeliverHelp') : t('webhook.enableFirst')}>
                <Button
                  size="small"
                  type="link"
                  icon={<RedoOutlined />}
                  disabled={!webhook.enabled || d.status === 'pending'}
                  loading={redeliver.isPending && redeliver.variables === d.id}
                  onClick={() => resend(d)}
                >
                  {t('webhook.redeliver')}
                </Button>
              </Tooltip>
            ),
          },
        ]}
      />
      {(pager.hasPrev || deliveries.data?.next_cursor) && (
        <CursorPagination
          page={pager.page}
          hasPrev={pager.hasPrev}
          hasNext={!!deliveries.data?.next_cursor && !deliveries.isPlaceholderData}
          onPrev={pager.prev}
          onNext={() => pager.next(deliveries.data?.next_cursor)}
        />
      )}
    </>
  );
}

/** Why the last attempt failed, in words, and when the next one is due. */
export function DeliveryDetail({ delivery: d }: { delivery: WebhookDelivery }) {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  const answered = d.response_status != null && (d.response_status < 200 || d.response_status >= 300);
  const why = answered ? t('webhook.answered', { code: d.response_status }) : d.error ? t('webhook.notReached', { error: d.error }) : null;
  return (
    <Flex vertical>
      {why && (
        <Typography.Text type="danger" ellipsis={{ tooltip: why }} style={{ maxWidth: 260 }}>
          {why}
        </Typography.Text>
      )}
      {d.next_attempt_at ? (
        <Typography.Text type="secondary">{t('webhook.nextAttempt', { at: formatDateTime(d.next_attempt_at) })}</Typography.Text>
      ) : (
        !why && d.last_attempt_at && <Typography.Text type="secondary">{formatDateTime(d.last_attempt_at)}</Typography.Text>
      )}
    </Flex>
  );
}
