import type { Case, CaseCollection, CaseEvent, CaseStatus, CollectionStatus } from '../../api/types';

/** Returning a case needs a reason (the organization reads it); the other moves take none. */
export function caseReasonRequired(to: CaseStatus): boolean {
  return to === 'returned';
}

/** Reopening a closed collection needs a reason; closing and publishing do not. */
export function collectionReasonRequired(from: CollectionStatus, to: CollectionStatus): boolean {
  return from === 'closed' && to === 'open';
}

/** The i18n key of a case move's button: 提交, 重新提交 after a return, 入围, 评为典型, 退回. */
export function caseTransitionKey(from: CaseStatus, to: CaseStatus): string {
  if (from === 'returned' && to === 'submitted') return 'cases.transition.resubmitted';
  return `cases.transition.${to}`;
}

/**
 * The review moves this caller may make on a case, from what the server allows: 入围 for the
 * province (and the nation), 评为典型 for the nation, 退回 for both; never the organization's 提交.
 */
export function reviewActions(c: Pick<Case, 'allowed_transitions'>): CaseStatus[] {
  return orderedMoves(c.allowed_transitions).filter((to) => to !== 'submitted');
}

/** The review queue's two tabs: submitted cases wait to be shortlisted, shortlisted ones to be named typical. */
export const REVIEW_TABS = ['submitted', 'shortlisted'] as const satisfies readonly CaseStatus[];
export type ReviewTab = (typeof REVIEW_TABS)[number];

/** The reason of the last return, while the case is returned; null otherwise. */
export function returnReason(c: Pick<Case, 'status' | 'history'>): string | null {
  if (c.status !== 'returned') return null;
  const last = [...c.history].reverse().find((e) => e.to_status === 'returned');
  return last ? last.reason : null;
}

/** A case can go into an open collection only (the server answers 409 otherwise). */
export function openCollections(items: readonly CaseCollection[]): CaseCollection[] {
  return items.filter((c) => c.status === 'open');
}

/** The deadline (YYYY-MM-DD, its last day included) has passed on `today` (YYYY-MM-DD). */
export function isPastDeadline(deadline: string, today: string): boolean {
  return today > deadline;
}

/** Today in the reader's time zone, as YYYY-MM-DD. */
export function todayIso(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** History oldest first (the server sends it so; kept stable for equal times). */
export function historyOldestFirst(history: readonly CaseEvent[]): CaseEvent[] {
  return [...history].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

const MOVE_ORDER: readonly CaseStatus[] = ['submitted', 'shortlisted', 'typical', 'returned'];

/** The allowed moves in button order: forward first, 退回 last. */
export function orderedMoves(allowed: readonly CaseStatus[]): CaseStatus[] {
  return MOVE_ORDER.filter((to) => allowed.includes(to));
}
