import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App } from 'antd';
import { MemoryRouter } from 'react-router';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { User } from '../../api/types';
import { SessionContext, type Session } from '../../session/context';
import { TrainingEditor } from './TrainingFormPage';

const GET = vi.hoisted(() => vi.fn());
const POST = vi.hoisted(() => vi.fn());
vi.mock('../../api/client', async (actual) => ({ ...(await actual<object>()), api: { GET, POST } }));

const officer = { id: 'u1', role: 'provincial_officer', province_code: '510000', department: 'civil_affairs', display_name: '四川省' } as User;

function renderEditor() {
  const session: Session = { status: 'authenticated', user: officer, ended: null, login: vi.fn(), logout: vi.fn() };
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <MemoryRouter>
        <App>
          <SessionContext.Provider value={session}>
            <TrainingEditor />
          </SessionContext.Provider>
        </App>
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

const ok = (data: unknown) => ({ data, response: new Response(null, { status: 200 }) });

beforeEach(() => {
  GET.mockReset().mockImplementation((path: string) =>
    Promise.resolve(ok(path === '/api/v1/provinces' ? { items: [{ code: '510000', name: '四川省' }] } : { items: [] })),
  );
  POST.mockReset();
});

async function fillDates(form: HTMLElement, start: string, end: string) {
  // typed, then confirmed by leaving each input (Enter would also submit the form)
  const from = within(form).getByPlaceholderText('开始日期');
  await userEvent.click(from);
  await userEvent.type(from, start);
  const to = within(form).getByPlaceholderText('结束日期');
  await userEvent.click(to);
  await userEvent.type(to, end);
  await userEvent.click(within(form).getByLabelText('培训名称'));
}

describe('TrainingEditor', () => {
  it('says what is missing on each field, without asking the server', async () => {
    renderEditor();
    await userEvent.click(screen.getByTestId('training-save'));
    for (const text of ['请填写培训名称', '请选择培训起止日期']) expect(await screen.findByText(text)).toBeInTheDocument();
    expect(POST).not.toHaveBeenCalled();
  });

  it('starts a provincial officer on their own province and department, at the levels they may organize', async () => {
    renderEditor();
    const form = screen.getByTestId('training-form');
    expect(await within(form).findByText('四川省')).toBeInTheDocument();
    expect(within(form).getByText('民政部门')).toBeInTheDocument();
    await userEvent.click(within(form).getByText('省级'));
    await screen.findByTitle('县级');
    const options = [...document.querySelectorAll('.ant-select-item-option-content')];
    expect(options.map((o) => o.textContent)).toEqual(['省级', '县级']);
  });

  it('plans the training in the officer’s province, and puts the server’s field errors on their fields', async () => {
    POST.mockResolvedValue({
      error: {
        type: 'about:blank',
        title: '字段无效',
        status: 422,
        errors: [
          { field: 'ends_on', message: '结束日期早于开始日期' },
          { field: 'topics[0]', message: '最多 10 个主题，每个 1–50 个字符' },
        ],
      },
      response: new Response(null, { status: 422 }),
    });
    renderEditor();
    const form = screen.getByTestId('training-form');
    await userEvent.type(within(form).getByLabelText('培训名称'), '社会组织乡村振兴能力提升培训');
    await fillDates(form, '2026-11-02', '2026-11-03');
    await userEvent.type(within(form).getByLabelText('地点'), '成都市');
    await userEvent.click(screen.getByTestId('training-save'));

    await waitFor(() => expect(POST).toHaveBeenCalledTimes(1));
    const [path, { body }] = POST.mock.calls[0] as [string, { body: Record<string, unknown> }];
    expect(path).toBe('/api/v1/trainings');
    expect(body).toMatchObject({
      title: '社会组织乡村振兴能力提升培训',
      organizer_level: 'provincial',
      organizer_department: 'civil_affairs',
      province_code: '510000',
      starts_on: '2026-11-02',
      ends_on: '2026-11-03',
      mode: 'onsite',
      place: '成都市',
    });
    expect(body).not.toHaveProperty('county_code');
    expect(await screen.findByText('结束日期早于开始日期')).toBeInTheDocument();
    expect(screen.getByText('最多 10 个主题，每个 1–50 个字符')).toBeInTheDocument();
    // both shown on their fields, so nothing above the form
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('shows a refusal no field carries above the form', async () => {
    POST.mockResolvedValue({
      error: { type: 'about:blank', title: '没有权限', status: 403, detail: '您不能主办该层级或该地区的培训。' },
      response: new Response(null, { status: 403 }),
    });
    renderEditor();
    const form = screen.getByTestId('training-form');
    await userEvent.type(within(form).getByLabelText('培训名称'), '培训');
    await fillDates(form, '2026-11-02', '2026-11-02');
    await userEvent.click(screen.getByTestId('training-save'));
    expect(await screen.findByRole('alert')).toHaveTextContent('您不能主办该层级或该地区的培训。');
  });
});
