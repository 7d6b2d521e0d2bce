import { describe, expect, it } from 'vitest';
import { ROLES } from '../api/types';
import { menuFor, selectedKey } from './menu';

describe('menu visibility per role', () => {
  it('shows user administration only to national admins and provincial officers', () => {
    const withUsers = ROLES.filter((r) => menuFor(r).some((m) => m.key === 'users'));
    expect(withUsers).toEqual(['national_admin', 'provincial_officer']);
  });

  it('shows API tokens to national admins and provincial officers, the audit log to national admins only', () => {
    expect(ROLES.filter((r) => menuFor(r).some((m) => m.key === 'api-tokens'))).toEqual([
      'national_admin',
      'provincial_officer',
    ]);
    expect(ROLES.filter((r) => menuFor(r).some((m) => m.key === 'audit'))).toEqual(['national_admin']);
  });

  it('shows the reference pages to every role', () => {
    for (const role of ROLES) {
      const keys = menuFor(role).map((m) => m.key);
      expect(keys).toEqual(expect.arrayContaining(['home', 'provinces', 'counties', 'key-counties']));
      expect(keys[0]).toBe('home');
      // organizations, pairings, coverage and needs are readable by every role (scoped by the API)
      expect(keys).toEqual(expect.arrayContaining(['coverage', 'organizations', 'pairings', 'needs', 'projects', 'brands', 'campaigns', 'trainings']));
    }
  });

  it('selects the entry of nested paths', () => {
    expect(selectedKey('/')).toBe('home');
    expect(selectedKey('/counties/513431')).toBe('counties');
    expect(selectedKey('/key-counties')).toBe('key-counties');
    expect(selectedKey('/organizations/import')).toBe('organizations');
    expect(selectedKey('/pairings/new')).toBe('pairings');
    expect(selectedKey('/projects/new')).toBe('projects');
    expect(selectedKey('/campaigns/abc')).toBe('campaigns');
    expect(selectedKey('/brands/new')).toBe('brands');
    expect(selectedKey('/trainings/t1/edit')).toBe('trainings');
    expect(selectedKey('/nowhere')).toBeUndefined();
  });

  it('selects the longest path holding a location, so an entry under another is its own', () => {
    expect(selectedKey('/scoring')).toBe('scoring');
    expect(selectedKey('/scoring/0190abcd')).toBe('scoring');
    expect(selectedKey('/scoring/ties')).toBe('scoring-ties');
    expect(selectedKey('/selections/s1')).toBe('selections');
  });

  it('shows 年度报告 to national admins and provincial officers, 报送进度 to national admins, after 组织培训', () => {
    expect(ROLES.filter((r) => menuFor(r).some((m) => m.key === 'year-end-reports'))).toEqual(['national_admin', 'provincial_officer']);
    expect(ROLES.filter((r) => menuFor(r).some((m) => m.key === 'year-end-board'))).toEqual(['national_admin']);
    const keys = menuFor('national_admin').map((m) => m.key);
    expect(keys.indexOf('year-end-reports')).toBe(keys.indexOf('trainings') + 1);
    expect(keys.indexOf('year-end-board')).toBe(keys.indexOf('year-end-reports') + 1);
    expect(selectedKey('/year-end-reports/r1')).toBe('year-end-reports');
    expect(selectedKey('/year-end-reports/board')).toBe('year-end-board');
  });

  it('shows the reviews to experts only, the selections to everyone', () => {
    expect(ROLES.filter((r) => menuFor(r).some((m) => m.key === 'scoring'))).toEqual(['evaluator']);
    expect(ROLES.filter((r) => menuFor(r).some((m) => m.key === 'scoring-ties'))).toEqual(['evaluator']);
    expect(ROLES.filter((r) => menuFor(r).some((m) => m.key === 'selections'))).toEqual([...ROLES]);
  });
});
