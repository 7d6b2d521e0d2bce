import dayjs, { type Dayjs } from 'dayjs';
import type { AssistanceType, Department, NewTraining, OrganizerLevel, Training, TrainingMode, TrainingPatch } from '../../api/types';
import { defaultLevel, type Organizer } from './trainingLogic';

/** At most this many topics, each 1–50 characters (the server's bounds). */
export const MAX_TOPICS = 10;
export const MAX_TOPIC_CHARS = 50;
export const TITLE_MAX = 200;
export const PLACE_MAX = 200;
export const DESCRIPTION_MAX = 5000;

/** The one form of a training, when it is planned and when it is edited. */
export interface TrainingFormValues {
  title: string;
  organizer_level: OrganizerLevel;
  organizer_department?: Department;
  province_code?: string;
  county_code?: string;
  /** The first and last day, as the RangePicker holds them. */
  dates?: [Dayjs, Dayjs];
  mode: TrainingMode;
  place?: string;
  assistance_types?: AssistanceType[];
  topics?: string[];
  description?: string;
}

const DAY = 'YYYY-MM-DD';

/** The fields an edit may change (who organizes stays). */
export function toTrainingPatch(v: TrainingFormValues): TrainingPatch {
  return {
    title: v.title.trim(),
    starts_on: v.dates?.[0].format(DAY),
    ends_on: v.dates?.[1].format(DAY),
    mode: v.mode,
    place: v.place?.trim() ?? '',
    assistance_types: v.assistance_types ?? [],
    topics: (v.topics ?? []).map((t) => t.trim()),
    description: v.description?.trim() ?? '',
  };
}

/** A new training: its fields, and its organizer's level, department and place (only the place its level names). */
export function toNewTraining(v: TrainingFormValues): NewTraining {
  const p = toTrainingPatch(v);
  return {
    title: v.title.trim(),
    mode: v.mode,
    starts_on: p.starts_on ?? '',
    ends_on: p.ends_on ?? '',
    place: p.place ?? '',
    assistance_types: p.assistance_types ?? [],
    topics: p.topics ?? [],
    description: p.description ?? '',
    organizer_level: v.organizer_level,
    ...(v.organizer_department ? { organizer_department: v.organizer_department } : {}),
    ...(v.organizer_level === 'provincial' && v.province_code ? { province_code: v.province_code } : {}),
    ...(v.organizer_level === 'county' && v.county_code ? { county_code: v.county_code } : {}),
  };
}

/** A new training's form: the user's own level, department, province and county. */
export function initialValuesFor(user: Organizer & { department?: Department | null }): Partial<TrainingFormValues> {
  return {
    organizer_level: defaultLevel(user),
    organizer_department: user.department ?? 'rural_revitalization',
    province_code: user.province_code ?? undefined,
    county_code: user.county_code ?? undefined,
    mode: 'onsite',
    assistance_types: [],
    topics: [],
  };
}

/** The form filled from a training, to edit it. */
export function formValuesOf(t: Training): TrainingFormValues {
  return {
    title: t.title,
    organizer_level: t.organizer_level,
    organizer_department: t.organizer_department,
    province_code: t.province_code ?? undefined,
    county_code: t.county_code ?? undefined,
    dates: [dayjs(t.starts_on), dayjs(t.ends_on)],
    mode: t.mode,
    place: t.place,
    assistance_types: t.assistance_types,
    topics: t.topics,
    description: t.description,
  };
}

/** What is wrong with the topics, or null: at most 10, each 1–50 characters once trimmed. */
export function topicsProblem(topics: readonly string[] | undefined): 'invalid' | null {
  const list = topics ?? [];
  if (list.length > MAX_TOPICS) return 'invalid';
  return list.some((t) => t.trim().length === 0 || [...t.trim()].length > MAX_TOPIC_CHARS) ? 'invalid' : null;
}

const FORM_FIELDS: (keyof TrainingFormValues)[] = [
  'title',
  'organizer_level',
  'organizer_department',
  'province_code',
  'county_code',
  'mode',
  'place',
  'assistance_types',
  'topics',
  'description',
];

/** The form field a server field error belongs on: both dates on the range, a topic on the topics. */
export function formFieldOf(serverField: string): keyof TrainingFormValues | null {
  const name = serverField.replace(/\[\d+\]$/, '');
  if (name === 'starts_on' || name === 'ends_on') return 'dates';
  return FORM_FIELDS.find((k) => k === name) ?? null;
}
