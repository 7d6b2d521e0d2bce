import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import i18n from '../../i18n';
import { ApiError } from '../../api/problem';
import { SessionContext } from '../../session/context';
import { LoginPage, loginErrorMessage } from './LoginPage';

const t = i18n.getFixedT('zh-CN');

describe('login errors', () => {
  it('shows the server’s 401 message as given, and our words when it has none', () => {
    expect(loginErrorMessage(new ApiError({ status: 401, title: 'Authentication required', detail: 'Wrong username or password.' }), t)).toBe(
      'Wrong username or password.',
    );
    expect(loginErrorMessage(new ApiError({ status: 401, title: '需要登录' }), t)).toBe('用户名或密码错误');
  });

  it('says how long to wait after too many attempts', () => {
    expect(loginErrorMessage(new ApiError({ status: 429, title: 'Too many attempts', retryAfter: 899 }), t)).toBe(
      '尝试次数过多，请 899 秒后再试',
    );
  });

  it('shows the failure on the form', async () => {
    const login = vi.fn().mockRejectedValue(new ApiError({ status: 401, title: 'Authentication required' }));
    render(
      <SessionContext.Provider value={{ status: 'anonymous', user: null, ended: null, login, logout: vi.fn() }}>
        <MemoryRouter initialEntries={['/login']}>
          <LoginPage />
        </MemoryRouter>
      </SessionContext.Provider>,
    );
    await userEvent.type(screen.getByLabelText('用户名'), 'admin');
    await userEvent.type(screen.getByLabelText('密码'), 'wrong-password');
    await userEvent.click(screen.getByRole('button', { name: /登\s*录/ }));
    expect(await screen.findByRole('alert')).toHaveTextContent('用户名或密码错误');
    expect(login).toHaveBeenCalledWith('admin', 'wrong-password');
  });

  it('links to the public showcase, reachable without logging in', () => {
    render(
      <SessionContext.Provider value={{ status: 'anonymous', user: null, ended: null, login: vi.fn(), logout: vi.fn() }}>
        <MemoryRouter initialEntries={['/login']}>
          <LoginPage />
        </MemoryRouter>
      </SessionContext.Provider>,
    );
    expect(screen.getByRole('link', { name: /典型宣传 · 公益品牌展示/ })).toHaveAttribute('href', '/showcase');
  });
});
