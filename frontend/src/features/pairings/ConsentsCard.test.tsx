import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Pairing } from '../../api/types';
import { ConsentsCard } from './ConsentsCard';

const base = {
  organizations: [
    { id: 'a', name: '甲基金会', consent: 'accepted', consent_by: 'a-staff', consent_at: '2025-06-01T08:00:00Z' },
    { id: 'b', name: '乙促进会', consent: 'invited', consent_by: null, consent_at: null },
  ],
  confirmed_by: null,
  confirmed_at: null,
} as const;

describe('ConsentsCard', () => {
  it('shows each organization’s answer with who and when, and the county still to confirm', () => {
    render(<ConsentsCard pairing={base as unknown as Pairing} />);
    const [a, b] = screen.getAllByTestId('consent-organization');
    expect(a).toHaveTextContent('甲基金会');
    expect(within(a).getByTestId('consent-tag')).toHaveTextContent('已接受');
    expect(within(a).getByTestId('consent-by')).toHaveTextContent('a-staff');
    expect(within(b).getByTestId('consent-tag')).toHaveTextContent('待接受');
    expect(within(b).queryByTestId('consent-by')).toBeNull();
    expect(screen.getByTestId('consent-county')).toHaveTextContent('待县级确认');
  });

  it('shows who confirmed for the county', () => {
    render(<ConsentsCard pairing={{ ...base, confirmed_by: 'zhaojue', confirmed_at: '2025-06-02T08:00:00Z' } as unknown as Pairing} />);
    const county = screen.getByTestId('consent-county');
    expect(county).toHaveTextContent('县级已确认');
    expect(county).toHaveTextContent('zhaojue');
  });
});
