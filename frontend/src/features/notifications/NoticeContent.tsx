import { Badge, Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Notice } from '../../api/types';
import { formatAgo, useFormatDateTime } from '../../components/format';
import { noticeLabel, noticeText } from './notices';

/** When a notice came: how long ago (3 分钟前), the full time on hover. */
export function NoticeTime({ at }: { at: string }) {
  const { t, i18n } = useTranslation();
  const formatDateTime = useFormatDateTime();
  return (
    <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }} title={formatDateTime(at)}>
      {formatAgo(at, i18n.language) ?? t('notifications.justNow')}
    </Typography.Text>
  );
}

/** A notice's kind as a tag (待确认落地) and its sentence, bold with a dot while unread. */
export function NoticeContent({ notice, time }: { notice: Notice; time?: boolean }) {
  const { t } = useTranslation();
  const unread = !notice.read_at;
  return (
    <Flex vertical gap={4} style={{ minWidth: 0 }}>
      <Flex justify="space-between" align="center" gap={8}>
        <Tag color={unread ? 'red' : undefined} style={{ marginInlineEnd: 0 }} data-testid="notification-kind">
          {noticeLabel(notice.kind, t)}
        </Tag>
        {time && <NoticeTime at={notice.created_at} />}
      </Flex>
      <Typography.Text strong={unread} data-testid="notification-text" style={{ color: 'inherit', whiteSpace: 'normal' }}>
        {unread && <Badge status="error" style={{ marginInlineEnd: 6 }} aria-hidden />}
        {noticeText(notice, t)}
      </Typography.Text>
    </Flex>
  );
}
