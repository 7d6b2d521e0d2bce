import { describe, expect, it } from 'vitest';
import { creatableRoles, toNewUser } from './CreateUserModal';

describe('user creation rules', () => {
  it('lets a provincial officer create only county officers', () => {
    expect(creatableRoles('provincial_officer')).toEqual(['county_officer']);
    expect(creatableRoles('national_admin')).toHaveLength(6);
    expect(creatableRoles('viewer')).toEqual([]);
  });

  it('sends the county for a county officer and the province for a provincial officer', () => {
    const base = { username: ' zj ', display_name: '昭觉 ', password: 'secret-123' };
    expect(toNewUser({ ...base, role: 'county_officer', province_code: '510000', county_code: '513431' })).toEqual({
      username: 'zj',
      display_name: '昭觉',
      password: 'secret-123',
      role: 'county_officer',
      county_code: '513431',
    });
    expect(toNewUser({ ...base, role: 'provincial_officer', province_code: '510000' })).toMatchObject({
      role: 'provincial_officer',
      province_code: '510000',
    });
  });
});

describe('a new user’s department', () => {
  const base = { username: 'mz', display_name: '民政厅', password: 'secret-123' };

  it('is sent for the roles that have one', () => {
    expect(toNewUser({ ...base, role: 'provincial_officer', province_code: '510000', department: 'civil_affairs' })).toMatchObject({
      role: 'provincial_officer',
      department: 'civil_affairs',
    });
    expect(toNewUser({ ...base, role: 'national_admin', department: 'rural_revitalization' }).department).toBe('rural_revitalization');
  });

  it('is left out for the others, even if chosen before the role changed', () => {
    expect(toNewUser({ ...base, role: 'org_member', organization_id: 'o1', department: 'civil_affairs' })).not.toHaveProperty('department');
    expect(toNewUser({ ...base, role: 'evaluator', department: 'civil_affairs' })).not.toHaveProperty('department');
  });
});
