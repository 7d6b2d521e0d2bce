import { ROLES, type Role } from '../api/types';

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

/**
 * Roles a caller may give an API token or a webhook subscription. As for accounts, and a
 * provincial officer may also give its own role for its own province: never more than its rights.
 */
export function issuableTokenRoles(callerRole: Role): Role[] {
  if (callerRole === 'national_admin') return [...ROLES];
  if (callerRole === 'provincial_officer') return ['county_officer', 'provincial_officer'];
  return [];
}

/** The audit log is for national admins only. */
/** A credit code that failed its check is confirmed by a national admin (DOMAIN.md). */
export function canConfirmCreditCodes(role: Role): boolean {
  return role === 'national_admin';
}

export function canReadAuditLog(role: Role): boolean {
  return role === 'national_admin';
}

/**
 * The roles that belong to a department (乡村振兴部门 or 民政部门): national admins, provincial
 * and county officers. The server ignores a department given for any other role.
 */
export const DEPARTMENT_ROLES: readonly Role[] = ['national_admin', 'provincial_officer', 'county_officer'];

export function hasDepartment(role: Role | undefined): boolean {
  return !!role && DEPARTMENT_ROLES.includes(role);
}

/** The coordinators (乡村振兴局 / 民政部 staff at national and provincial level). */
export function isCoordinator(role: Role): boolean {
  return role === 'national_admin' || role === 'provincial_officer';
}

/** Registering, importing and suspending/revoking/reinstating organizations. */
export function canRegisterOrganizations(role: Role): boolean {
  return isCoordinator(role);
}

/** Who may edit an organization's profile: coordinators, and its own members. */
export function canEditOrganization(
  user: { role: Role; organization_id?: string | null; province_code?: string | null },
  org: { id: string; province_code: string },
): boolean {
  if (user.role === 'national_admin') return true;
  if (user.role === 'provincial_officer') return user.province_code === org.province_code;
  return user.role === 'org_member' && user.organization_id === org.id;
}

/**
 * Reading an organization's offers and the needs ranked for it: its members, the coordinators of its
 * province, and — while it is active, so may be paired — every national, provincial and county
 * coordinator. Evaluators, viewers and other organizations get 404 from the API.
 */
export function canReadOffers(
  user: { role: Role; organization_id?: string | null; province_code?: string | null },
  org: { id: string; province_code: string; status: string },
): boolean {
  if (canEditOrganization(user, org)) return true;
  const coordinator = user.role === 'national_admin' || user.role === 'provincial_officer' || user.role === 'county_officer';
  return coordinator && org.status === 'active';
}

/**
 * Which organizations a need's match list shows — a match is read from the organization's offers
 * (canReadOffers): every organization for coordinators, its own for a member, none for evaluators
 * and viewers. The API filters the list the same way.
 */
export function needMatchesShown(role: Role): 'all' | 'own' | 'none' {
  if (role === 'national_admin' || role === 'provincial_officer' || role === 'county_officer') return 'all';
  return role === 'org_member' ? 'own' : 'none';
}

/** Changing status (暂停/撤销/恢复): the coordinators of the organization's province. */
export function canChangeOrganizationStatus(
  user: { role: Role; province_code?: string | null },
  org: { province_code: string },
): boolean {
  return user.role === 'national_admin' || (user.role === 'provincial_officer' && user.province_code === org.province_code);
}

/** Proposing a pairing: an organization applies, coordinators recommend, a county invites. */
export function canProposePairings(role: Role): boolean {
  return role === 'national_admin' || role === 'provincial_officer' || role === 'county_officer' || role === 'org_member';
}

/** Raising and moving needs, and inviting matched organizations: the county and its coordinators. */
export function canManageNeeds(role: Role): boolean {
  return role === 'national_admin' || role === 'provincial_officer' || role === 'county_officer';
}

/** Docking a project: the organizations involved, the county and its coordinators (the server checks which). */
export function canCreateProjects(role: Role): boolean {
  return role === 'national_admin' || role === 'provincial_officer' || role === 'county_officer' || role === 'org_member';
}

/**
 * A party to a project (its organizations that have accepted, its county, that county's coordinators)
 * may report progress; an organization that is only invited has not joined yet.
 */
export function isProjectParty(
  user: { role: Role; organization_id?: string | null; province_code?: string | null; county_code?: string | null },
  project: { county_code: string; province_code: string; organizations: readonly { organization_id: string; consent: string }[] },
): boolean {
  switch (user.role) {
    case 'national_admin':
      return true;
    case 'provincial_officer':
      return !!user.province_code && user.province_code === project.province_code;
    case 'county_officer':
      return !!user.county_code && user.county_code === project.county_code;
    case 'org_member':
      return (
        !!user.organization_id &&
        project.organizations.some((o) => o.organization_id === user.organization_id && o.consent === 'accepted')
      );
    default:
      return false;
  }
}

/**
 * A project's evidence (佐证材料) is added by its accepted organizations' members and its county's
 * officers while it is open (backend projects/evidence.rs).
 */
