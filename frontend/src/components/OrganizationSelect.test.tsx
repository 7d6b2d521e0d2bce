import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { Form } from 'antd';
import { describe, expect, it, vi } from 'vitest';
import { OrganizationSelect, type OrgOption } from './OrganizationSelect';

// the picker's one request: the organizations list, searched by name
const GET = vi.hoisted(() =>
  vi.fn().mockResolvedValue({
    data: { items: [{ id: 'o1', name: '甲基金会' }] },
    response: new Response(null, { status: 200 }),
  }),
);
vi.mock('../api/client', async (actual) => ({ ...(await actual<object>()), api: { GET } }));

describe('OrganizationSelect', () => {
  it('searches active organizations by name and keeps the pick with its label', async () => {
    let picked: OrgOption[] | undefined;
    render(
      <QueryClientProvider client={new QueryClient()}>
        <Form onValuesChange={(_, all: { orgs?: OrgOption[] }) => void (picked = all.orgs)}>
          <Form.Item label="参与社会组织" name="orgs">
            <OrganizationSelect multiple testId="org-picker" />
          </Form.Item>
        </Form>
      </QueryClientProvider>,
    );
    const input = screen.getByLabelText('参与社会组织');
    fireEvent.mouseDown(input);
    fireEvent.change(input, { target: { value: '甲' } });
    await waitFor(() =>
      expect(GET).toHaveBeenCalledWith('/api/v1/organizations', { params: { query: { q: '甲', status: 'active', limit: 20 } } }),
    );
    fireEvent.click(await screen.findByTitle('甲基金会'));
    expect(picked).toEqual([expect.objectContaining({ value: 'o1', label: '甲基金会' })]);
    expect(screen.getByTestId('org-picker')).toHaveTextContent('甲基金会');
  });
});
