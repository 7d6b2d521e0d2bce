import type { Project, ProjectEvent, ProjectStatus, ProjectUpdate } from '../../api/types';

type LandingView = Pick<Project, 'status' | 'landing'>;

/**
 * Landing is two-sided: an organization declares it (the status stays `signed`), then the county
 * confirms it (the status becomes `landed`).
 */
export type LandingState = 'not_declared' | 'declared' | 'confirmed';

export function landingState(p: LandingView): LandingState {
  if (p.landing.confirmed_at) return 'confirmed';
  if (p.landing.declared_at) return 'declared';
  return 'not_declared';
}

/** The i18n key of the sentence the landing block shows, or null when landing is not the question yet. */
export function landingMessageKey(p: LandingView): string | null {
  const state = landingState(p);
  if (state === 'confirmed') return 'project.landingConfirmed';
  if (state === 'declared') return 'project.landingDeclared';
  if (p.status === 'signed') return 'project.landingNotDeclared';
  return null;
}

/** Pressing `landed` on a signed project whose landing was declared confirms it (the county's step). */
export function isLandingConfirmation(p: LandingView, to: ProjectStatus): boolean {
  return to === 'landed' && p.status === 'signed' && !!p.landing.declared_at;
}

/** Suspending and cancelling need a note; the other moves take an optional one. */
export function noteRequired(to: ProjectStatus): boolean {
  return to === 'suspended' || to === 'cancelled';
}

/** The button label of a move for this project: 落地 / 确认落地 / 恢复为“已签约” … */
export function transitionLabel(p: LandingView, to: ProjectStatus): { key: string; status?: ProjectStatus } {
  if (p.status === 'suspended' && to !== 'cancelled') return { key: 'projectTransition.resume', status: to };
  if (to === 'landed') return { key: isLandingConfirmation(p, to) ? 'projectTransition.confirmLanding' : 'projectTransition.landed' };
  return { key: `projectTransition.${to}` };
}

/** Rows and cards of stale projects (no update for 90 days) carry this class: an orange highlight. */
export function staleClassName(p: Pick<Project, 'stale'>): string {
  return p.stale ? 'project-stale' : '';
}

/** Whole percent of `part` over `whole` (decimal strings or counts), capped at 100; 0 without a plan. */
export function percentOf(part: string | number, whole: string | number): number {
  const a = Number(part);
  const b = Number(whole);
  if (!Number.isFinite(a) || !Number.isFinite(b) || b <= 0) return 0;
  return Math.min(100, Math.max(0, Math.round((a / b) * 100)));
}

export type TimelineEntry =
  | { kind: 'status'; at: string; event: ProjectEvent; step: 'created' | 'moved' | 'declared' | 'confirmed' }
  | { kind: 'update'; at: string; update: ProjectUpdate };

/**
 * History and progress updates on one timeline, oldest first. A `signed → landed` step while the
 * landing is pending is its declaration; the next one is the county's confirmation.
 */
export function mergeTimeline(history: readonly ProjectEvent[], updates: readonly ProjectUpdate[]): TimelineEntry[] {
  let pendingDeclaration = false;
  const steps: TimelineEntry[] = history.map((event) => {
    if (!event.from_status) return { kind: 'status', at: event.at, event, step: 'created' };
    if (event.from_status === 'signed' && event.to_status === 'landed') {
      const step = pendingDeclaration ? 'confirmed' : 'declared';
      pendingDeclaration = !pendingDeclaration;
      return { kind: 'status', at: event.at, event, step };
    }
    return { kind: 'status', at: event.at, event, step: 'moved' };
  });
  const reports: TimelineEntry[] = updates.map((update) => ({ kind: 'update', at: update.created_at, update }));
  // a stable sort: a status move and the update that made it keep history-first order
  return [...steps, ...reports].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}
