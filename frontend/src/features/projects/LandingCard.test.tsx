import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { Landing } from '../../api/types';
import { LandingCard } from './LandingCard';
import { ProjectTransitionButtons } from './ProjectTransitionButtons';

const none: Landing = { declared_by: null, declared_at: null, confirmed_by: null, confirmed_at: null };
const declared: Landing = { ...none, declared_by: 'org-zhang', declared_at: '2025-06-01T08:00:00Z' };

describe('LandingCard', () => {
  it('shows the declaration waiting for the county, with who declared', () => {
    render(<LandingCard project={{ status: 'signed', landing: declared }} />);
    expect(screen.getByTestId('landing-message')).toHaveTextContent('已申报落地，待县级确认');
    expect(screen.getByTestId('landing-declared')).toHaveTextContent('org-zhang');
    expect(screen.queryByTestId('landing-confirmed')).toBeNull();
  });

  it('shows both steps once the county confirmed', () => {
    render(<LandingCard project={{ status: 'landed', landing: { ...declared, confirmed_by: 'county-li', confirmed_at: '2025-06-02T08:00:00Z' } }} />);
    expect(screen.getByTestId('landing-message')).toHaveTextContent('已落地（县级已确认）');
    expect(screen.getByTestId('landing-confirmed')).toHaveTextContent('county-li');
  });
});

describe('ProjectTransitionButtons', () => {
  it('renders exactly the allowed moves, 确认落地 once declared', () => {
    render(<ProjectTransitionButtons project={{ status: 'signed', landing: declared, allowed_transitions: ['landed'] }} onMove={() => undefined} />);
    const buttons = screen.getByTestId('transition-buttons').querySelectorAll('button');
    expect([...buttons].map((b) => b.textContent)).toEqual(['确认落地']);
  });

  it('says there is nothing to do when nothing is allowed', () => {
    render(<ProjectTransitionButtons project={{ status: 'signed', landing: declared, allowed_transitions: [] }} onMove={() => undefined} />);
    expect(screen.getByTestId('no-transitions')).toHaveTextContent('当前没有可办理的操作');
  });

  it('requires a note to suspend', async () => {
    const onMove = vi.fn();
    render(<ProjectTransitionButtons project={{ status: 'signed', landing: none, allowed_transitions: ['suspended'] }} onMove={onMove} />);
    await userEvent.click(screen.getByTestId('transition-suspended'));
    await screen.findByRole('dialog');
    await userEvent.click(screen.getByTestId('transition-confirm'));
    expect(await screen.findByText('暂停或取消项目必须填写说明')).toBeInTheDocument();
    await userEvent.type(screen.getByRole('textbox'), '资金暂未到位');
    await userEvent.click(screen.getByTestId('transition-confirm'));
    await waitFor(() => expect(onMove).toHaveBeenCalledWith('suspended', '资金暂未到位'));
  });
});
