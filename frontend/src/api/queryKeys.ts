import type {
  AuditEventQuery,
  BrandListQuery,
  CountyListQuery,
  NeedListQuery,
  OrganizationListQuery,
  PairingListQuery,
  ProjectListQuery,
  UserListQuery,
} from './types';
import type { CaseListQuery, Fact, ProjectRollupQuery, ProjectSeriesQuery, StatisticsTableQuery } from './types';
import type { AssignmentListQuery, FrameworkListQuery, ResultListQuery, RoundListQuery } from './types';

// Every query key of the SPA, one factory per feature. Features read other features' endpoints
// (a county's pairings, a form's organization picker) and invalidate what their writes change
// (a suspension ends pairings, a project moves a campaign's funnel), so the keys live here and not
// in the features: two reads of one resource share a cache entry, and invalidating a prefix such
// as `pairingKeys.all` reaches every read of it, whichever feature made it.

export const organizationKeys = {
  all: ['organizations'] as const,
  list: (q: OrganizationListQuery) => ['organizations', 'list', q] as const,
  detail: (id: string) => ['organizations', 'detail', id] as const,
  offers: (id: string) => ['organizations', 'offers', id] as const,
  /** The pickers' name search (active organizations only). */
  picker: (q: string) => ['organizations', 'picker', q] as const,
};

export const pairingKeys = {
  all: ['pairings'] as const,
  list: (q: PairingListQuery) => ['pairings', 'list', q] as const,
  detail: (id: string) => ['pairings', 'detail', id] as const,
  cultivation: (id: string) => ['pairings', 'cultivation', id] as const,
  byCounty: (code: string) => ['pairings', 'by-county', code] as const,
  byOrganization: (id: string) => ['pairings', 'by-organization', id] as const,
};

export const projectKeys = {
  all: ['projects'] as const,
  list: (q: ProjectListQuery) => ['projects', 'list', q] as const,
  detail: (id: string) => ['projects', 'detail', id] as const,
  updates: (id: string) => ['projects', 'updates', id] as const,
};

export const brandKeys = {
  all: ['brands'] as const,
  list: (q: BrandListQuery) => ['brands', 'list', q] as const,
  detail: (id: string) => ['brands', 'detail', id] as const,
  /** A page of the projects carrying a brand (their figures are the brand's dossier). */
  projects: (id: string, cursor: string | null = null) => ['brands', 'projects', id, cursor] as const,
};

/** Any entity's evidence, by the entity's URL (`/api/v1/brands/ID`): the list and each file's content. */
export const attachmentKeys = {
  all: ['attachments'] as const,
  list: (basePath: string) => ['attachments', basePath, 'list'] as const,
  content: (basePath: string, id: string) => ['attachments', basePath, 'content', id] as const,
};

/** The public showcase: published data only, the same for every visitor. */
export const showcaseKeys = {
  all: ['showcase'] as const,
};

export const needKeys = {
  all: ['needs'] as const,
  list: (q: NeedListQuery) => ['needs', 'list', q] as const,
  detail: (id: string) => ['needs', 'detail', id] as const,
  matches: (id: string) => ['needs', 'matches', id] as const,
  /** The pairings a need's invitations made: under the need, as it is read for the need's page. */
  invitations: (id: string) => ['needs', 'invitations', id] as const,
  forOrganization: (id: string) => ['needs', 'for-organization', id] as const,
};

export const campaignKeys = {
  all: ['campaigns'] as const,
  list: ['campaigns', 'list'] as const,
  detail: (id: string) => ['campaigns', 'detail', id] as const,
  events: (id: string) => ['campaigns', 'events', id] as const,
  funnel: (id: string) => ['campaigns', 'funnel', id] as const,
};

export const coverageKeys = {
  all: ['coverage'] as const,
  view: (year: number | undefined, province: string | undefined) => ['coverage', year ?? null, province ?? null] as const,
};

export const geoKeys = {
  provinces: ['provinces'] as const,
  pairs: ['east-west-pairs'] as const,
  counties: ['counties'] as const,
  countyList: (q: CountyListQuery) => ['counties', 'list', q] as const,
  county: (code: string) => ['counties', 'detail', code] as const,
  countyName: (code: string) => ['counties', 'name', code] as const,
  /** The county pickers' search, optionally within one province. */
  countyPicker: (province: string | undefined, q: string) => ['counties', 'picker', province ?? '', q] as const,
  keyCounties: ['key-counties'] as const,
  keyCountySummary: ['key-counties', 'summary'] as const,
};

