import {
  ASSISTANCE_TYPES,
  BRAND_LINES,
  BRAND_STATUSES,
  CHANNELS,
  LEGAL_FORMS,
  NEED_STATUSES,
  ORG_CATEGORIES,
  ORG_STATUSES,
  PAIRING_STATUSES,
  PRIORITIES,
  PROJECT_STATUSES,
  REGISTRATION_LEVELS,
  type Fact,
} from '../../api/types';

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
  | 'line';

/** The grouping keys of each fact, in the order the pickers list them. */
export const FACT_KEYS: Record<Fact, readonly GroupKey[]> = {
  projects: ['province', 'county', 'key_county', 'status', 'assistance_type', 'year', 'government_purchase'],
  pairings: ['province', 'county', 'key_county', 'status', 'channel', 'registration_level', 'year'],
  cultivation: ['province', 'county', 'key_county', 'year'],
  organizations: ['province', 'legal_form', 'category', 'registration_level', 'status', 'year'],
  needs: ['province', 'county', 'key_county', 'status', 'assistance_type', 'priority', 'year'],
  brands: ['province', 'line', 'status', 'year'],
};

export const MAX_GROUP_BY = 3;

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
export type EnumKey = 'status' | 'assistance_type' | 'channel' | 'priority' | 'legal_form' | 'category' | 'registration_level' | 'line';
export const ENUM_KEYS: readonly EnumKey[] = ['status', 'assistance_type', 'channel', 'priority', 'legal_form', 'category', 'registration_level', 'line'];

const STATUSES: Record<Fact, readonly string[]> = {
  projects: PROJECT_STATUSES,
  pairings: PAIRING_STATUSES,
  cultivation: [],
  organizations: ORG_STATUSES,
  needs: NEED_STATUSES,
  brands: BRAND_STATUSES,
};

const VALUES: Record<Exclude<EnumKey, 'status'>, readonly string[]> = {
  assistance_type: ASSISTANCE_TYPES,
  channel: CHANNELS,
  priority: PRIORITIES,
  legal_form: LEGAL_FORMS,
  category: ORG_CATEGORIES,
  registration_level: REGISTRATION_LEVELS,
  line: BRAND_LINES,
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
};

const LABELS: Record<Exclude<EnumKey, 'status'>, string> = {
  assistance_type: 'assistanceType',
  channel: 'channel',
  priority: 'priority',
  legal_form: 'legalForm',
  category: 'category',
  registration_level: 'level',
  line: 'brandLine',
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
