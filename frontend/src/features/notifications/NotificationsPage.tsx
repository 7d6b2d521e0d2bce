import { App, Button, Flex, Segmented, Tag } from 'antd';
import { CheckOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { Notice } from '../../api/types';
import { problemMessage } from '../../api/problem';
import { useFormatDateTime } from '../../components/format';
import { useListTable } from '../../components/listTable';
import { ListTable, type ListColumn } from '../../components/ListTable';
import { PageHeader } from '../../components/PageHeader';
import { useNotices } from './api';
import { NoticeContent, NoticeTime } from './NoticeContent';
import { NoticeLink } from './NoticeLink';
import { useOpenNotice } from './useOpenNotice';

type Filter = 'all' | 'unread';

/** 我的通知: every notification of the caller's, or the unread ones (?unread=true), page by page. */
export function NotificationsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const formatDateTime = useFormatDateTime();
  const [params, setParams] = useSearchParams();
  const filter: Filter = params.get('unread') === 'true' ? 'unread' : 'all';
  const table = useListTable('notifications', filter, 20);
  const notices = useNotices({ unread: filter === 'unread' ? true : undefined, limit: table.limit, cursor: table.cursor });
  const { open, markRead } = useOpenNotice();
  const unread = notices.data?.unread ?? 0;

  const readAll = () =>
    markRead.mutate({ all: true }, {
      onSuccess: () => void message.success(t('notifications.readAllDone')),
      onError: (e) => void message.error(problemMessage(e, t)),
    });

  const columns: ListColumn<Notice>[] = [
    {
      key: 'notice',
      title: t('notifications.notice'),
      always: true,
      render: (_, n) => (
        <NoticeLink notice={n} onOpen={open} testId="notification-link" style={{ display: 'block', minWidth: 200 }}>
          <NoticeContent notice={n} />
        </NoticeLink>
      ),
    },
    {
      key: 'at',
      title: t('notifications.at'),
      dataIndex: 'created_at',
      width: 170,
      render: (at: string) => (
        <Flex vertical>
          <span>{formatDateTime(at)}</span>
          <NoticeTime at={at} />
        </Flex>
      ),
    },
    {
      key: 'status',
      title: t('notifications.status'),
      dataIndex: 'read_at',
      render: (readAt?: string | null) =>
        readAt ? (
          <Tag title={formatDateTime(readAt)}>{t('notifications.read')}</Tag>
        ) : (
          <Tag color="red">{t('notifications.unread')}</Tag>
        ),
    },
    {
      key: 'actions',
      title: t('common.actions'),
      noExport: true,
      render: (_, n) =>
        !n.read_at && (
          <Button
            size="small"
            type="link"
            data-testid="notification-mark-read"
            disabled={markRead.isPending}
            onClick={() => markRead.mutate({ ids: [n.id] }, { onError: (e) => void message.error(problemMessage(e, t)) })}
          >
            {t('notifications.markRead')}
          </Button>
        ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('notifications.title')}
        subTitle={t('notifications.subtitle')}
        extra={
          <Button icon={<CheckOutlined />} disabled={unread === 0} loading={markRead.isPending && markRead.variables?.all === true} onClick={readAll} data-testid="notifications-page-read-all">
            {t('notifications.readAll')}
          </Button>
        }
      />
      <Flex gap={12} wrap style={{ marginBottom: 16 }}>
        <Segmented<Filter>
          aria-label={t('notifications.filter')}
          data-testid="notifications-filter"
          value={filter}
          onChange={(v) => setParams(v === 'unread' ? { unread: 'true' } : {})}
          options={[
            { value: 'all', label: t('notifications.all') },
            { value: 'unread', label: `${t('notifications.unreadOnly')}${unread > 0 ? ` (${unread})` : ''}` },
          ]}
        />
      </Flex>
      <ListTable<Notice>
        table={table}
        query={notices}
        testId="notification-table"
        rowKey="id"
        columns={columns}
        emptyText={filter === 'unread' ? t('notifications.emptyUnread') : t('notifications.empty')}
        rowClassName={(n) => (n.read_at ? '' : 'notification-unread')}
      />
    </>
  );
}
