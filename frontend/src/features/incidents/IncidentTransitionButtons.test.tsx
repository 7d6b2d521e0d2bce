import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { IncidentTransitionButtons } from './IncidentTransitionButtons';

describe('IncidentTransitionButtons', () => {
  it('renders exactly the allowed moves, forward first', () => {
    render(<IncidentTransitionButtons incident={{ status: 'reported', allowed_transitions: ['closed', 'handling'] }} onMove={vi.fn()} />);
    const buttons = screen.getByTestId('transition-buttons').querySelectorAll('button');
    expect([...buttons].map((b) => b.textContent?.replace(/\s/g, ''))).toEqual(['受理处置', '核实不实，结案']);
  });

  it('takes it up with an optional note', async () => {
    const onMove = vi.fn().mockResolvedValue(undefined);
    render(<IncidentTransitionButtons incident={{ status: 'reported', allowed_transitions: ['handling'] }} onMove={onMove} />);
    await userEvent.click(screen.getByTestId('transition-handling'));
    await screen.findByRole('dialog');
    await userEvent.click(screen.getByTestId('reason-confirm'));
    await waitFor(() => expect(onMove).toHaveBeenCalledWith('handling', undefined));
  });

  it('asks the reason to reopen a resolved incident', async () => {
    const onMove = vi.fn().mockResolvedValue(undefined);
    render(<IncidentTransitionButtons incident={{ status: 'resolved', allowed_transitions: ['handling', 'closed'] }} onMove={onMove} />);
    await userEvent.click(screen.getByTestId('transition-handling'));
    await screen.findByRole('dialog');
    await userEvent.click(screen.getByTestId('reason-confirm'));
    expect(await screen.findByText('请填写原因')).toBeInTheDocument();
    expect(onMove).not.toHaveBeenCalled();
    await userEvent.type(screen.getByRole('textbox'), '村民再次反映');
    await userEvent.click(screen.getByTestId('reason-confirm'));
    await waitFor(() => expect(onMove).toHaveBeenCalledWith('handling', '村民再次反映'));
  });

  it('says there is nothing to do when nothing is allowed', () => {
    render(<IncidentTransitionButtons incident={{ status: 'closed', allowed_transitions: [] }} onMove={vi.fn()} />);
    expect(screen.getByTestId('no-transitions')).toHaveTextContent('当前没有可办理的操作');
  });
});
