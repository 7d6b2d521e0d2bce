import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App } from 'antd';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { User } from '../../api/types';
import { SessionContext, type Session } from '../../session/context';
import { ReportIncidentModal, type ReportProject } from './ReportIncidentModal';

const GET = vi.hoisted(() => vi.fn());
const POST = vi.hoisted(() => vi.fn());
vi.mock('../../api/client', async (actual) => ({ ...(await actual<object>()), api: { GET, POST } }));

const officer = { id: 'u1', role: 'county_officer', county_code: '513431', province_code: '510000', display_name: '昭觉县' } as User;
const project: ReportProject = {
  id: 'p1',
  title: '村小营养餐',
  county_code: '513431',
  county_name: '昭觉县',
  organizations: [{ organization_id: 'o1', name: '甲基金会', consent: 'accepted' }],
};

function renderModal(props: Partial<Parameters<typeof ReportIncidentModal>[0]> = {}) {
  const session: Session = { status: 'authenticated', user: officer, ended: null, login: vi.fn(), logout: vi.fn() };
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <App>
        <SessionContext.Provider value={session}>
          <ReportIncidentModal onClose={vi.fn()} {...props} />
        </SessionContext.Provider>
      </App>
    </QueryClientProvider>,
  );
}

const ok = (data: unknown) => ({ data, response: new Response(null, { status: 200 }) });

beforeEach(() => {
  // the county pickers' reads: a search and the officer's own county by code
  GET.mockReset().mockImplementation((path: string) =>
    Promise.resolve(
      ok(
        path === '/api/v1/counties/{code}'
          ? { code: '513431', name: '昭觉县', prefecture: '凉山彝族自治州', province_name: '四川省' }
          : { items: [] },
      ),
    ),
  );
  POST.mockReset();
});

describe('ReportIncidentModal', () => {
  it('says what is missing on each field, without asking the server', async () => {
    renderModal();
    await userEvent.click(screen.getByTestId('incident-report-submit'));
    for (const text of ['请选择事件涉及的社会组织', '请选择事件类型', '请选择事件等级', '请选择发生时间', '请填写标题', '请说明事件经过']) {
      expect(await screen.findByText(text)).toBeInTheDocument();
    }
    // a county officer reports in their own county: it is chosen already
    expect(screen.queryByText('请选择事件发生地所在县')).toBeNull();
    expect(POST).not.toHaveBeenCalled();
  });

  it('warns that 重大 is told at once', async () => {
    renderModal({ project });
    await userEvent.click(screen.getByText('重大'));
    expect(await screen.findByText('重大、特别重大事件报告后，将立即告知国家级管理员和所在省级工作人员')).toBeInTheDocument();
  });

  it('reports from a project with its organization, and puts the server’s field errors on their fields', async () => {
    POST.mockResolvedValue({
      error: {
        type: 'about:blank',
        title: '字段无效',
        status: 422,
        errors: [
          { field: 'occurred_at', message: '不能晚于现在，也不能早于 2000 年' },
          { field: 'project_id', message: '不是该组织参与的项目' },
        ],
      },
      response: new Response(null, { status: 422 }),
    });
    renderModal({ project });
    const form = screen.getByTestId('incident-report-form');
    expect(within(form).getByTestId('incident-organization-fixed')).toHaveTextContent('甲基金会');
    expect(within(form).getByTestId('incident-project-fixed')).toHaveTextContent('村小营养餐（昭觉县）');

    fireEvent.mouseDown(within(form).getByLabelText('类型'));
    fireEvent.click(await screen.findByTitle('安全事故'));
    await userEvent.click(screen.getByText('重大'));
    const when = within(form).getByLabelText('发生时间');
    await userEvent.click(when);
    await userEvent.type(when, '2026-12-01 08:30{enter}');
    await userEvent.type(within(form).getByLabelText('标题'), '食堂食物中毒');
    await userEvent.type(within(form).getByLabelText('事件经过'), '12 名学生送医');
    await userEvent.click(screen.getByTestId('incident-report-submit'));

    await waitFor(() => expect(POST).toHaveBeenCalledTimes(1));
    const [path, { body }] = POST.mock.calls[0] as [string, { body: Record<string, unknown> }];
    expect(path).toBe('/api/v1/incidents');
    expect(body).toMatchObject({ organization_id: 'o1', project_id: 'p1', kind: 'safety', severity: 'high', title: '食堂食物中毒' });
    expect(body).not.toHaveProperty('county_code');
    expect(await screen.findByText('不能晚于现在，也不能早于 2000 年')).toBeInTheDocument();
    expect(screen.getByText('不是该组织参与的项目')).toBeInTheDocument();
    // both shown on their fields, so nothing above the form
    expect(screen.queryByRole('alert', { name: /字段无效/ })).toBeNull();
  });
});
