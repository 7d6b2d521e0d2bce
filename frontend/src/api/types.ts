// Aliases of generated contract types: the only place that names schema entries,
// so a renamed schema is fixed here once. Never hand-write a type the contract has.
import type { components, operations, paths } from './schema';

/** The contract's paths, for the typed client. */
export type ApiPaths = paths;

type Schemas = components['schemas'];
type Operations = operations;

export type User = Schemas['User'];
export type Role = Schemas['Role'];
/** The service a coordinator belongs to: 乡村振兴部门 or 民政部门 (national admins, provincial and county officers). */
export type Department = Schemas['Department'];
export type Region = Schemas['Region'];
export type Province = Schemas['Province'];
export type County = Schemas['County'];
export type EastWestPair = Schemas['EastWestPair'];
export type KeyCountySummary = Schemas['KeyCountySummary'];
export type ImportReport = Schemas['KeyCountyImportReport'];
export type TokenResponse = Schemas['TokenResponse'];
export type Problem = Schemas['Problem'];
export type NewUser = Schemas['CreateUser'];
export type UserPatch = Schemas['PatchUser'];
export type CountyPatch = Schemas['PatchCounty'];
export type AuditEvent = Schemas['AuditEvent'];
export type AuditTerm = Schemas['Term'];
export type AuditVocabulary = Schemas['AuditVocabulary'];
export type ApiToken = Schemas['ApiToken'];
export type NewApiToken = Schemas['CreateApiToken'];
export type CreatedApiToken = Schemas['CreatedApiToken'];

// ---- webhooks (signed event deliveries to integrators) --------------------------------------------
export type Webhook = Schemas['Webhook'];
export type NewWebhook = Schemas['CreateWebhook'];
export type CreatedWebhook = Schemas['CreatedWebhook'];
export type WebhookPatch = Schemas['PatchWebhook'];
export type WebhookList = Schemas['WebhookList'];
export type WebhookEvent = Schemas['WebhookEvent'];
export type WebhookDelivery = Schemas['WebhookDelivery'];
export type WebhookDeliveryPolicy = Schemas['WebhookDeliveryPolicy'];
export type DeliveryStatus = Schemas['DeliveryStatus'];
/** An event a subscription may ask for (`ping` is sent on request only). */
export type SubscribableEvent = NewWebhook['events'][number];
export const WEBHOOK_EVENTS = [
  'pairing.activated',
  'project.landed',
  'project.updated',
  'need.created',
  'report.submitted',
  'brand.recognized',
] as const satisfies readonly SubscribableEvent[];
export const DELIVERY_STATUSES = ['pending', 'delivered', 'failed', 'cancelled'] as const satisfies readonly DeliveryStatus[];

