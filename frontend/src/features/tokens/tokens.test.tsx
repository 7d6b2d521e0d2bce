import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App } from 'antd';
import { describe, expect, it, vi } from 'vitest';
import { issuableTokenRoles } from '../../session/roles';
import { toNewApiToken } from './CreateTokenModal';
import { SecretModal } from '../../components/SecretModal';

describe('API token rules', () => {
  it('lets a provincial officer issue county-officer tokens and a provincial-officer token, like accounts', () => {
    expect(issuableTokenRoles('provincial_officer')).toEqual(['county_officer', 'provincial_officer']);
    expect(issuableTokenRoles('national_admin')).toHaveLength(6);
    expect(issuableTokenRoles('county_officer')).toEqual([]);
  });

  it('sends the scope the role needs and nothing else', () => {
    expect(toNewApiToken({ name: ' 四川省统计系统 ', role: 'provincial_officer', province_code: '510000', county_code: 'x' })).toEqual({
      name: '四川省统计系统',
      role: 'provincial_officer',
      province_code: '510000',
    });
    expect(toNewApiToken({ name: '昭觉', role: 'county_officer', province_code: '510000', county_code: '513431' })).toEqual({
      name: '昭觉',
      role: 'county_officer',
      county_code: '513431',
    });
    expect(toNewApiToken({ name: 'v', role: 'viewer', province_code: '510000' })).toEqual({ name: 'v', role: 'viewer' });
  });
});

describe('SecretModal', () => {

  it('shows the secret once with the warning and copies it', async () => {
    const writeText = vi.fn().mockResolvedValue(undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    const onClose = vi.fn();
    render(
      <App>
        <SecretModal secret="zxt_secret-value" title="令牌已签发：四川省统计系统" usage="用法" testId="token-secret" onClose={onClose} />
      </App>,
    );
    expect(screen.getByTestId('token-secret')).toHaveTextContent('zxt_secret-value');
    expect(screen.getByText('请立即保存，关闭后无法再次查看。')).toBeInTheDocument();
    await userEvent.click(screen.getByTestId('token-secret-copy'));
    expect(writeText).toHaveBeenCalledWith('zxt_secret-value');
    await userEvent.click(screen.getByTestId('token-secret-close'));
    expect(onClose).toHaveBeenCalledOnce();
  });
});
