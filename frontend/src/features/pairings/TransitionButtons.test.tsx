import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { reasonRequired, TransitionButtons } from './TransitionButtons';

describe('TransitionButtons', () => {
  it('renders exactly the allowed transitions, in the server’s order', () => {
    render(<TransitionButtons allowed={['confirmed', 'terminated']} onMove={() => undefined} />);
    const buttons = screen.getByTestId('transition-buttons').querySelectorAll('button');
    expect([...buttons].map((b) => b.dataset.testid)).toEqual(['transition-confirmed', 'transition-terminated']);
    expect(screen.getByTestId('transition-confirmed')).toHaveTextContent('县级确认');
    expect(screen.queryByTestId('transition-active')).toBeNull();
  });

  it('gives an invited organization exactly its answers, 接受 and 拒绝', () => {
    render(<TransitionButtons allowed={['accepted', 'declined']} onMove={() => undefined} />);
    const buttons = screen.getByTestId('transition-buttons').querySelectorAll('button');
    expect([...buttons].map((b) => b.textContent)).toEqual(['接 受', '拒 绝']);
  });

  it('says there is nothing to do when nothing is allowed', () => {
    render(<TransitionButtons allowed={[]} onMove={() => undefined} />);
    expect(screen.getByTestId('no-transitions')).toHaveTextContent('当前没有可办理的操作');
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('requires a reason to terminate and passes it on', async () => {
    const onMove = vi.fn();
    render(<TransitionButtons allowed={['terminated']} onMove={onMove} />);
    await userEvent.click(screen.getByTestId('transition-terminated'));
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(dialog.querySelector('.ant-btn-primary') as HTMLElement);
    expect(await screen.findByText('终止结对必须填写理由')).toBeInTheDocument();
    expect(onMove).not.toHaveBeenCalled();
    await userEvent.type(screen.getByRole('textbox'), '组织已注销');
    await userEvent.click(dialog.querySelector('.ant-btn-primary') as HTMLElement);
    await waitFor(() => expect(onMove).toHaveBeenCalledWith('terminated', '组织已注销'));
  });

  it('moves without a reason when none is required', async () => {
    const onMove = vi.fn();
    render(<TransitionButtons allowed={['active']} onMove={onMove} />);
    await userEvent.click(screen.getByTestId('transition-active'));
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(dialog.querySelector('.ant-btn-primary') as HTMLElement);
    await waitFor(() => expect(onMove).toHaveBeenCalledWith('active', undefined));
  });

  it('knows which moves need a reason', () => {
    expect(reasonRequired('terminated')).toBe(true);
    expect(reasonRequired('confirmed')).toBe(false);
    expect(reasonRequired('declined')).toBe(false);
  });
});