export type AssistanceType = Schemas['AssistanceType'];
export type LegalForm = Schemas['LegalForm'];
export type RegistrationLevel = Schemas['RegistrationLevel'];
export type OrgCategory = Schemas['OrgCategory'];
export type RecommendedBy = Schemas['RecommendedBy'];
export type OrgStatus = Schemas['OrgStatus'];
export type OrgSort = Schemas['OrgSort'];
export type ExportFormat = Schemas['ExportFormat'];
export type Organization = Schemas['Organization'];
export type NewOrganization = Schemas['CreateOrganization'];
export type OrganizationPatch = Schemas['PatchOrganization'];
export type OrgTransition = Schemas['OrgTransition'];
export type CreditCodeInfo = Schemas['CreditCodeInfo'];
export type Offer = Schemas['Offer'];
export type NewOffer = Schemas['CreateOffer'];
export type OfferPatch = Schemas['PatchOffer'];
export type Job = Schemas['Job'];
export type JobStatus = Schemas['JobStatus'];
export type OrgImportReport = Schemas['OrgImportReport'];
export type RowError = Schemas['RowError'];
export type Channel = Schemas['Channel'];
export type PairingStatus = Schemas['PairingStatus'];
export type Pairing = Schemas['Pairing'];
export type PairingEvent = Schemas['PairingEvent'];
export type PairingOrganization = Schemas['PairingOrganization'];
export type Consent = Schemas['Consent'];
export type ConsentStep = Schemas['ConsentStep'];
export type NewPairing = Schemas['CreatePairing'];
export type PairingTransition = Schemas['PairingTransition'];
export type CultivationRecord = Schemas['CultivationRecord'];
export type CultivationSummary = Schemas['CultivationSummary'];
export type NewCultivation = Schemas['CreateCultivation'];
export type Coverage = Schemas['Coverage'];
export type KeyCountyCoverage = Schemas['KeyCountyCoverage'];
export type Need = Schemas['Need'];
export type NewNeed = Schemas['CreateNeed'];
export type NeedPatch = Schemas['PatchNeed'];
export type NeedStatus = Schemas['NeedStatus'];
export type NeedTransition = Schemas['NeedTransition'];
export type Priority = Schemas['Priority'];
export type Match = Schemas['Match'];
export type MatchParts = Schemas['MatchParts'];
export type Money = Schemas['Money'];
export type Project = Schemas['Project'];
export type ProjectSummary = Schemas['ProjectSummary'];
export type ProjectStatus = Schemas['ProjectStatus'];
export type ProjectSort = Schemas['ProjectSort'];
export type ProjectRole = Schemas['ProjectRole'];
export type ProjectOrg = Schemas['ProjectOrg'];
export type ProjectOrganization = Schemas['ProjectOrganization'];
export type ConsentTransition = Schemas['ConsentTransition'];
export type Landing = Schemas['Landing'];
export type ProjectEvent = Schemas['ProjectEvent'];
export type NewProject = Schemas['CreateProject'];
export type ProjectPatch = Schemas['PatchProject'];
export type ProjectTransition = Schemas['ProjectTransition'];
export type ProjectUpdate = Schemas['ProjectUpdate'];
export type NewProjectUpdate = Schemas['CreateProjectUpdate'];
export type Campaign = Schemas['Campaign'];
export type NewCampaign = Schemas['CreateCampaign'];
export type DockingEvent = Schemas['DockingEvent'];
export type NewDockingEvent = Schemas['CreateEvent'];
export type Funnel = Schemas['Funnel'];
export type FunnelStages = Schemas['Stages'];
export type EventFunnel = Schemas['EventFunnel'];
export type ProvinceFunnel = Schemas['ProvinceFunnel'];
export type AtRiskProject = Schemas['AtRiskProject'];
export type Brand = Schemas['Brand'];
export type BrandLine = Schemas['BrandLine'];
export type BrandFocus = Schemas['BrandFocus'];
export type BrandStatus = Schemas['BrandStatus'];
export type BrandSort = Schemas['BrandSort'];
export type BrandDossier = Schemas['BrandDossier'];
export type StatusCount = Schemas['StatusCount'];
export type NewBrand = Schemas['CreateBrand'];
export type BrandPatch = Schemas['PatchBrand'];
export type BrandTransition = Schemas['BrandTransition'];
/** One step of any lifecycle's history (brands, cases): who moved it from what to what, and why. */
export type StatusEvent = Schemas['StatusEvent'];
export type Attachment = Schemas['Attachment'];
export type UploadForm = Schemas['UploadForm'];
export type Showcase = Schemas['Showcase'];
export type ShowcaseTotals = Schemas['ShowcaseTotals'];
export type ShowcaseLine = Schemas['ShowcaseLine'];
export type ShowcaseBrand = Schemas['ShowcaseBrand'];
export type ShowcaseCase = Schemas['ShowcaseCase'];
export type CaseFigures = Schemas['CaseFigures'];

