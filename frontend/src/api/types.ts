// Aliases of generated contract types: the only place that names schema entries,
// so a renamed schema is fixed here once. Never hand-write a type the contract has.
import type { components, operations } from './schema';

type Schemas = components['schemas'];

export type User = Schemas['User'];
export type Role = Schemas['Role'];
export type Region = Schemas['Region'];
export type Province = Schemas['Province'];
export type County = Schemas['County'];
export type EastWestPair = Schemas['EastWestPair'];
export type KeyCountySummary = Schemas['KeyCountySummary'];
export type ImportReport = Schemas['KeyCountyImportReport'];
export type TokenResponse = Schemas['TokenResponse'];
export type Problem = Schemas['Problem'];
export type NewUser = Schemas['CreateUser'];
export type UserPatch = Schemas['PatchUser'];
export type CountyPatch = Schemas['PatchCounty'];
export type AuditEvent = Schemas['AuditEvent'];
export type ApiToken = Schemas['ApiToken'];
export type NewApiToken = Schemas['CreateApiToken'];
export type CreatedApiToken = Schemas['CreatedApiToken'];

export type CountyListQuery = NonNullable<operations['listCounties']['parameters']['query']>;
export type UserListQuery = NonNullable<operations['listUsers']['parameters']['query']>;
export type AuditEventQuery = NonNullable<operations['listAuditEvents']['parameters']['query']>;

export const ROLES = [
  'national_admin',
  'provincial_officer',
  'county_officer',
  'org_member',
  'evaluator',
  'viewer',
] as const satisfies readonly Role[];

export const REGIONS = ['east', 'central', 'west', 'northeast'] as const satisfies readonly Region[];
