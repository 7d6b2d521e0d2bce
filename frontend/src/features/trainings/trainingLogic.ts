import type { OrganizerLevel, Participant, PutParticipant, Role, TrainingStatus } from '../../api/types';

/** Who is asking, as the rules of organizing read them. */
export interface Organizer {
  role: Role;
  province_code?: string | null;
  county_code?: string | null;
}

/**
 * The levels a user may organize a training at, widest first: national admins all three, a
 * provincial officer their province's and its counties', a county officer their county's. The
 * server checks the place too (backend trainings/store.rs `organizes`).
 */
export function organizableLevels(user: Organizer): OrganizerLevel[] {
  switch (user.role) {
    case 'national_admin':
      return ['national', 'provincial', 'county'];
    case 'provincial_officer':
      return ['provincial', 'county'];
    case 'county_officer':
      return ['county'];
    default:
      return [];
  }
}

/** 计划培训 is offered to the roles that organize at some level. */
export function canOrganizeTrainings(role: Role): boolean {
  return organizableLevels({ role }).length > 0;
}

/** The level a new training starts at: the user's own. */
export function defaultLevel(user: Organizer): OrganizerLevel | undefined {
  const levels = organizableLevels(user);
  return levels[0];
}

/**
 * The place a level names and whether the user may choose it: a national training has none, a
 * provincial one its province (a provincial officer's own, fixed), a county one its county
 * (a county officer's own, fixed; a provincial officer's among their province's).
 */
export function placeFields(level: OrganizerLevel | undefined, user: Organizer) {
  return {
    province: level === 'provincial' ? { fixed: user.role === 'provincial_officer' } : null,
    county:
      level === 'county'
        ? { fixed: user.role === 'county_officer', withinProvince: user.role === 'provincial_officer' ? (user.province_code ?? undefined) : undefined }
        : null,
  };
}

/** 取消培训 says why; 确认已举办 may carry a note. */
export function reasonRequired(to: TrainingStatus): boolean {
  return to === 'cancelled';
}

/** The order of the buttons: the move forward first, cancelling last. */
export function orderedMoves(allowed: readonly TrainingStatus[]): TrainingStatus[] {
  const order: TrainingStatus[] = ['held', 'cancelled', 'planned'];
  return [...allowed].sort((a, b) => order.indexOf(a) - order.indexOf(b));
}

export type Attendance = 'pending' | 'attended' | 'absent';

/** 待确认 until the organizer confirms it after the training, then 已出席 or 未出席. */
export function attendanceOf(attended: boolean | null | undefined): Attendance {
  if (attended === true) return 'attended';
  if (attended === false) return 'absent';
  return 'pending';
}

/** People one organization may send to one training (the server's bound). */
export const MAX_HEAD_COUNT = 10_000;

export function isHeadCount(n: unknown): n is number {
  return typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= MAX_HEAD_COUNT;
}

/**
 * One participant's row as the server takes it: a put replaces the row, so a change of head
 * count carries the attendance already confirmed, and a change of attendance the head count.
 * Unconfirmed attendance is left out (the server refuses any before the training is held).
 */
export function participantBody(p: Pick<Participant, 'organization_id' | 'head_count' | 'attended'>, change: { head_count?: number; attended?: boolean | null }): PutParticipant {
  const attended = 'attended' in change ? change.attended : p.attended;
  return {
    organization_id: p.organization_id,
    head_count: change.head_count ?? p.head_count,
    ...(attended === true || attended === false ? { attended } : {}),
  };
}

/** Where attendance may be confirmed: by the organizer, once the training was held. */
export function participantRights(training: { may_manage: boolean; status: TrainingStatus }) {
  const live = training.may_manage && training.status !== 'cancelled';
  return { change: live, attendance: live && training.status === 'held' };
}