export type CountyListQuery = NonNullable<Operations['listCounties']['parameters']['query']>;
export type UserListQuery = NonNullable<Operations['listUsers']['parameters']['query']>;
export type OrganizationListQuery = NonNullable<Operations['listOrganizations']['parameters']['query']>;
export type PairingListQuery = NonNullable<Operations['listPairings']['parameters']['query']>;
export type ProjectListQuery = NonNullable<Operations['listProjects']['parameters']['query']>;
export type NeedListQuery = NonNullable<Operations['listNeeds']['parameters']['query']>;
export type AuditEventQuery = NonNullable<Operations['listAuditEvents']['parameters']['query']>;
export type BrandListQuery = NonNullable<Operations['listBrands']['parameters']['query']>;

// ---- evidence: every family's attachments answer alike (backend attachments.rs) --------------
/** An operation of an entity's attachments, addressed relative to the entity (its `id` is in the base URL). */
type RelativeOperation<O> = O extends { parameters: infer P extends { path: object } }
  ? Omit<O, 'parameters'> & {
      parameters: Omit<P, 'path'> & (keyof Omit<P['path'], 'id'> extends never ? { path?: never } : { path: Omit<P['path'], 'id'> });
    }
  : O;
type RelativeItem<I> = { [M in keyof I]: M extends 'parameters' ? I[M] : RelativeOperation<I[M]> };
/**
 * The attachment routes under an entity's URL (`/api/v1/brands/{id}`, `/api/v1/cases/{id}`, …),
 * typed from the brands' contract: a client with that URL as its base reads any entity's evidence.
 */
export interface AttachmentPaths {
  '/attachments': RelativeItem<paths['/api/v1/brands/{id}/attachments']>;
  '/attachments/{attachment_id}': RelativeItem<paths['/api/v1/brands/{id}/attachments/{attachment_id}']>;
}

export const ROLES = [
  'national_admin',
  'provincial_officer',
  'county_officer',
  'org_member',
  'evaluator',
  'viewer',
] as const satisfies readonly Role[];

export const DEPARTMENTS = ['rural_revitalization', 'civil_affairs'] as const satisfies readonly Department[];

export const REGIONS = ['east', 'central', 'west', 'northeast'] as const satisfies readonly Region[];

export const ASSISTANCE_TYPES = [
  'industry',
  'employment',
  'education',
  'health',
  'elderly_care',
  'consumption',
  'other',
] as const satisfies readonly AssistanceType[];
export const LEGAL_FORMS = ['social_group', 'social_service_agency', 'foundation'] as const satisfies readonly LegalForm[];
export const REGISTRATION_LEVELS = ['national', 'provincial', 'prefecture', 'county'] as const satisfies readonly RegistrationLevel[];
export const ORG_CATEGORIES = ['industry_association', 'charity', 'community', 'other'] as const satisfies readonly OrgCategory[];
export const RECOMMENDERS = ['rural_revitalization_bureau', 'civil_affairs'] as const satisfies readonly RecommendedBy[];
export const ORG_STATUSES = ['active', 'suspended', 'revoked'] as const satisfies readonly OrgStatus[];
export const CHANNELS = ['national_org', 'east_org', 'west_local_org', 'east_west_cooperation'] as const satisfies readonly Channel[];
export const PAIRING_STATUSES = [
  'proposed',
  'recommended',
  'accepted',
  'confirmed',
  'active',
  'concluded',
  'terminated',
  'declined',
] as const satisfies readonly PairingStatus[];
export const CONSENTS = ['invited', 'accepted', 'declined'] as const satisfies readonly Consent[];
export const NEED_STATUSES = ['open', 'matched', 'closed'] as const satisfies readonly NeedStatus[];
export const PRIORITIES = ['high', 'medium', 'low'] as const satisfies readonly Priority[];
export const PROJECT_STATUSES = ['docking', 'signed', 'landed', 'completed', 'suspended', 'cancelled'] as const satisfies readonly ProjectStatus[];
export const PROJECT_ROLES = ['lead', 'partner', 'funder'] as const satisfies readonly ProjectRole[];
export const PROJECT_SORTS = ['-updated_at', '-funds_in_place'] as const satisfies readonly ProjectSort[];
export const BRAND_LINES = ['development', 'construction', 'governance'] as const satisfies readonly BrandLine[];
export const BRAND_STATUSES = [
  'draft',
  'applied',
  'recommended',
  'recognized',
  'demonstration',
  'returned',
  'revoked',
] as const satisfies readonly BrandStatus[];
export const BRAND_SORTS = ['-updated_at', 'name', '-funds_in_place', '-counties_reached'] as const satisfies readonly BrandSort[];
/** The focus values the plan puts in each line (backend domain/brand.rs, `BrandFocus::line`). */
export const BRAND_FOCUS_BY_LINE = {
  development: ['industry', 'employment', 'consumption'],
  construction: ['living_environment', 'public_services', 'digital_village'],
  governance: ['left_behind_care', 'dispute_mediation', 'elderly_care', 'civilized_customs'],
} as const satisfies Record<BrandLine, readonly BrandFocus[]>;
export const BRAND_FOCUSES: readonly BrandFocus[] = BRAND_LINES.flatMap((l) => BRAND_FOCUS_BY_LINE[l]);

