import {
  SUBJECT_FILTERS_BY_TYPE,
  type Assignment,
  type AssignmentStatus,
  type FrameworkStatus,
  type NewRound,
  type RoundProgress,
  type RoundStatus,
  type SubjectFilter,
  type SubjectType,
} from '../../api/types';

// Rounds' pure logic: the moves' labels and reasons, the wizard's body, progress, and the
// assignments grouped by subject.

/** Only reopening a closed round (closed → scoring) needs a reason: it throws the ranking away. */
export function roundReasonRequired(from: RoundStatus, to: RoundStatus): boolean {
  return from === 'closed' && to === 'scoring';
}

/** The button of a move: 开始评分, 结束评分, 重新开放（需理由）, 发布. */
export function roundTransitionKey(from: RoundStatus, to: RoundStatus): string {
  if (from === 'draft' && to === 'scoring') return 'evaluation.round.move.open';
  if (from === 'closed' && to === 'scoring') return 'evaluation.round.move.reopen';
  return `evaluation.round.move.${to}`;
}

/** Retiring an active framework needs a reason; activating a draft does not. */
export function frameworkReasonRequired(to: FrameworkStatus): boolean {
  return to === 'retired';
}

/** The subject filters a round of this subject type offers, the type's own first. */
export function filtersFor(type: SubjectType | undefined): readonly SubjectFilter[] {
  return type ? SUBJECT_FILTERS_BY_TYPE[type] : [];
}

/** The wizard's answers, as the form holds them across its steps. */
export interface RoundFormValues {
  framework_id?: string;
  name?: string;
  year?: number;
  period?: [string, string];
  subject_filter?: SubjectFilter;
  /** `listed`: organization or brand ids, or province codes, each with the name it was picked by. */
  subjects?: { value: string; label: string }[];
  min_evaluators?: number;
  public_top?: number;
}

/** The round to create; the listed subjects only with `listed`. */
export function toNewRound(v: RoundFormValues): NewRound {
  const listed = v.subject_filter === 'listed';
  return {
    framework_id: v.framework_id ?? '',
    name: (v.name ?? '').trim(),
    year: v.year ?? new Date().getFullYear(),
    period_start: v.period?.[0] ?? '',
    period_end: v.period?.[1] ?? '',
    subject_filter: v.subject_filter ?? 'all',
    ...(listed ? { subject_ids: (v.subjects ?? []).map((s) => s.value) } : {}),
    min_evaluators: v.min_evaluators ?? 2,
    public_top: v.public_top ?? 10,
  };
}

/** The wizard's step that holds a server field (so a 422 takes the user back to it). */
export function wizardStepOf(field: string): number {
  if (field === 'framework_id') return 0;
  if (['name', 'year', 'period_start', 'period_end'].includes(field)) return 1;
  if (field === 'subject_filter' || field.startsWith('subject_ids')) return 2;
  return 3;
}

/** The form field a server field error belongs on. */
export function roundFormFieldOf(field: string): keyof RoundFormValues {
  if (field === 'period_start' || field === 'period_end') return 'period';
  if (field.startsWith('subject_ids')) return 'subjects';
  return field as keyof RoundFormValues;
}

/** Submitted of the assignments that count, as a whole percentage. */
export function scoringPercent(p: Pick<RoundProgress, 'assignments' | 'submitted'>): number {
  if (p.assignments <= 0) return 0;
  return Math.min(100, Math.round((p.submitted / p.assignments) * 100));
}

export interface ScoringCounts {
  /** Assignments still to be scored or scored: the sheets the round waits for. */
  assignments: number;
  submitted: number;
  recused: number;
  withdrawn: number;
}

/** How far scoring has come, as the server counts it (active, submitted, recused, withdrawn). */
export function scoringCounts(progress: RoundProgress): ScoringCounts {
  return { assignments: progress.assignments, submitted: progress.submitted, recused: progress.recused, withdrawn: progress.withdrawn };
}

/** An assignment still counts toward its subject's experts while assigned or submitted. */
export function isActiveAssignment(status: AssignmentStatus): boolean {
  return status === 'assigned' || status === 'submitted';
}

export interface SubjectAssignments {
  subject_id: string;
  subject_name: string;
  assignments: Assignment[];
  /** Experts assigned or submitted (not recused or withdrawn). */
  active: number;
  submitted: number;
}

/** The assignments grouped by subject, in the order the server lists them (by subject). */
export function groupBySubject(items: readonly Assignment[]): SubjectAssignments[] {
  const groups = new Map<string, SubjectAssignments>();
  for (const a of items) {
    let g = groups.get(a.subject_id);
    if (!g) {
      g = { subject_id: a.subject_id, subject_name: a.subject_name, assignments: [], active: 0, submitted: 0 };
      groups.set(a.subject_id, g);
    }
    g.assignments.push(a);
    if (isActiveAssignment(a.status)) g.active++;
    if (a.status === 'submitted') g.submitted++;
  }
  return [...groups.values()];
}

/** Whether the round's results can be read: once it is closed (the ranking is computed at close). */
export function hasResults(status: RoundStatus): boolean {
  return status === 'closed' || status === 'published';
}
