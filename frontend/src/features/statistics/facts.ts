import {
  ASSISTANCE_TYPES,
  BRAND_LINES,
  BRAND_STATUSES,
  CHANNELS,
  INCIDENT_KINDS,
  INCIDENT_STATUSES,
  LEGAL_FORMS,
  NEED_STATUSES,
  ORG_CATEGORIES,
  ORG_STATUSES,
  ORGANIZER_LEVELS,
  PAIRING_STATUSES,
  PRIORITIES,
  PROJECT_STATUSES,
  REGISTRATION_LEVELS,
  SEVERITIES,
  TRAINING_MODES,
  TRAINING_STATUSES,
  FACTS,
  type Fact,
  type Role,
} from '../../api/types';
import { canReadIncidents } from '../../session/roles';

// What each fact of `GET /statistics/tables/{fact}` can be grouped and filtered by (the contract's
// operation description lists them), and how their values are named in the UI.

export type GroupKey =
  | 'province'
  | 'county'
  | 'key_county'
  | 'status'
  | 'assistance_type'
  | 'year'
  | 'government_purchase'
  | 'channel'
  | 'registration_level'
  | 'legal_form'
  | 'category'
  | 'priority'
  | 'line'
  | 'level'
  | 'mode'
  | 'kind'
  | 'severity';

/** The grouping keys of each fact, in the order the pickers list them. */
export const FACT_KEYS: Record<Fact, readonly GroupKey[]> = {
  projects: ['province', 'county', 'key_county', 'status', 'assistance_type', 'year', 'government_purchase'],
  pairings: ['province', 'county', 'key_county', 'status', 'channel', 'registration_level', 'year'],
  cultivation: ['province', 'county', 'key_county', 'year'],
  organizations: ['province', 'legal_form', 'category', 'registration_level', 'status', 'year'],
  needs: ['province', 'county', 'key_county', 'status', 'assistance_type', 'priority', 'year'],
  brands: ['province', 'line', 'status', 'year'],
  trainings: ['province', 'level', 'status', 'mode', 'year'],
  incidents: ['province', 'county', 'key_county', 'kind', 'severity', 'status', 'year'],
};

export const MAX_GROUP_BY = 3;

/** The facts a role is offered: incidents only to those who read them (never public, so the others' table is always empty). */
export function factsFor(role: Role): readonly Fact[] {
  return canReadIncidents(role) ? FACTS : FACTS.filter((f) => f !== 'incidents');
}

/** Every filter of the tables' query, in the order the URL and the filter bar hold them. */
export const FILTER_KEYS = [
  'year',
  'province',
  'county',
  'key_county',
  'status',
  'assistance_type',
  'channel',
  'priority',
  'legal_form',
  'category',
  'registration_level',
  'line',
  'level',
  'mode',
  'kind',
  'severity',
] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

/**
 * The filters a fact takes: its grouping keys, except government_purchase, which the server groups
 * by but does not filter by (it ignores `government_purchase=…`, so a filter would mislead).
 */
export function factFilters(fact: Fact): readonly FilterKey[] {
  const keys = FACT_KEYS[fact];
  return FILTER_KEYS.filter((k) => (keys as readonly string[]).includes(k));
}

/** The keys whose values are a closed list (a select of them filters the table). */
export type EnumKey =
  | 'status'
  | 'assistance_type'
  | 'channel'
  | 'priority'
  | 'legal_form'
  | 'category'
  | 'registration_level'
  | 'line'
  | 'level'
  | 'mode'
  | 'kind'
  | 'severity';
export const ENUM_KEYS: readonly EnumKey[] = [
  'status',
  'assistance_type',
  'channel',
  'priority',
  'legal_form',
  'category',
  'registration_level',
  'line',
  'level',
  'mode',
  'kind',
  'severity',
];

const STATUSES: Record<Fact, readonly string[]> = {
  projects: PROJECT_STATUSES,
  pairings: PAIRING_STATUSES,
  cultivation: [],
  organizations: ORG_STATUSES,
  needs: NEED_STATUSES,
  brands: BRAND_STATUSES,
  trainings: TRAINING_STATUSES,
  incidents: INCIDENT_STATUSES,
};

const VALUES: Record<Exclude<EnumKey, 'status'>, readonly string[]> = {
  assistance_type: ASSISTANCE_TYPES,
  channel: CHANNELS,
  priority: PRIORITIES,
  legal_form: LEGAL_FORMS,
  category: ORG_CATEGORIES,
  registration_level: REGISTRATION_LEVELS,
  line: BRAND_LINES,
  level: ORGANIZER_LEVELS,
  mode: TRAINING_MODES,
  kind: INCIDENT_KINDS,
  severity: SEVERITIES,
};

/** The values of an enum key for a fact (a status means a different lifecycle in each fact). */
export function enumValues(fact: Fact, key: EnumKey): readonly string[] {
  return key === 'status' ? STATUSES[fact] : VALUES[key];
}

const STATUS_LABELS: Record<Fact, string | null> = {
  projects: 'projectStatus',
  pairings: 'pairingStatus',
  cultivation: null,
  organizations: 'orgStatus',
  needs: 'needStatus',
  brands: 'brandStatus',
  trainings: 'trainings.statuses',
  incidents: 'incidents.status',
};

const LABELS: Record<Exclude<EnumKey, 'status'>, string> = {
  assistance_type: 'assistanceType',
  channel: 'channel',
  priority: 'priority',
  legal_form: 'legalForm',
  category: 'category',
  registration_level: 'level',
  line: 'brandLine',
  level: 'trainings.levels',
  mode: 'trainings.modes',
  kind: 'incidents.kind',
  severity: 'incidents.severity',
};

/**
 * The i18n key naming one value of an enum key (`projectStatus.landed`), reusing the app's labels;
 * null when the app has no name for it (a value the server added since).
 */
export function enumLabelKey(fact: Fact, key: EnumKey, value: string): string | null {
  const prefix = key === 'status' ? STATUS_LABELS[fact] : LABELS[key];
  return prefix && enumValues(fact, key).includes(value) ? `${prefix}.${value}` : null;
}

export function isEnumKey(key: string): key is EnumKey {
  return (ENUM_KEYS as readonly string[]).includes(key);
}