// ---- case collections (案例征集) and cases (典型案例) ---------------------------------------------
export type CaseCollection = Schemas['CaseCollection'];
export type NewCaseCollection = Schemas['CreateCollection'];
export type CaseCollectionPatch = Schemas['PatchCollection'];
export type CollectionStatus = Schemas['CollectionStatus'];
export type CollectionTransition = Schemas['CollectionTransition'];
export type Case = Schemas['Case'];
export type CaseStatus = Schemas['CaseStatus'];
/** A case's line (乡村发展 / 乡村建设 / 乡村治理): the brands' line, named from the case. */
export type CaseLine = Schemas['Case']['line'];
/** One dated move of a case or a collection (the shared StatusEvent), named from the case. */
export type CaseEvent = Schemas['Case']['history'][number];
export type NewCase = Schemas['CreateCase'];
export type CasePatch = Schemas['PatchCase'];
export type CaseTransition = Schemas['CaseTransition'];
export type CaseListQuery = NonNullable<Operations['listCases']['parameters']['query']>;

export const COLLECTION_STATUSES = ['open', 'closed', 'published'] as const satisfies readonly CollectionStatus[];
export const CASE_STATUSES = ['draft', 'submitted', 'shortlisted', 'typical', 'returned'] as const satisfies readonly CaseStatus[];
export const CASE_LINES = ['development', 'construction', 'governance'] as const satisfies readonly CaseLine[];

// ---- statistics ----
/** What a statistics table rolls up: projects, pairings, cultivation, organizations, needs, brands, trainings or incidents. */
export type Fact = Schemas['Fact'];
export type StatisticsTable = Schemas['StatisticsTable'];
/** One column of a statistics table: a grouping key or a measure (count, money, ratio), with both labels. */
export type StatisticsColumn = Schemas['Column'];
export type ColumnKind = Schemas['ColumnKind'];
export type Interval = Schemas['Interval'];
export type ProjectSeries = Schemas['ProjectSeries'];
export type ProjectPeriod = Schemas['ProjectPeriod'];
export type StatisticsTableQuery = NonNullable<Operations['getStatisticsTable']['parameters']['query']>;
export type ProjectSeriesQuery = NonNullable<Operations['getProjectSeries']['parameters']['query']>;

export const FACTS = ['projects', 'pairings', 'cultivation', 'organizations', 'needs', 'brands', 'trainings', 'incidents'] as const satisfies readonly Fact[];
export const INTERVALS = ['month', 'quarter', 'year'] as const satisfies readonly Interval[];

// ---- home ----
// The statistics the home dashboard reads (the projects roll-up and series).
export type ProjectRollup = Schemas['ProjectRollup'];
export type ProjectRollupRow = Schemas['ProjectRollupRow'];
export type ProjectFigures = Schemas['ProjectFigures'];
export type ProjectRollupQuery = NonNullable<Operations['getProjectRollup']['parameters']['query']>;

