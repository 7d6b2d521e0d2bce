import { render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/problem';
import { ErrorState } from './states';

describe('ErrorState', () => {
  it('offers 重试 for a failure that may pass, not for a record that does not exist', () => {
    const { unmount } = render(<ErrorState error={new ApiError({ status: 503, title: '服务暂不可用' })} onRetry={vi.fn()} />);
    expect(screen.getByRole('button', { name: /重\s*试/ })).toBeInTheDocument();
    unmount();
    render(<ErrorState error={new ApiError({ status: 404, title: '未找到' })} onRetry={vi.fn()} />);
    expect(screen.queryByRole('button', { name: /重\s*试/ })).toBeNull();
  });
});
