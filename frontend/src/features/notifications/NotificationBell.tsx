import { useState } from 'react';
import { Button, Popover } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNotices } from './api';
import { BellPanel } from './BellPanel';
import { BELL_SIZE } from './notices';
import { useOpenNotice } from './useOpenNotice';

/** The unread count as the badge shows it; past 99 it says 99+. */
export function badgeText(unread: number): string {
  return unread > 99 ? '99+' : String(unread);
}

/**
 * The header's bell: the unread count, asked for every 30 s and on focus, and a panel of the latest
 * notifications; following one marks it read.
 */
export function NotificationBell() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const notices = useNotices({ limit: BELL_SIZE }, { poll: true });
  const { open: openNotice, markRead } = useOpenNotice(() => setOpen(false));
  const unread = notices.data?.unread ?? 0;

  return (
    <Popover
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        // what the panel shows is asked for again as it opens (a 304 while nothing changed)
        if (next) void notices.refetch();
      }}
      trigger="click"
      // below the bell, slid sideways to stay on the screen: on a phone the bell is near the middle
      // of the header, where a panel aligned to either of its edges would hang over the screen's
      placement="bottom"
      content={
        <BellPanel
          query={notices}
          onOpen={openNotice}
          onReadAll={() => markRead.mutate({ all: true })}
          readingAll={markRead.isPending && markRead.variables?.all === true}
          onLeave={() => setOpen(false)}
        />
      }
    >
      <Button
        type="text"
        data-testid="notification-bell"
        aria-label={unread > 0 ? t('notifications.bellUnread', { count: unread }) : t('notifications.bell')}
        title={t('notifications.bell')}
        icon={
          <span style={{ position: 'relative', display: 'inline-flex' }}>
            <BellOutlined style={{ fontSize: 18 }} />
            {/* a plain badge rather than antd's: no rolling digits, and gone the moment nothing is unread */}
            {unread > 0 && (
              <span className="notification-count" data-testid="notification-count">
                {badgeText(unread)}
              </span>
            )}
          </span>
        }
      />
    </Popover>
  );
}