// ---- expert scoring (评审) and yearly selections (选树) ------------------------------------------
export type SubjectType = Schemas['SubjectType'];
export type EvaluationRound = Schemas['Round'];
export type RoundStatus = Schemas['RoundStatus'];
export type EvaluationRoundListQuery = NonNullable<Operations['listEvaluationRounds']['parameters']['query']>;
export type Assignment = Schemas['Assignment'];
export type AssignmentStatus = Schemas['AssignmentStatus'];
export type AssignmentTransition = Schemas['AssignmentTransition'];
export type ScoreSheet = Schemas['ScoreSheet'];
export type ScoringIndicator = Schemas['ScoringIndicator'];
export type RubricBand = Schemas['RubricBand'];
export type EvidenceFigure = Schemas['EvidenceFigure'];
export type Score = Schemas['Score'];
export type ScoreChange = Schemas['ScoreChange'];
export type IndicatorMetric = Schemas['IndicatorMetric'];
/** A declared tie of an expert (conflict of interest, 利益冲突申报). */
export type Tie = Schemas['Tie'];
export type Ties = Schemas['Ties'];
export type TieKind = Schemas['TieKind'];
export type TieRelation = Schemas['TieRelation'];
/** One subject's explained result in a closed or published round. */
export type SubjectResult = Schemas['SubjectResult'];
export type DimensionResult = Schemas['DimensionResult'];
export type ResultRow = Schemas['ResultRow'];
export type Selection = Schemas['Selection'];
export type SelectionKind = Schemas['SelectionKind'];
export type SelectionStatus = Schemas['SelectionStatus'];
export type NewSelection = Schemas['CreateSelection'];
export type SelectionPatch = Schemas['PatchSelection'];
export type SelectionTransition = Schemas['SelectionTransition'];
export type SelectionListQuery = NonNullable<Operations['listSelections']['parameters']['query']>;
export type Nomination = Schemas['Nomination'];
export type NominationStatus = Schemas['NominationStatus'];
export type NomineeResult = Schemas['NomineeResult'];
export type NewNomination = Schemas['CreateNomination'];
export type NominationTransition = Schemas['NominationTransition'];
export type ShowcaseHonor = Schemas['ShowcaseHonor'];
export type ShowcaseRanking = Schemas['ShowcaseRanking'];

export const ASSIGNMENT_STATUSES = ['assigned', 'submitted', 'recused', 'withdrawn'] as const satisfies readonly AssignmentStatus[];
export const TIE_KINDS = ['organization', 'province'] as const satisfies readonly TieKind[];
/** The relations each kind of tie takes (backend evaluation/panel.rs `replace_ties`). */
export const TIE_RELATIONS_BY_KIND = {
  organization: ['works_for', 'advises', 'donates'],
  province: ['works_in'],
} as const satisfies Record<TieKind, readonly TieRelation[]>;
export const SELECTION_KINDS = ['outstanding_organization', 'well_known_brand'] as const satisfies readonly SelectionKind[];
export const SELECTION_STATUSES = ['nominating', 'reviewing', 'published'] as const satisfies readonly SelectionStatus[];
export const NOMINATION_STATUSES = ['nominated', 'selected', 'not_selected', 'withdrawn'] as const satisfies readonly NominationStatus[];

