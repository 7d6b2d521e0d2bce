import { render, screen } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { MemoryRouter } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import type { Department, Role, User } from '../api/types';
import { SessionContext } from '../session/context';
import { Shell } from './Shell';

// the header's bell reads the caller's notifications
const GET = vi.hoisted(() => vi.fn());
vi.mock('../api/client', async (actual) => ({ ...(await actual<object>()), api: { GET } }));
GET.mockImplementation(() =>
  Promise.resolve({ data: { items: [], next_cursor: null, unread: 3 }, response: new Response(null, { status: 200 }) }),
);

function renderShell(role: Role, department: Department | null = null) {
  const user: User = {
    id: 'u', username: 'u', display_name: '张三', role, disabled: false, department,
    province_code: null, county_code: null, organization_id: null, created_at: '', updated_at: '',
  };
  return render(
    <QueryClientProvider client={new QueryClient()}>
      <SessionContext.Provider value={{ status: 'authenticated', user, ended: null, login: vi.fn(), logout: vi.fn() }}>
        <MemoryRouter initialEntries={['/counties']}>
          <Shell />
        </MemoryRouter>
      </SessionContext.Provider>
    </QueryClientProvider>,
  );
}

describe('Shell', () => {
  it('shows the user, the role label and the admin menu to a national admin', () => {
    renderShell('national_admin');
    expect(screen.getByTestId('current-user')).toHaveTextContent('张三');
    expect(screen.getByTestId('current-role')).toHaveTextContent('国家级管理员');
    expect(screen.getByRole('menuitem', { name: /用户管理/ })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: /退出登录/ })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /典型宣传/ })).toHaveAttribute('href', '/showcase');
  });

  it('shows the notifications bell with the unread count, and a coordinator’s department', async () => {
    renderShell('provincial_officer', 'civil_affairs');
    expect(await screen.findByTestId('notification-count')).toHaveTextContent('3');
    expect(screen.getByTestId('notification-bell')).toHaveAccessibleName('通知：3 条未读');
    expect(screen.getByTestId('current-department')).toHaveTextContent('民政部门');
  });

  it('shows no department for a role without one', () => {
    renderShell('org_member');
    expect(screen.queryByTestId('current-department')).toBeNull();
  });

  it('gathers 指标体系 and 评估轮次 in the 评估评价 submenu, for national admins only', () => {
    renderShell('national_admin');
    const submenu = screen.getByRole('menuitem', { name: /评估评价/ }).closest('li');
    expect(submenu).not.toBeNull();
    const inside = [...(submenu?.querySelectorAll('[role="menuitem"]') ?? [])].map((m) => m.textContent);
    expect(inside).toEqual(['评估评价', '指标体系', '评估轮次']);
  });

  it('hides user administration from a county officer', () => {
    renderShell('county_officer');
    const labels = screen.getAllByRole('menuitem').map((m) => m.textContent);
    expect(labels).toEqual(['首页', '省份', '县', '重点帮扶县', '统计分析', '覆盖情况', '社会组织', '结对帮扶', '需求对接', '项目', '风险防范', '事件处置', '风险研判', '公益品牌', '社会组织乡村行', '组织培训', '案例征集', '典型案例', '选树']);
  });
});
