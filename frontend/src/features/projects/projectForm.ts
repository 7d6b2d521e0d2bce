import type { AssistanceType, NewProject, Project, ProjectPatch, ProjectRole } from '../../api/types';
import { parseMoney } from '../../components/money';
import type { OrgOption } from '../../components/OrganizationSelect';

export interface ProjectFormValues {
  title: string;
  county_code: string;
  organizations: { org?: OrgOption; role: ProjectRole }[];
  campaign_id?: string;
  event_id?: string;
  assistance_type: AssistanceType;
  planned_funds?: string;
  beneficiaries_planned?: number;
  government_purchase?: boolean;
  contract_number?: string;
  contract_amount?: string;
  sustainability?: string;
}

/** Exactly one lead among the organizations (the contract's rule), each organization once. */
export function organizationsProblem(rows: ProjectFormValues['organizations'] | undefined): 'noLead' | 'manyLeads' | 'duplicate' | null {
  const filled = (rows ?? []).filter((r) => r?.org);
  const leads = filled.filter((r) => r.role === 'lead').length;
  if (leads === 0) return 'noLead';
  if (leads > 1) return 'manyLeads';
  const ids = filled.map((r) => r.org?.value);
  if (new Set(ids).size !== ids.length) return 'duplicate';
  return null;
}

export function toNewProject(v: ProjectFormValues, links: { pairing_id?: string | null; need_id?: string | null } = {}): NewProject {
  return {
    ...toProjectPatch(v),
    county_code: v.county_code,
    organizations: v.organizations.filter((r) => r.org).map((r) => ({ organization_id: r.org?.value ?? '', role: r.role })),
    event_id: v.event_id || null,
    pairing_id: links.pairing_id || null,
    need_id: links.need_id || null,
  };
}

/** The editable part of a project, as the edit form holds it, with the brand it carries. */
export type ProjectEditValues = Pick<
  ProjectFormValues,
  'title' | 'assistance_type' | 'planned_funds' | 'beneficiaries_planned' | 'government_purchase' | 'contract_number' | 'contract_amount' | 'sustainability'
> & { brand_id?: string | null };

export function editValuesOf(p: Project): ProjectEditValues {
  return {
    title: p.title,
    assistance_type: p.assistance_type,
    planned_funds: p.planned_funds,
    beneficiaries_planned: p.beneficiaries_planned,
    government_purchase: p.government_purchase,
    contract_number: p.contract_number ?? undefined,
    contract_amount: p.contract_amount ?? undefined,
    sustainability: p.sustainability,
    brand_id: p.brand_id ?? undefined,
  };
}

/** The editable fields, as a new project and an edit send them (a contract only with a purchase). */
export function toProjectPatch(
  v: ProjectEditValues,
): Pick<NewProject, 'title' | 'assistance_type' | 'planned_funds' | 'beneficiaries_planned' | 'government_purchase' | 'contract_number' | 'contract_amount' | 'sustainability'> {
  const purchase = !!v.government_purchase;
  return {
    title: v.title.trim(),
    assistance_type: v.assistance_type,
    planned_funds: parseMoney(v.planned_funds) ?? '0.00',
    beneficiaries_planned: v.beneficiaries_planned ?? 0,
    government_purchase: purchase,
    contract_number: purchase ? v.contract_number?.trim() || null : null,
    contract_amount: purchase ? parseMoney(v.contract_amount) : null,
    sustainability: v.sustainability?.trim() ?? '',
  };
}

/** The edit form's patch: the figures and terms, and the brand (null unlinks it). */
export function toProjectEditPatch(v: ProjectEditValues): ProjectPatch {
  return { ...toProjectPatch(v), brand_id: v.brand_id || null };
}
