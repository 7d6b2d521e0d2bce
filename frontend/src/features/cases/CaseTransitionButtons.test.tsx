import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { CaseTransitionButtons } from './CaseTransitionButtons';

describe('CaseTransitionButtons', () => {
  it('renders exactly the allowed moves, 退回 last', () => {
    render(<CaseTransitionButtons item={{ status: 'submitted', allowed_transitions: ['returned', 'shortlisted'] }} onMove={() => Promise.resolve()} />);
    const buttons = screen.getByTestId('transition-buttons').querySelectorAll('button');
    expect([...buttons].map((b) => b.textContent?.replace(/\s/g, ''))).toEqual(['入围', '退回']);
  });

  it('says 重新提交 for a returned case and moves in one click', async () => {
    const onMove = vi.fn().mockResolvedValue(undefined);
    render(<CaseTransitionButtons item={{ status: 'returned', allowed_transitions: ['submitted'] }} onMove={onMove} />);
    await userEvent.click(screen.getByTestId('case-transition-submitted'));
    expect(onMove).toHaveBeenCalledWith('submitted', undefined);
    expect(screen.getByTestId('case-transition-submitted')).toHaveTextContent('重新提交');
  });

  it('says there is nothing to do when nothing is allowed', () => {
    render(<CaseTransitionButtons item={{ status: 'typical', allowed_transitions: [] }} onMove={() => Promise.resolve()} />);
    expect(screen.getByTestId('no-transitions')).toHaveTextContent('当前没有可办理的操作');
  });

  it('requires a reason to return a case', async () => {
    const onMove = vi.fn().mockResolvedValue(undefined);
    render(<CaseTransitionButtons item={{ status: 'shortlisted', allowed_transitions: ['typical', 'returned'] }} onMove={onMove} />);
    await userEvent.click(screen.getByTestId('case-transition-returned'));
    await screen.findByRole('dialog');
    await userEvent.click(screen.getByTestId('reason-confirm'));
    expect(await screen.findByText('退回案例必须填写原因')).toBeInTheDocument();
    expect(onMove).not.toHaveBeenCalled();
    await userEvent.type(screen.getByRole('textbox'), '照片含受益人正脸');
    await userEvent.click(screen.getByTestId('reason-confirm'));
    await waitFor(() => expect(onMove).toHaveBeenCalledWith('returned', '照片含受益人正脸'));
  });
});
