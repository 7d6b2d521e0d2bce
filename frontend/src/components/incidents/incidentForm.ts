// The fields of an incident as its forms hold them: 报告事件 (a new one, with where it happened
// and whom it is about) and 修改事件 (what happened, corrected while it is open).

import dayjs, { type Dayjs } from 'dayjs';
import type { Incident, IncidentKind, IncidentPatch, NewIncident, Role, Severity } from '../../api/types';
import type { OrgOption } from '../OrganizationSelect';

/** What happened: the fields a report and a correction share. */
export interface IncidentFieldValues {
  title: string;
  kind: IncidentKind;
  severity: Severity;
  occurred_at: Dayjs;
  description: string;
}

/** A report adds whom it is about and where: the organization, its project or else the county. */
export interface ReportValues extends IncidentFieldValues {
  organization?: OrgOption;
  project_id?: string;
  county_code?: string;
}

/** The server's bounds (backend bounds.rs): a title of 1–200 characters, an account of up to 5000. */
export const TITLE_MAX = 200;
export const DESCRIPTION_MAX = 5000;

/** 重大 and 特别重大 are told to the national admins and the province the moment they are reported. */
export function isUrgent(severity: Severity | undefined): boolean {
  return severity === 'high' || severity === 'critical';
}

/** A time after `now` (the server allows a few minutes of clock skew; the form allows none). */
export function isFuture(at: Dayjs | null | undefined, now: Dayjs = dayjs()): boolean {
  return !!at && at.isAfter(now);
}

/** An organization's members report about one of their own projects only (the server answers 403 otherwise). */
export function projectRequired(role: Role): boolean {
  return role === 'org_member';
}

export function toNewIncident(v: ReportValues): NewIncident {
  return {
    title: v.title.trim(),
    kind: v.kind,
    severity: v.severity,
    organization_id: v.organization?.value ?? '',
    // the county is the project's when there is one: sending both could only disagree
    ...(v.project_id ? { project_id: v.project_id } : { county_code: v.county_code ?? null }),
    occurred_at: v.occurred_at.toISOString(),
    description: v.description.trim(),
  };
}

export function toIncidentPatch(v: IncidentFieldValues): Required<{ [K in keyof IncidentPatch]: NonNullable<IncidentPatch[K]> }> {
  return {
    title: v.title.trim(),
    kind: v.kind,
    severity: v.severity,
    occurred_at: v.occurred_at.toISOString(),
    description: v.description.trim(),
  };
}

/** The correction form filled from the incident. */
export function editValuesOf(i: Incident): IncidentFieldValues {
  return { title: i.title, kind: i.kind, severity: i.severity, occurred_at: dayjs(i.occurred_at), description: i.description };
}

const REPORT_FIELDS: readonly (keyof ReportValues)[] = ['title', 'kind', 'severity', 'occurred_at', 'description', 'project_id', 'county_code'];

/** The form field a server field error belongs on (organization_id → the organization picker); null when none shows it. */
export function formFieldOf(serverField: string): keyof ReportValues | null {
  if (serverField === 'organization_id') return 'organization';
  return REPORT_FIELDS.find((k) => k === serverField) ?? null;
}
