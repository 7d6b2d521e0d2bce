// Aliases of generated contract types: the only place that names schema entries,
// so a renamed schema is fixed here once. Never hand-write a type the contract has.
import type { components, operations, paths } from './schema';

/** The contract's paths, for the typed client. */
export type ApiPaths = paths;

type Schemas = components['schemas'];
type Operations = operations;

export type User = Schemas['User'];
export type Role = Schemas['Role'];
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
/** What a statistics table rolls up: projects, pairings, cultivation, organizations, needs or brands. */
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

export const FACTS = ['projects', 'pairings', 'cultivation', 'organizations', 'needs', 'brands'] as const satisfies readonly Fact[];
export const INTERVALS = ['month', 'quarter', 'year'] as const satisfies readonly Interval[];

// ---- home ----
// The statistics the home dashboard reads (the projects roll-up and series).
export type ProjectRollup = Schemas['ProjectRollup'];
export type ProjectRollupRow = Schemas['ProjectRollupRow'];
export type ProjectFigures = Schemas['ProjectFigures'];
export type ProjectRollupQuery = NonNullable<Operations['getProjectRollup']['parameters']['query']>;
