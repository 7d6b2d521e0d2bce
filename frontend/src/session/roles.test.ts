import { describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../api/types';
import { canAddProjectEvidence, canManageBrand, canReadIncidents, canReadOffers, canReadRisks, canRegisterBrands, canReportIncidentOn, hasDepartment, needMatchesShown } from './roles';

describe('canReadOffers (the server answers 404 to everyone else)', () => {
  const org = { id: 'o1', province_code: '330000', status: 'active' };
  const suspended = { ...org, status: 'suspended' };

  it('gives an organization’s offers to its members and its province’s coordinators, whatever its status', () => {
    for (const o of [org, suspended]) {
      expect(canReadOffers({ role: 'org_member', organization_id: 'o1' }, o)).toBe(true);
      expect(canReadOffers({ role: 'provincial_officer', province_code: '330000' }, o)).toBe(true);
      expect(canReadOffers({ role: 'national_admin' }, o)).toBe(true);
    }
  });

  it('gives an active organization’s offers to every coordinator who may pair it, and no one else', () => {
    expect(canReadOffers({ role: 'provincial_officer', province_code: '510000' }, org)).toBe(true);
    expect(canReadOffers({ role: 'county_officer', province_code: '510000' }, org)).toBe(true);
    expect(canReadOffers({ role: 'provincial_officer', province_code: '510000' }, suspended)).toBe(false);
    expect(canReadOffers({ role: 'org_member', organization_id: 'o2' }, org)).toBe(false);
    expect(canReadOffers({ role: 'viewer' }, org)).toBe(false);
    expect(canReadOffers({ role: 'evaluator' }, org)).toBe(false);
  });
});

describe('needMatchesShown', () => {
  it('lists every organization for coordinators, its own for a member, none for the others', () => {
    expect(['national_admin', 'provincial_officer', 'county_officer'].map((r) => needMatchesShown(r as Role))).toEqual(['all', 'all', 'all']);
    expect(needMatchesShown('org_member')).toBe('own');
    expect(needMatchesShown('viewer')).toBe('none');
    expect(needMatchesShown('evaluator')).toBe('none');
  });
});

describe('brands', () => {
  const brand = { owner_organization_id: 'o1', province_code: '510000' };

  it('are registered by organization members and coordinators', () => {
    expect(ROLES.filter(canRegisterBrands)).toEqual(['national_admin', 'provincial_officer', 'org_member']);
  });

  it('are managed by the owner’s members and the coordinators of its province', () => {
    expect(canManageBrand({ role: 'org_member', organization_id: 'o1' }, brand)).toBe(true);
    expect(canManageBrand({ role: 'org_member', organization_id: 'o2' }, brand)).toBe(false);
    expect(canManageBrand({ role: 'provincial_officer', province_code: '510000' }, brand)).toBe(true);
    expect(canManageBrand({ role: 'provincial_officer', province_code: '520000' }, brand)).toBe(false);
    expect(canManageBrand({ role: 'national_admin' }, brand)).toBe(true);
    expect(canManageBrand({ role: 'county_officer', province_code: '510000' }, brand)).toBe(false);
  });
});

describe('project evidence', () => {
  const project = (status: string) => ({
    status,
    county_code: '513431',
    organizations: [
      { organization_id: 'o1', consent: 'accepted' },
      { organization_id: 'o2', consent: 'invited' },
    ],
  });

  it('is added by the accepted organizations’ members and the county, while the project is open', () => {
    expect(canAddProjectEvidence({ role: 'org_member', organization_id: 'o1' }, project('signed'))).toBe(true);
    expect(canAddProjectEvidence({ role: 'org_member', organization_id: 'o2' }, project('signed'))).toBe(false);
    expect(canAddProjectEvidence({ role: 'county_officer', county_code: '513431' }, project('landed'))).toBe(true);
    expect(canAddProjectEvidence({ role: 'county_officer', county_code: '530326' }, project('landed'))).toBe(false);
    expect(canAddProjectEvidence({ role: 'national_admin' }, project('signed'))).toBe(false);
    expect(canAddProjectEvidence({ role: 'county_officer', county_code: '513431' }, project('completed'))).toBe(false);
  });
});

describe('hasDepartment', () => {
  it('gives a department to national admins, provincial and county officers only', () => {
    expect(ROLES.filter(hasDepartment)).toEqual(['national_admin', 'provincial_officer', 'county_officer']);
    expect(hasDepartment(undefined)).toBe(false);
  });
});

describe('incidents and the risk view', () => {
  it('are followed by the coordinators, the counties and the organizations, never by experts or viewers', () => {
    expect(ROLES.filter(canReadIncidents)).toEqual(['national_admin', 'provincial_officer', 'county_officer', 'org_member']);
  });

  it('open the risk view to the three coordinator roles', () => {
    expect(ROLES.filter(canReadRisks)).toEqual(['national_admin', 'provincial_officer', 'county_officer']);
  });

  it('are reported on a project by its parties: its county and coordinators, its accepted organizations', () => {
    const project = {
      county_code: '513431',
      province_code: '510000',
      organizations: [
        { organization_id: 'o1', consent: 'accepted' },
        { organization_id: 'o2', consent: 'invited' },
      ],
    };
    expect(canReportIncidentOn({ role: 'county_officer', county_code: '513431' }, project)).toBe(true);
    expect(canReportIncidentOn({ role: 'county_officer', county_code: '530326' }, project)).toBe(false);
    expect(canReportIncidentOn({ role: 'provincial_officer', province_code: '510000' }, project)).toBe(true);
    expect(canReportIncidentOn({ role: 'provincial_officer', province_code: '530000' }, project)).toBe(false);
    expect(canReportIncidentOn({ role: 'national_admin' }, project)).toBe(true);
    expect(canReportIncidentOn({ role: 'org_member', organization_id: 'o1' }, project)).toBe(true);
    expect(canReportIncidentOn({ role: 'org_member', organization_id: 'o2' }, project)).toBe(false);
    expect(canReportIncidentOn({ role: 'viewer' }, project)).toBe(false);
  });
});