// ---- evaluation (评估评价): indicator frameworks, rounds, assignments and results ----------------
export type SubjectFilter = Schemas['SubjectFilter'];
export type Framework = Schemas['Framework'];
export type FrameworkStatus = Schemas['FrameworkStatus'];
export type FrameworkTree = Schemas['Tree'];
export type FrameworkDimension = Schemas['Dimension'];
export type FrameworkIndicator = Schemas['Indicator'];
export type IndicatorMethod = Schemas['IndicatorMethod'];
export type Normalization = Schemas['Normalization'];
export type NewFramework = Schemas['CreateFramework'];
export type FrameworkPatch = Schemas['PatchFramework'];
export type FrameworkTransition = Schemas['FrameworkTransition'];
export type Round = Schemas['Round'];
export type RoundProgress = Schemas['RoundProgress'];
export type NewRound = Schemas['CreateRound'];
export type RoundTransition = Schemas['RoundTransition'];
export type NewAssignments = Schemas['CreateAssignments'];
export type AssignmentBatch = Schemas['AssignmentBatch'];
export type UnfilledSubject = Schemas['Unfilled'];
export type DimensionScore = Schemas['DimensionScore'];
export type IndicatorResult = Schemas['IndicatorResult'];
export type ExpertScore = Schemas['ExpertScore'];
export type Aggregation = Schemas['Aggregation'];
export type FrameworkListQuery = NonNullable<Operations['listIndicatorFrameworks']['parameters']['query']>;
export type RoundListQuery = NonNullable<Operations['listEvaluationRounds']['parameters']['query']>;
export type AssignmentListQuery = NonNullable<Operations['listRoundAssignments']['parameters']['query']>;
export type ResultListQuery = NonNullable<Operations['listEvaluationResults']['parameters']['query']>;

export const SUBJECT_TYPES = ['organization', 'brand', 'province'] as const satisfies readonly SubjectType[];
export const FRAMEWORK_STATUSES = ['draft', 'active', 'retired'] as const satisfies readonly FrameworkStatus[];
export const ROUND_STATUSES = ['draft', 'scoring', 'closed', 'published'] as const satisfies readonly RoundStatus[];
/** The subject filters a round of each subject type takes (backend domain/evaluation.rs, `SubjectFilter::fits`). */
export const SUBJECT_FILTERS_BY_TYPE = {
  organization: ['active_pairing', 'all', 'listed'],
  brand: ['recognized', 'all', 'listed'],
  province: ['key_county_provinces', 'all', 'listed'],
} as const satisfies Record<SubjectType, readonly SubjectFilter[]>;

// ---- trainings (组织培训): national, provincial and county trainings of organizations ------------
export type Training = Schemas['Training'];
export type TrainingStatus = Schemas['TrainingStatus'];
/** 线下 / 线上 / 线上线下结合. */
export type TrainingMode = Schemas['TrainingMode'];
/** Who organizes a training: 国家级 / 省级 / 县级. */
export type OrganizerLevel = Schemas['OrganizerLevel'];
export type NewTraining = Schemas['CreateTraining'];
export type TrainingPatch = Schemas['PatchTraining'];
export type TrainingTransition = Schemas['TrainingTransition'];
/** An organization trained, with its head count and (once held) its attendance. */
export type Participant = Schemas['Participant'];
export type PutParticipant = Schemas['PutParticipant'];
export type ParticipantImportReport = Schemas['ParticipantImportReport'];
export type TrainingListQuery = NonNullable<Operations['listTrainings']['parameters']['query']>;

/** Widest first. */
export const ORGANIZER_LEVELS = ['national', 'provincial', 'county'] as const satisfies readonly OrganizerLevel[];
export const TRAINING_STATUSES = ['planned', 'held', 'cancelled'] as const satisfies readonly TrainingStatus[];
export const TRAINING_MODES = ['onsite', 'online', 'mixed'] as const satisfies readonly TrainingMode[];

// ---- notifications (what waits for the caller: the header's bell) ----------------------------------
/** One notification of the caller's; named Notice so it is not taken for the DOM's Notification. */
export type Notice = Schemas['Notification'];
export type NoticeKind = Schemas['NotificationKind'];
export type NoticePage = Schemas['NotificationPage'];
/** Which notifications to mark read: `ids` (up to 200), or `all`. */
export type MarkNoticesRead = Schemas['MarkRead'];
export type NoticeListQuery = NonNullable<Operations['listMyNotifications']['parameters']['query']>;

