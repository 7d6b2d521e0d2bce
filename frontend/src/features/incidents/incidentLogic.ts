import type { Incident, IncidentStatus, Role } from '../../api/types';

/**
 * Reopening a resolved incident and closing a report as unfounded need a reason (the server
 * answers 422 otherwise); the other moves take an optional one.
 */
export function reasonRequired(from: IncidentStatus, to: IncidentStatus): boolean {
  return (from === 'resolved' && to === 'handling') || (from === 'reported' && to === 'closed');
}

/** The i18n key of a move's button: 受理处置, 处置完毕, 结案, and 重新处置 / 不实结案 for the two with a reason. */
export function transitionKey(from: IncidentStatus, to: IncidentStatus): string {
  if (from === 'resolved' && to === 'handling') return 'incidents.transition.reopen';
  if (from === 'reported' && to === 'closed') return 'incidents.transition.dismiss';
  return `incidents.transition.${to}`;
}

/** The allowed moves in button order: forward along the lifecycle first, those needing a reason last. */
export function orderedMoves(from: IncidentStatus, allowed: readonly IncidentStatus[]): IncidentStatus[] {
  const forward: readonly IncidentStatus[] = ['handling', 'resolved', 'closed'];
  const moves = forward.filter((to) => allowed.includes(to));
  return [...moves.filter((to) => !reasonRequired(from, to)), ...moves.filter((to) => reasonRequired(from, to))];
}

/** Reported or being handled: someone still has to act. */
export function isOpen(status: IncidentStatus): boolean {
  return status === 'reported' || status === 'handling';
}

/**
 * Who may correct what the report says (the server's rule; the incident carries no flag for it):
 * those handling it while it is open, and the reporting organization's members before it is taken
 * up (an organization's members only see what their organization reported).
 */
export function mayEdit(role: Role, i: Pick<Incident, 'status' | 'may_act'>): boolean {
  return (i.may_act && isOpen(i.status)) || (role === 'org_member' && i.status === 'reported');
}

/** A Timeline colour for the status moved to. */
export function timelineColor(status: string): string {
  switch (status) {
    case 'reported':
      return 'orange';
    case 'handling':
      return 'blue';
    case 'resolved':
      return 'green';
    default:
      return 'gray';
  }
}
