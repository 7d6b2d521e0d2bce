import { Button, Divider, Flex, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Notice, NoticePage } from '../../api/types';
import { EmptyState, ErrorState } from '../../components/states';
import { NoticeContent } from './NoticeContent';
import { NoticeLink } from './NoticeLink';

interface PanelQuery {
  data?: NoticePage;
  isPending: boolean;
  isError: boolean;
  error: unknown;
  refetch: () => unknown;
}

/**
 * The bell's panel: the latest notifications (unread ones marked), 全部标为已读, and 查看全部
 * leading to the full list. As wide as a phone allows.
 */
export function BellPanel({
  query,
  onOpen,
  onReadAll,
  readingAll,
  onLeave,
}: {
  query: PanelQuery;
  onOpen: (n: Notice) => void;
  onReadAll: () => void;
  readingAll: boolean;
  onLeave: () => void;
}) {
  const { t } = useTranslation();
  const items = query.data?.items ?? [];
  const unread = query.data?.unread ?? 0;

  let body;
  if (query.isPending) body = <Spin style={{ display: 'block', padding: 24 }} />;
  else if (query.isError) body = <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  else if (items.length === 0) body = <EmptyState description={t('notifications.empty')} />;
  else
    body = (
      <Flex vertical gap={4} style={{ maxHeight: 'min(420px, 60vh)', overflowY: 'auto' }}>
        {items.map((n) => (
          <NoticeLink
            key={n.id}
            notice={n}
            onOpen={onOpen}
            testId="notification-item"
            style={{ display: 'block', padding: '8px 10px', borderRadius: 6, background: n.read_at ? undefined : '#fff1f0' }}
          >
            <NoticeContent notice={n} time />
          </NoticeLink>
        ))}
      </Flex>
    );

  return (
    <div data-testid="notification-panel" style={{ width: 'min(360px, calc(100vw - 32px))' }}>
      <Flex justify="space-between" align="center" gap={8} style={{ marginBottom: 8 }}>
        <Typography.Text strong>{t('notifications.latest')}</Typography.Text>
        <Button size="small" type="link" disabled={unread === 0} loading={readingAll} onClick={onReadAll} data-testid="notifications-read-all">
          {t('notifications.readAll')}
        </Button>
      </Flex>
      {body}
      <Divider style={{ margin: '8px 0' }} />
      <Flex justify="center">
        <Link to="/notifications" onClick={onLeave} data-testid="notifications-view-all">
          {t('notifications.viewAll')}
        </Link>
      </Flex>
    </div>
  );
}
