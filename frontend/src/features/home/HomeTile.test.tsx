import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HomeTile } from './HomeTile';
import { homeLayout } from './tiles';

// the app's client has no origin under jsdom: the same client, with one
vi.mock('../../api/client', async (load) => {
  const real = await load<typeof import('../../api/client')>();
  return { ...real, api: real.createApiClient('http://localhost:3000') };
});

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': status < 300 ? 'application/json' : 'application/problem+json' } });

describe('HomeTile', () => {
  const fetchMock = vi.fn<(input: RequestInfo | URL) => Promise<Response>>();

  beforeEach(() => {
    fetchMock.mockReset();
    vi.stubGlobal('fetch', fetchMock);
  });
  afterEach(() => vi.unstubAllGlobals());

  it('shows a failing read in its own tile while the others show their figures and link to their lists', async () => {
    // the stale projects cannot be counted; the landings to confirm can
    fetchMock.mockImplementation(async (input) => {
      const url = new URL((input as Request).url);
      if (url.searchParams.get('stale') === 'true') {
        return json({ type: 'about:blank', title: '数据库暂时无法访问', status: 503 }, 503);
      }
      expect(url.pathname).toBe('/api/v1/projects');
      expect(Object.fromEntries(url.searchParams)).toEqual({ county: '530621', landing_declared: 'true', limit: '1', count: 'true' });
      return json({ items: [], total: 3 });
    });
    const layout = homeLayout({ role: 'county_officer', county_code: '530621' }, 2026);
    const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    render(
      <QueryClientProvider client={client}>
        <MemoryRouter>
          {layout.todo.filter((t) => t.key !== 'pairingsToConfirm').map((t) => (
            <HomeTile key={t.key} tile={t} todo year={2026} />
          ))}
        </MemoryRouter>
      </QueryClientProvider>,
    );

    expect(await screen.findByTestId('home-tile-landingsToConfirm-value')).toHaveTextContent('3');
    expect(screen.getByTestId('home-tile-landingsToConfirm')).toHaveAttribute('href', '/projects?county=530621&landing_declared=true');
    expect(await screen.findByTestId('home-tile-stale-error')).toHaveTextContent('服务器错误，请稍后再试');
    // a failed tile is no link, and offers a retry
    expect(screen.getByTestId('home-tile-stale').tagName).toBe('DIV');
    expect(screen.getByRole('button', { name: /重\s*试/ })).toBeInTheDocument();
  });
});
