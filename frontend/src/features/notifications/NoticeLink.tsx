import type { CSSProperties, ReactNode } from 'react';
import { Link } from 'react-router';
import type { Notice } from '../../api/types';
import { noticeLink } from './notices';

/**
 * A notice as a link to the page that answers it; `onOpen` runs as it is followed (the bell marks
 * it read and closes). A real link: it opens in a new tab too.
 */
export function NoticeLink({
  notice,
  onOpen,
  children,
  testId,
  style,
}: {
  notice: Notice;
  onOpen: (n: Notice) => void;
  children: ReactNode;
  testId?: string;
  style?: CSSProperties;
}) {
  return (
    <Link
      to={noticeLink(notice)}
      onClick={() => onOpen(notice)}
      data-testid={testId}
      data-unread={notice.read_at ? undefined : 'true'}
      style={{ color: 'inherit', ...style }}
    >
      {children}
    </Link>
  );
}