export const NOTICE_KINDS = [
  'pairing_to_answer',
  'pairing_to_confirm',
  'landing_to_confirm',
  'assignment_to_score',
  'case_to_review',
  'case_returned',
  'projects_stale',
  'deadline_soon',
  'incident_urgent',
  'report_to_sign',
  'report_returned',
  'report_due',
  'webhook_disabled',
] as const satisfies readonly NoticeKind[];

// ---- incidents (事件处置) and the risk view (风险研判) ----------------------------------------------
export type Incident = Schemas['Incident'];
export type IncidentKind = Schemas['IncidentKind'];
export type IncidentStatus = Schemas['IncidentStatus'];
/** How bad an incident is: 一般 / 较大 / 重大 / 特别重大 (the official emergency grading). */
export type Severity = Schemas['Severity'];
export type NewIncident = Schemas['CreateIncident'];
export type IncidentPatch = Schemas['PatchIncident'];
export type IncidentTransition = Schemas['IncidentTransition'];
/** One step of an incident's handling log (处置记录). */
export type IncidentAction = Schemas['IncidentAction'];
export type NewIncidentAction = Schemas['CreateIncidentAction'];
export type IncidentListQuery = NonNullable<Operations['listIncidents']['parameters']['query']>;
export type Risks = Schemas['Risks'];
export type SeverityAge = Schemas['SeverityAge'];
export type RepeatedOrganization = Schemas['RepeatedOrganization'];
/** A project of the risk view, with every reason it is at risk (not the campaigns' AtRiskProject). */
export type RiskProject = Schemas['ProjectAtRisk'];
export type RiskQuery = NonNullable<Operations['getRisks']['parameters']['query']>;

export const INCIDENT_KINDS = [
  'safety',
  'funds_misuse',
  'fraud_impersonation',
  'public_opinion',
  'compliance',
  'dispute',
  'other',
] as const satisfies readonly IncidentKind[];
/** Mildest first. */
export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const satisfies readonly Severity[];
export const INCIDENT_STATUSES = ['reported', 'handling', 'resolved', 'closed'] as const satisfies readonly IncidentStatus[];

// ---- year-end reports (每年底报送): a province's narrative and figures, signed by both departments ----
export type YearEndReport = Schemas['YearEndReport'];
export type ReportStatus = Schemas['ReportStatus'];
/** The five narrative sections, each sanitized HTML as the server keeps it. */
export type ReportSections = Schemas['Sections'];
export type ReportSection = keyof ReportSections;
/** A figure of a report (a count, or yuan as a decimal string). */
export type ReportFigure = Schemas['Figure'];
export type ReportSignature = Schemas['Signature'];
export type ReportVersion = Schemas['ReportVersion'];
/** One change between a submitted version and the one before (`sections.<key>` or `figures.<key>`). */
export type ReportChange = Schemas['Change'];
export type ReportPatch = Schemas['PatchReport'];
export type ReportTransition = Schemas['ReportTransition'];
export type YearEndBoard = Schemas['Board'];
export type YearEndBoardRow = Schemas['BoardRow'];
export type ReportReminded = Schemas['Reminded'];
export type YearEndReportListQuery = NonNullable<Operations['listYearEndReports']['parameters']['query']>;

export const REPORT_STATUSES = ['draft', 'submitted', 'returned', 'accepted'] as const satisfies readonly ReportStatus[];
/** In the order a report reads: 工作开展情况, 主要成效, 典型做法, 存在问题, 下一步打算. */
export const REPORT_SECTIONS = ['work', 'results', 'practices', 'problems', 'next_steps'] as const satisfies readonly ReportSection[];
/** A province's state on the national board (the contract types it as text), from not started to accepted. */
export const BOARD_STATES = ['not_started', 'draft', 'signed_by_one', 'signed', 'submitted', 'returned', 'accepted'] as const;
export type BoardState = (typeof BOARD_STATES)[number];