export const userKeys = {
  all: ['users'] as const,
  list: (q: UserListQuery) => ['users', 'list', q] as const,
  detail: (id: string) => ['users', 'detail', id] as const,
};

export const tokenKeys = {
  all: ['api-tokens'] as const,
  list: ['api-tokens', 'list'] as const,
};

export const webhookKeys = {
  all: ['webhooks'] as const,
  list: ['webhooks', 'list'] as const,
  deliveries: (id: string, status: string | undefined, cursor: string | undefined) =>
    ['webhooks', 'deliveries', id, status ?? '', cursor ?? ''] as const,
};

export const auditKeys = {
  list: (q: AuditEventQuery) => ['audit-events', 'list', q] as const,
  vocabulary: ['audit-events', 'vocabulary'] as const,
  actors: (q: string) => ['audit-events', 'actors', q] as const,
};

export const jobKeys = {
  detail: (id: string) => ['jobs', id] as const,
};

// ---- case collections (案例征集) and cases (典型案例) ---------------------------------------------
export const collectionKeys = {
  all: ['case-collections'] as const,
  list: ['case-collections', 'list'] as const,
  detail: (id: string) => ['case-collections', 'detail', id] as const,
};

export const caseKeys = {
  all: ['cases'] as const,
  list: (q: CaseListQuery) => ['cases', 'list', q] as const,
  detail: (id: string) => ['cases', 'detail', id] as const,
  /** An organization's brands for a case's brand select: under the brands family, so brand writes reach it. */
  brandOptions: (organizationId: string) => ['brands', 'case-options', organizationId] as const,
  /** A brand's name on a case's page, under the brands family too. */
  brandName: (id: string) => ['brands', 'name', id] as const,
};

// ---- statistics (统计分析) ---------------------------------------------------------------------

/** The statistics explorer's reads (any fact's table, the projects series), under one prefix. */
export const statisticsKeys = {
  all: ['statistics'] as const,
  table: (fact: Fact, q: StatisticsTableQuery) => ['statistics', 'table', fact, q] as const,
  projectSeries: (q: ProjectSeriesQuery) => ['statistics', 'project-series', q] as const,
};

// ---- home (the dashboard's statistics reads; its list counts use the lists' own factories) ----
export const homeKeys = {
  all: ['home'] as const,
  rollup: (q: ProjectRollupQuery) => ['home', 'rollup', q] as const,
  series: (q: ProjectSeriesQuery) => ['home', 'series', q] as const,
};

// ---- expert scoring (评审) and yearly selections (选树) ------------------------------------------
// (imported here, with the section, so the shared head of the file stays untouched)
import type { EvaluationRoundListQuery, SelectionListQuery } from './types';

/**
 * An expert's reads: their worklist and scoring sheets (under `assignments`), their ties, and the
 * rounds and results they show (under `evaluation-rounds`, so a round's move reaches them).
 */
export const scoringKeys = {
  assignments: ['assignments'] as const,
  mine: ['assignments', 'mine'] as const,
  sheet: (id: string) => ['assignments', 'sheet', id] as const,
  ties: ['me', 'ties'] as const,
  metrics: ['indicator-metrics'] as const,
  rounds: ['evaluation-rounds'] as const,
  round: (id: string) => ['evaluation-rounds', 'detail', id] as const,
  roundList: (q: EvaluationRoundListQuery) => ['evaluation-rounds', 'list', q] as const,
  /** One subject's result in a round (an organization's or brand's page). */
  result: (roundId: string, subjectId: string) => ['evaluation-rounds', 'result', roundId, subjectId] as const,
  /** A round's ranking asked for one subject's row: whether it is in the round, without a 404. */
  resultSearch: (roundId: string, subjectId: string) => ['evaluation-rounds', 'result-search', roundId, subjectId] as const,
};

