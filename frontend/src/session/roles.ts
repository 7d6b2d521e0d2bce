import type { Role } from '../api/types';

/** Roles that may open user administration (others get 403 from the API). */
export const USER_ADMIN_ROLES: readonly Role[] = ['national_admin', 'provincial_officer'];

export function canManageUsers(role: Role): boolean {
  return USER_ADMIN_ROLES.includes(role);
}

/** Changing the key-county flag and importing the list are for national admins only. */
export function canEditKeyCounties(role: Role): boolean {
  return role === 'national_admin';
}

/** Roles that may issue and revoke API tokens (the same as user administration). */
export function canManageApiTokens(role: Role): boolean {
  return USER_ADMIN_ROLES.includes(role);
}

/** The audit log is for national admins only. */
export function canReadAuditLog(role: Role): boolean {
  return role === 'national_admin';
}
