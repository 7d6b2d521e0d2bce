import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { toApiError } from '../../api/problem';
import { notificationKeys } from '../../api/queryKeys';
import type { MarkNoticesRead, NoticeListQuery, NoticePage } from '../../api/types';
import { POLL_MS } from './notices';

/** A page as read, with its ETag for the next ask. */
interface Read {
  page: NoticePage;
  etag: string | null;
}

/**
 * Reads a page of the caller's notifications with `If-None-Match` and the last ETag: while nothing
 * changed the server answers 304 and the page held is kept (the same object, so nothing re-renders).
 */
async function readNotices(query: NoticeListQuery, held: Read | undefined): Promise<Read> {
  const { data, error, response } = await api.GET('/api/v1/me/notifications', {
    params: { query, header: held?.etag ? { 'If-None-Match': held.etag } : undefined },
  });
  if (response.status === 304 && held) return held;
  if (!response.ok || !data) throw toApiError(error, response);
  return { page: data, etag: response.headers.get('ETag') };
}

/**
 * A page of the caller's notifications and the unread count. `poll` (the bell) asks again every
 * 30 s and when the window regains focus, without reloading the page.
 */
export function useNotices(query: NoticeListQuery, { poll = false }: { poll?: boolean } = {}) {
  const client = useQueryClient();
  const key = notificationKeys.list(query);
  return useQuery({
    queryKey: key,
    queryFn: () => readNotices(query, client.getQueryData<Read>(key)),
    select: (read) => read.page,
    placeholderData: keepPreviousData,
    // a conditional ask is cheap: always ask on focus and on opening the panel
    staleTime: 0,
    refetchOnWindowFocus: true,
    refetchInterval: poll ? POLL_MS : false,
  });
}

/** Marks the given notifications read, or all of them; the bell and the page read again. */
export function useMarkRead() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: MarkNoticesRead) => unwrap(api.POST('/api/v1/me/notifications/read', { body })),
    onSettled: () => client.invalidateQueries({ queryKey: notificationKeys.all }),
  });
}