export const selectionKeys = {
  all: ['selections'] as const,
  list: (q: SelectionListQuery) => ['selections', 'list', q] as const,
  detail: (id: string) => ['selections', 'detail', id] as const,
  nominations: (id: string) => ['selections', 'nominations', id] as const,
  /** The published selections an organization or brand was selected in (its 荣誉). */
  honors: (subjectId: string) => ['selections', 'honors', subjectId] as const,
};

// ---- evaluation (评估评价) ---------------------------------------------------------------------

/** Indicator frameworks and the metric catalogue their computed indicators read. */
export const frameworkKeys = {
  all: ['indicator-frameworks'] as const,
  list: (q: FrameworkListQuery) => ['indicator-frameworks', 'list', q] as const,
  detail: (id: string) => ['indicator-frameworks', 'detail', id] as const,
  metrics: ['indicator-metrics'] as const,
};

/**
 * Evaluation rounds with everything read under one round (assignments, ranking, a subject's
 * result), so a round's move invalidates them all through `detailAll(id)` or `all`.
 */
export const roundKeys = {
  all: ['evaluation-rounds'] as const,
  list: (q: RoundListQuery) => ['evaluation-rounds', 'list', q] as const,
  detailAll: (id: string) => ['evaluation-rounds', 'round', id] as const,
  detail: (id: string) => ['evaluation-rounds', 'round', id, 'detail'] as const,
  assignments: (id: string, q: AssignmentListQuery = {}) => ['evaluation-rounds', 'round', id, 'assignments', q] as const,
  results: (id: string, q: ResultListQuery) => ['evaluation-rounds', 'round', id, 'results', q] as const,
  result: (id: string, subjectId: string) => ['evaluation-rounds', 'round', id, 'result', subjectId] as const,
  subjects: (id: string, q: { q?: string; limit?: number }) => ['evaluation-rounds', 'round', id, 'subjects', q] as const,
  /** The experts (users with the evaluator role) an admin may assign. */
  evaluators: (q: string) => ['users', 'evaluators', q] as const,
};

// ---- trainings (组织培训) ------------------------------------------------------------------------
import type { TrainingListQuery } from './types';

/**
 * Trainings and their participants under one prefix: adding or importing participants changes
 * a training's counts in the lists and an organization's 参加的培训, so `all` reaches them.
 */
export const trainingKeys = {
  all: ['trainings'] as const,
  list: (q: TrainingListQuery) => ['trainings', 'list', q] as const,
  detail: (id: string) => ['trainings', 'detail', id] as const,
  participants: (id: string) => ['trainings', 'participants', id] as const,
};

// ---- notifications (what waits for the caller) ---------------------------------------------------
import type { NoticeListQuery } from './types';

/**
 * The caller's notifications: the bell's latest few and the page's lists, under one prefix that
 * any write invalidates (app/Providers), since the server settles a notice when its ask is done.
 */
export const notificationKeys = {
  all: ['notifications'] as const,
  list: (q: NoticeListQuery) => ['notifications', 'list', q] as const,
};

// ---- incidents (事件处置) and the risk view (风险研判) ----------------------------------------------
import type { IncidentListQuery, RiskQuery } from './types';

/**
 * Incidents, their handling logs and the risk view, under one prefix: a report, a move or a step
 * changes what the risk view counts, so invalidating `all` reaches it too.
 */
export const incidentKeys = {
  all: ['incidents'] as const,
  list: (q: IncidentListQuery) => ['incidents', 'list', q] as const,
  detail: (id: string) => ['incidents', 'detail', id] as const,
  actions: (id: string) => ['incidents', 'actions', id] as const,
  risks: (q: RiskQuery) => ['incidents', 'risks', q] as const,
};

// ---- year-end reports (每年底报送) ----------------------------------------------------------------
import type { YearEndReportListQuery } from './types';

/**
 * Provinces' year-end reports, their versions and the national board under one prefix: a signature,
 * an edit or a move changes the board's state of the province, so invalidating `all` reaches it.
 */
export const yearEndReportKeys = {
  all: ['year-end-reports'] as const,
  list: (q: YearEndReportListQuery) => ['year-end-reports', 'list', q] as const,
  detail: (id: string) => ['year-end-reports', 'detail', id] as const,
  versions: (id: string) => ['year-end-reports', 'versions', id] as const,
  board: (year: number) => ['year-end-reports', 'board', year] as const,
};
