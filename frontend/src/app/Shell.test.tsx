import { render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import type { Role, User } from '../api/types';
import { SessionContext } from '../session/context';
import { Shell } from './Shell';

function renderShell(role: Role) {
  const user: User = {
    id: 'u', username: 'u', display_name: '张三', role, disabled: false,
    province_code: null, county_code: null, organization_id: null, created_at: '', updated_at: '',
  };
  return render(
    <SessionContext.Provider value={{ status: 'authenticated', user, ended: null, login: vi.fn(), logout: vi.fn() }}>
      <MemoryRouter initialEntries={['/counties']}>
        <Shell />
      </MemoryRouter>
    </SessionContext.Provider>,
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

  it('hides user administration from a county officer', () => {
    renderShell('county_officer');
    const labels = screen.getAllByRole('menuitem').map((m) => m.textContent);
    expect(labels).toEqual(['首页', '省份', '县', '重点帮扶县', '统计分析', '覆盖情况', '社会组织', '结对帮扶', '需求对接', '项目', '公益品牌', '社会组织乡村行', '案例征集', '典型案例']);
  });
});