export function canAddProjectEvidence(
  user: { role: Role; organization_id?: string | null; county_code?: string | null },
  project: { status: string; county_code: string; organizations: readonly { organization_id: string; consent: string }[] },
): boolean {
  if (!['docking', 'signed', 'landed'].includes(project.status)) return false;
  if (user.role === 'county_officer') return !!user.county_code && user.county_code === project.county_code;
  if (user.role === 'org_member') {
    return !!user.organization_id && project.organizations.some((o) => o.organization_id === user.organization_id && o.consent === 'accepted');
  }
  return false;
}

/** The yearly rural tour (社会组织乡村行) is set by the national admins. */
export function canCreateCampaigns(role: Role): boolean {
  return role === 'national_admin';
}

/** Docking events: national admins, and provincial officers for counties of their province. */
export function canCreateDockingEvents(role: Role): boolean {
  return role === 'national_admin' || role === 'provincial_officer';
}

/**
 * Registering a public-welfare brand (公益品牌): an organization's members for their own
 * organization, the coordinators for their province's organizations (the server checks which).
 */
export function canRegisterBrands(role: Role): boolean {
  return role === 'org_member' || role === 'provincial_officer' || role === 'national_admin';
}

/**
 * Managing a brand's evidence (佐证材料): its owner's members and the coordinators of the owner's
 * province — the rule of editing the owner itself. Changing its fields is further limited to a
 * draft or returned brand; the server says so in `editable`.
 */
export function canManageBrand(
  user: { role: Role; organization_id?: string | null; province_code?: string | null },
  brand: { owner_organization_id: string; province_code: string },
): boolean {
  return canEditOrganization(user, { id: brand.owner_organization_id, province_code: brand.province_code });
}

// ---- case collections (案例征集) and cases (典型案例) ---------------------------------------------

/** Opening, changing, closing and publishing case collections: national admins. */
export function canManageCaseCollections(role: Role): boolean {
  return role === 'national_admin';
}

/** Writing a case: its organization's members, or the coordinators of its province (the server checks which). */
export function canWriteCases(role: Role): boolean {
  return role === 'org_member' || isCoordinator(role);
}

/**
 * The review queue (评审): provincial officers shortlist and return the cases of their province's
 * organizations; national admins shortlist, return and name typical cases.
 */
export function canReviewCases(role: Role): boolean {
  return isCoordinator(role);
}

// ---- expert scoring (评审) and yearly selections (选树) ------------------------------------------

/** The experts (评估专家): their worklist, scoring sheets and declared ties. */
export function isEvaluator(role: Role): boolean {
  return role === 'evaluator';
}

/** Opening a selection, moving it along, and deciding 入选/不入选: national admins. */
export function canManageSelections(role: Role): boolean {
  return role === 'national_admin';
}

/** Nominating: provincial officers their own province's organizations and brands, national admins any. */
export function canNominate(role: Role): boolean {
  return isCoordinator(role);
}

/**
 * An organization's (or its brand's) published evaluation results, explained dimension by
 * dimension: its own members and national admins (the page shows no card to anyone else).
 */
export function canReadOwnResults(user: { role: Role; organization_id?: string | null }, organizationId: string): boolean {
  return user.role === 'national_admin' || (user.role === 'org_member' && !!user.organization_id && user.organization_id === organizationId);
}

// ---- evaluation (评估评价) ---------------------------------------------------------------------

/** Writing indicator frameworks and rounds, assigning experts, reading progress: national admins. */
export function canManageEvaluation(role: Role): boolean {
  return role === 'national_admin';
}

// ---- incidents (事件处置) and the risk view (风险研判) ----------------------------------------------

/**
 * Following incidents: national admins (all), provincial officers (their counties'), county
 * officers (their county's) and organizations' members (what their organization reported).
 * Experts and viewers get 403.
 */
export function canReadIncidents(role: Role): boolean {
  return role === 'national_admin' || role === 'provincial_officer' || role === 'county_officer' || role === 'org_member';
}

/** The risk view (风险研判): the coordinators, over their own area. */
export function canReadRisks(role: Role): boolean {
  return role === 'national_admin' || role === 'provincial_officer' || role === 'county_officer';
}

/**
 * Reporting an incident about a project (报告事件 on its page): the project's parties — its county,
 * that county's coordinators, and its accepted organizations' members (about their own project).
 */
export function canReportIncidentOn(
  user: { role: Role; organization_id?: string | null; province_code?: string | null; county_code?: string | null },
  project: { county_code: string; province_code: string; organizations: readonly { organization_id: string; consent: string }[] },
): boolean {
  return isProjectParty(user, project);
}

// ---- year-end reports (每年底报送) -----------------------------------------------------------------

/** Year-end reports: national admins read all, provincial officers their province's (others get 403). */
export function canReadYearEndReports(role: Role): boolean {
  return role === 'national_admin' || role === 'provincial_officer';
}

/** The province's officers write their report (the server says per report with `may_edit`). */
export function canWriteYearEndReports(role: Role): boolean {
  return role === 'provincial_officer';
}

/** The national board (报送进度): deadlines, reminders and the year's downloads. */
export function canReadYearEndBoard(role: Role): boolean {
  return role === 'national_admin';
}
