import { describe, expect, it } from 'vitest';
import type { Landing, ProjectEvent, ProjectUpdate } from '../../api/types';
import {
  isLandingConfirmation,
  landingMessageKey,
  landingState,
  mergeTimeline,
  noteRequired,
  percentOf,
  staleClassName,
  transitionLabel,
} from './projectLogic';
import { filtersFromSearch, filtersToSearch, projectListQuery } from './projectFilters';

const none: Landing = { declared_by: null, declared_at: null, confirmed_by: null, confirmed_at: null };
const declared: Landing = { ...none, declared_by: 'org1', declared_at: '2025-06-01T08:00:00Z' };
const confirmed: Landing = { ...declared, confirmed_by: 'county1', confirmed_at: '2025-06-02T08:00:00Z' };

describe('two-sided landing', () => {
  it('says which step the landing is at', () => {
    expect(landingState({ status: 'signed', landing: none })).toBe('not_declared');
    expect(landingState({ status: 'signed', landing: declared })).toBe('declared');
    expect(landingState({ status: 'landed', landing: confirmed })).toBe('confirmed');
  });

  it('shows 待县级确认 only while declared and not confirmed', () => {
    expect(landingMessageKey({ status: 'docking', landing: none })).toBeNull();
    expect(landingMessageKey({ status: 'signed', landing: none })).toBe('project.landingNotDeclared');
    expect(landingMessageKey({ status: 'signed', landing: declared })).toBe('project.landingDeclared');
    expect(landingMessageKey({ status: 'landed', landing: confirmed })).toBe('project.landingConfirmed');
    expect(landingMessageKey({ status: 'completed', landing: confirmed })).toBe('project.landingConfirmed');
  });

  it('labels the landing button 落地 for the organization and 确认落地 once declared', () => {
    expect(transitionLabel({ status: 'signed', landing: none }, 'landed')).toEqual({ key: 'projectTransition.landed' });
    expect(transitionLabel({ status: 'signed', landing: declared }, 'landed')).toEqual({ key: 'projectTransition.confirmLanding' });
    expect(isLandingConfirmation({ status: 'signed', landing: declared }, 'landed')).toBe(true);
    expect(isLandingConfirmation({ status: 'signed', landing: none }, 'landed')).toBe(false);
  });

  it('labels the way back from a suspension as a resumption', () => {
    expect(transitionLabel({ status: 'suspended', landing: none }, 'signed')).toEqual({ key: 'projectTransition.resume', status: 'signed' });
    expect(transitionLabel({ status: 'suspended', landing: none }, 'cancelled')).toEqual({ key: 'projectTransition.cancelled' });
  });

  it('requires a note to suspend or cancel', () => {
    expect(noteRequired('suspended')).toBe(true);
    expect(noteRequired('cancelled')).toBe(true);
    expect(noteRequired('signed')).toBe(false);
    expect(noteRequired('landed')).toBe(false);
  });
});

describe('stale projects and figures', () => {
  it('gives stale projects the highlight class', () => {
    expect(staleClassName({ stale: true })).toBe('project-stale');
    expect(staleClassName({ stale: false })).toBe('');
  });

  it('computes progress percentages from decimal strings', () => {
    expect(percentOf('120000.50', '500000.00')).toBe(24);
    expect(percentOf('0.00', '0.00')).toBe(0);
    expect(percentOf('900.00', '300.00')).toBe(100);
    expect(percentOf(300, 1000)).toBe(30);
    expect(percentOf('x', '100')).toBe(0);
  });
});

describe('the timeline', () => {
  const ev = (at: string, from: ProjectEvent['from_status'], to: ProjectEvent['to_status'], actor = 'a'): ProjectEvent => ({
    at,
    actor,
    from_status: from,
    to_status: to,
    note: '',
  });
  const upd = (created_at: string): ProjectUpdate => ({
    id: created_at,
    project_id: 'p',
    date: created_at.slice(0, 10),
    narrative: 'n',
    funds_delta: '1.00',
    beneficiaries_delta: 1,
    created_by: 'u',
    created_at,
  });

  it('merges history and updates oldest first and tells declaration from confirmation', () => {
    const entries = mergeTimeline(
      [
        ev('2025-01-01T00:00:00Z', null, 'docking'),
        ev('2025-02-01T00:00:00Z', 'docking', 'signed'),
        ev('2025-04-01T00:00:00Z', 'signed', 'landed', 'org'),
        ev('2025-05-01T00:00:00Z', 'signed', 'landed', 'county'),
      ],
      [upd('2025-06-01T00:00:00Z'), upd('2025-03-01T00:00:00Z')],
    );
    expect(entries.map((e) => (e.kind === 'status' ? e.step : 'update'))).toEqual([
      'created',
      'moved',
      'update',
      'declared',
      'confirmed',
      'update',
    ]);
  });
});

describe('project filters in the URL', () => {
  it('reads known values and drops the rest', () => {
    const f = filtersFromSearch(new URLSearchParams('county=513431&status=signed&stale=true&sort=-funds_in_place&status2=x&assistance_type=bogus'));
    expect(f).toEqual({ county: '513431', status: 'signed', stale: true, sort: '-funds_in_place' });
  });

  it('reads the landings waiting for the county (the dashboards link there)', () => {
    expect(filtersFromSearch(new URLSearchParams('county=513431&landing_declared=true'))).toEqual({ county: '513431', landing_declared: true });
    expect(filtersFromSearch(new URLSearchParams('landing_declared=yes'))).toEqual({});
  });

  it('round-trips and leaves false switches out', () => {
    const p = filtersToSearch({ q: '图书', stale: false, government_purchase: true, campaign: 'c1' });
    expect(p.toString()).toBe('q=%E5%9B%BE%E4%B9%A6&government_purchase=true&campaign=c1');
    expect(projectListQuery({ county: '513431' }, 'abc')).toEqual({ county: '513431', limit: 20, cursor: 'abc', count: true });
  });
});
