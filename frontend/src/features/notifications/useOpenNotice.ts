import type { Notice } from '../../api/types';
import { useMarkRead } from './api';

/**
 * What following a notice does besides going to its page: an unread one is marked read (the
 * server settles it anyway once what it asks for is done). The mutation belongs to the caller's
 * component, so it finishes even when the list it was clicked in closes.
 */
export function useOpenNotice(then?: () => void) {
  const markRead = useMarkRead();
  const open = (n: Notice) => {
    if (!n.read_at) markRead.mutate({ ids: [n.id] });
    then?.();
  };
  return { open, markRead };
}
