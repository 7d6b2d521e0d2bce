import { SELECTION_KINDS, SELECTION_STATUSES } from '../../api/types';
import type { Nomination, NominationStatus, SelectionKind, SelectionListQuery, SelectionStatus, SubjectType } from '../../api/types';

// 选树: the rules the selection board shows, as the server applies them (backend domain/evaluation.rs).

/** What a selection's nominees are: organizations, or brands. */
export function subjectTypeOf(kind: SelectionKind): SubjectType {
  return kind === 'outstanding_organization' ? 'organization' : 'brand';
}

/** A nominee's own page: the organization's, or the brand's (with its dossier). */
export function nomineePath(kind: SelectionKind, subjectId: string): string {
  return kind === 'outstanding_organization' ? `/organizations/${subjectId}` : `/brands/${subjectId}`;
}

/** Deciding (入选/不入选) and taking a decision back need a reason; withdrawing does not. */
export function nominationReasonRequired(to: NominationStatus): boolean {
  return to !== 'withdrawn';
}

/** Reopening nominations (reviewing → nominating) needs a reason; closing them and publishing do not. */
export function selectionReasonRequired(from: SelectionStatus, to: SelectionStatus): boolean {
  return from === 'reviewing' && to === 'nominating';
}

/** The label of a nomination's move: 入选, 不入选, 撤销决定 (back to nominated), 撤回推荐. */
export function nominationMoveKey(to: NominationStatus): string {
  return `selections.decide.${to}`;
}

/** The board's filters of the nominations: all but the withdrawn, the undecided, or one decision. */
export type NominationFilter = 'all' | 'undecided' | 'selected' | 'not_selected' | 'withdrawn';

export function filterNominations(items: readonly Nomination[], filter: NominationFilter): Nomination[] {
  switch (filter) {
    case 'all':
      return items.filter((n) => n.status !== 'withdrawn');
    case 'undecided':
      return items.filter((n) => n.status === 'nominated');
    default:
      return items.filter((n) => n.status === filter);
  }
}

/** How many of each the filter tabs count. */
export function nominationCounts(items: readonly Pick<Nomination, 'status'>[]): Record<NominationFilter, number> {
  const count = (s: NominationStatus) => items.filter((n) => n.status === s).length;
  return {
    all: items.filter((n) => n.status !== 'withdrawn').length,
    undecided: count('nominated'),
    selected: count('selected'),
    not_selected: count('not_selected'),
    withdrawn: count('withdrawn'),
  };
}

/** The selected nominees, by their place in the evaluation round (unranked last), then by name. */
export function selectedOf(items: readonly Nomination[]): Nomination[] {
  return items
    .filter((n) => n.status === 'selected')
    .sort((a, b) => (a.result?.rank ?? Infinity) - (b.result?.rank ?? Infinity) || a.subject_name.localeCompare(b.subject_name, 'zh-CN'));
}

/** The list's filters in the URL (?year=2025&kind=well_known_brand&status=published). */
export type SelectionFilters = Pick<SelectionListQuery, 'year' | 'kind' | 'status'>;

export function selectionFiltersFromSearch(p: URLSearchParams): SelectionFilters {
  const year = Number(p.get('year'));
  const f: SelectionFilters = {
    year: Number.isInteger(year) && year >= 2021 && year <= 2100 ? year : undefined,
    kind: SELECTION_KINDS.find((k) => k === p.get('kind')),
    status: SELECTION_STATUSES.find((s) => s === p.get('status')),
  };
  return Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined)) as SelectionFilters;
}

export function selectionFiltersToSearch(f: SelectionFilters): URLSearchParams {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v !== undefined && v !== null) p.set(k, String(v));
  return p;
}
