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
