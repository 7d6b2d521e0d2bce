import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App } from 'antd';
import { describe, expect, it, vi } from 'vitest';
import type { User } from '../../api/types';
import { SessionContext } from '../../session/context';
import { CreateUserModal } from './CreateUserModal';

const GET = vi.hoisted(() => vi.fn());
const POST = vi.hoisted(() => vi.fn());
vi.mock('../../api/client', async (actual) => ({ ...(await actual<object>()), api: { GET, POST } }));
GET.mockImplementation(() => Promise.resolve({ data: { items: [{ code: '510000', name: '四川省' }] }, response: new Response(null, { status: 200 }) }));
POST.mockImplementation((_p: string, { body }: { body: object }) => Promise.resolve({ data: { id: 'n', ...body }, response: new Response(null, { status: 201 }) }));

const admin = { id: 'a', username: 'admin', display_name: '管理员', role: 'national_admin', disabled: false, created_at: '', updated_at: '' } as User;

function renderModal() {
  render(
    <QueryClientProvider client={new QueryClient()}>
      <SessionContext.Provider value={{ status: 'authenticated', user: admin, ended: null, login: vi.fn(), logout: vi.fn() }}>
        <App>
          <CreateUserModal open onClose={vi.fn()} />
        </App>
      </SessionContext.Provider>
    </QueryClientProvider>,
  );
}

async function choose(label: string, option: string) {
  fireEvent.mouseDown(screen.getByLabelText(label));
  fireEvent.click((await screen.findAllByTitle(option)).at(-1)!);
}

describe('the department in the new user form', () => {
  it('is offered for a provincial officer, 乡村振兴部门 by default, and sent as chosen', async () => {
    renderModal();
    expect(screen.queryByLabelText('部门')).toBeNull();
    await choose('角色', '省级工作人员');
    expect(await screen.findByLabelText('部门')).toBeInTheDocument();
    expect(screen.getByTestId('user-department')).toHaveTextContent('乡村振兴部门');
    await choose('部门', '民政部门');
    await choose('省份', '四川省');
    fireEvent.change(screen.getByLabelText('用户名'), { target: { value: 'mz' } });
    fireEvent.change(screen.getByLabelText('姓名'), { target: { value: '民政厅' } });
    fireEvent.change(screen.getByLabelText('密码'), { target: { value: 'secret-1234' } });
    fireEvent.click(screen.getByRole('button', { name: /保\s*存/ }));
    await waitFor(() =>
      expect(POST).toHaveBeenCalledWith('/api/v1/users', {
        body: { username: 'mz', display_name: '民政厅', password: 'secret-1234', role: 'provincial_officer', province_code: '510000', department: 'civil_affairs' },
      }),
    );
  });

  it('is not offered for an organization member', async () => {
    renderModal();
    await choose('角色', '社会组织成员');
    await screen.findByLabelText('社会组织');
    expect(screen.queryByLabelText('部门')).toBeNull();
  });
});
