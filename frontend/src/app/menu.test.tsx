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
      expect(keys).toEqual(expect.arrayContaining(['coverage', 'organizations', 'pairings', 'needs', 'projects', 'brands', 'campaigns']));
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
    expect(selectedKey('/nowhere')).toBeUndefined();
  });
});
