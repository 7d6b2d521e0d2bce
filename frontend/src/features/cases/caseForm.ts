import type { Case, CaseLine, CasePatch, NewCase } from '../../api/types';
import type { OrgOption } from '../../components/OrganizationSelect';

/** At most this many linked projects and counties (the server's bound). */
export const MAX_CASE_LINKS = 20;
/** Each narrative section holds at most this many characters (the server's bound). */
export const SECTION_MAX = 5000;
/** The four narrative sections, in the order a case is read: 背景 · 做法 · 成效 · 经验启示. */
export const CASE_SECTIONS = ['background', 'approach', 'results', 'lessons'] as const;
export type CaseSection = (typeof CASE_SECTIONS)[number];

/** The one form of a case, when it is written and when it is edited. */
export interface CaseFormValues {
  collection_id: string;
  organization?: OrgOption;
  title: string;
  line: CaseLine;
  brand_id?: string | null;
  project_ids?: string[];
  county_codes?: string[];
  background?: string;
  approach?: string;
  results?: string;
  lessons?: string;
  consent_to_publish?: boolean;
}

/** The fields a case keeps after it is created (its collection and organization are fixed). */
/** The editable fields as both a new case and an edit send them. */
export type CaseFields = Omit<NewCase, 'collection_id' | 'organization_id'> & CasePatch;

export function toCasePatch(v: CaseFormValues): CaseFields {
  return {
    title: v.title.trim(),
    line: v.line,
    brand_id: v.brand_id || null,
    project_ids: v.project_ids ?? [],
    county_codes: v.county_codes ?? [],
    background: v.background?.trim() ?? '',
    approach: v.approach?.trim() ?? '',
    results: v.results?.trim() ?? '',
    lessons: v.lessons?.trim() ?? '',
    consent_to_publish: !!v.consent_to_publish,
  };
}

export function toNewCase(v: CaseFormValues): NewCase {
  return { ...toCasePatch(v), collection_id: v.collection_id, organization_id: v.organization?.value ?? '' };
}

/** The form filled from a case, to edit it. */
export function formValuesOf(c: Case): CaseFormValues {
  return {
    collection_id: c.collection_id,
    organization: { value: c.organization_id, label: c.organization_name },
    title: c.title,
    line: c.line,
    brand_id: c.brand_id ?? undefined,
    project_ids: c.project_ids,
    county_codes: c.county_codes,
    background: c.background,
    approach: c.approach,
    results: c.results,
    lessons: c.lessons,
    consent_to_publish: c.consent_to_publish,
  };
}

/**
 * Only what the user changed since the form opened: after a conflict and a reload, a field the
 * user did not touch must not put back the value someone else has just changed. Lists compare
 * as sets (a picker may reorder them).
 */
export function changedOnly<T extends object>(patch: T, opened: T): Partial<T> {
  const same = (a: unknown, b: unknown) =>
    Array.isArray(a) && Array.isArray(b) ? JSON.stringify([...a].sort()) === JSON.stringify([...b].sort()) : JSON.stringify(a) === JSON.stringify(b);
  const keys = Object.keys(patch) as (keyof T)[];
  return Object.fromEntries(keys.filter((k) => !same(patch[k], opened[k])).map((k) => [k, patch[k]])) as Partial<T>;
}

/** The form field a server field error belongs on (organization_id → the organization picker). */
export function formFieldOf(serverField: string): keyof CaseFormValues | null {
  const name = serverField.replace(/\[\d+\]$/, '');
  if (name === 'organization_id') return 'organization';
  const known: (keyof CaseFormValues)[] = [
    'collection_id',
    'title',
    'line',
    'brand_id',
    'project_ids',
    'county_codes',
    'background',
    'approach',
    'results',
    'lessons',
    'consent_to_publish',
  ];
  return known.find((k) => k === name) ?? null;
}
