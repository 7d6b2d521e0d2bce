import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App } from 'antd';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Notice, NoticePage } from '../../api/types';
import { badgeText, NotificationBell } from './NotificationBell';

const GET = vi.hoisted(() => vi.fn());
const POST = vi.hoisted(() => vi.fn());
vi.mock('../../api/client', async (actual) => ({ ...(await actual<object>()), api: { GET, POST } }));

const landing: Notice = {
  id: 7, kind: 'landing_to_confirm', entity_type: 'project', entity_id: 'p1', subject: '乡村学校图书角', amount: 0,
  created_at: new Date().toISOString(), read_at: null,
};
const review: Notice = {
  id: 5, kind: 'case_to_review', entity_type: 'case', entity_id: 'c1', subject: '花椒产业', amount: 0,
  created_at: '2026-01-01T00:00:00Z', read_at: '2026-01-02T00:00:00Z',
};

let server: NoticePage;
const ok = (data: unknown, etag?: string) => ({ data, response: new Response(null, { status: 200, headers: etag ? { ETag: etag } : {} }) });

function Where() {
  const location = useLocation();
  return <div data-testid="location">{location.pathname + location.search}</div>;
}

function renderBell() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <App>
        <MemoryRouter initialEntries={['/']}>
          <NotificationBell />
          <Routes>
            <Route path="*" element={<Where />} />
          </Routes>
        </MemoryRouter>
      </App>
    </QueryClientProvider>,
  );
}

beforeEach(() => {
  server = { items: [landing, review], next_cursor: null, unread: 1 };
  GET.mockReset().mockImplementation(() => Promise.resolve(ok(structuredClone(server), `"n${server.unread}"`)));
  POST.mockReset().mockImplementation((_path: string, { body }: { body: { ids?: number[]; all?: boolean } }) => {
    server = { ...server, items: server.items.map((n) => (body.all || body.ids?.includes(n.id) ? { ...n, read_at: new Date().toISOString() } : n)), unread: 0 };
    return Promise.resolve(ok({ unread: 0 }));
  });
});

describe('NotificationBell', () => {
  it('shows the unread count and asks for the latest eight', async () => {
    renderBell();
    expect(await screen.findByTestId('notification-count')).toHaveTextContent('1');
    expect(screen.getByTestId('notification-bell')).toHaveAccessibleName('通知：1 条未读');
    expect(GET).toHaveBeenCalledWith('/api/v1/me/notifications', { params: { query: { limit: 8 }, header: undefined } });
  });

  it('opens the latest notifications, unread first marked, and a click marks one read and follows its link', async () => {
    renderBell();
    await screen.findByTestId('notification-count');
    fireEvent.click(screen.getByTestId('notification-bell'));
    const items = await screen.findAllByTestId('notification-item');
    expect(items).toHaveLength(2);
    expect(items[0]).toHaveTextContent('待确认落地');
    expect(items[0]).toHaveTextContent('项目“乡村学校图书角”已申报落地，请核实后确认');
    expect(items[0]).toHaveTextContent('刚刚');
    expect(items[0]).toHaveAttribute('data-unread', 'true');
    expect(items[1]).not.toHaveAttribute('data-unread');
    expect(items[0]).toHaveAttribute('href', '/projects/p1');

    fireEvent.click(items[0]);
    await waitFor(() => expect(POST).toHaveBeenCalledWith('/api/v1/me/notifications/read', { body: { ids: [7] } }));
    expect(screen.getByTestId('location')).toHaveTextContent('/projects/p1');
    // read again with the ETag held; the count is gone
    await waitFor(() => expect(screen.queryByTestId('notification-count')).toBeNull());
    expect(GET).toHaveBeenLastCalledWith('/api/v1/me/notifications', { params: { query: { limit: 8 }, header: { 'If-None-Match': '"n1"' } } });
  });

  it('does not mark a read notification again, and marks all read at once', async () => {
    renderBell();
    await screen.findByTestId('notification-count');
    fireEvent.click(screen.getByTestId('notification-bell'));
    const panel = await screen.findByTestId('notification-panel');
    fireEvent.click(within(panel).getByTestId('notifications-read-all'));
    await waitFor(() => expect(POST).toHaveBeenCalledWith('/api/v1/me/notifications/read', { body: { all: true } }));
    await waitFor(() => expect(screen.queryByTestId('notification-count')).toBeNull());
    await waitFor(() => expect(within(panel).getByTestId('notifications-read-all')).toBeDisabled());
    fireEvent.click(within(panel).getAllByTestId('notification-item')[1]);
    expect(POST).toHaveBeenCalledTimes(1);
    expect(screen.getByTestId('location')).toHaveTextContent('/cases/c1');
  });

  it('keeps the page it holds when the server answers 304', async () => {
    renderBell();
    expect(await screen.findByTestId('notification-count')).toHaveTextContent('1');
    GET.mockImplementation(() => Promise.resolve({ data: undefined, error: '', response: new Response(null, { status: 304 }) }));
    fireEvent.click(screen.getByTestId('notification-bell'));
    expect(await screen.findAllByTestId('notification-item')).toHaveLength(2);
    // opening the panel asks again
    await waitFor(() => expect(GET).toHaveBeenCalledTimes(2));
    expect(screen.getByTestId('notification-count')).toHaveTextContent('1');
  });

  it('says 99+ past 99', () => {
    expect(badgeText(3)).toBe('3');
    expect(badgeText(100)).toBe('99+');
  });
});
