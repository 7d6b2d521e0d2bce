import type {
  BrandListQuery,
  NeedListQuery,
  OrganizationListQuery,
  PairingListQuery,
  ProjectListQuery,
  ProjectStatus,
  Role,
} from '../../api/types';

// What each role's home dashboard shows, as data: the tiles with the figure behind each and the
// filtered list it opens. Pure, so the choice per role and every link are unit-tested; the page
// only renders it.

export interface HomeUser {
  role: Role;
  province_code?: string | null;
  county_code?: string | null;
  organization_id?: string | null;
}

type Filters<Q> = Omit<Q, 'cursor' | 'limit' | 'count'>;
export type ProjectFilters = Filters<ProjectListQuery>;

/** The area the statistics are read over (the caller's scope narrows them further on the server). */
export interface Area {
  province?: string;
  county?: string;
}

/**
 * Where a tile's figure comes from. A list count is the `total` of the very list the tile opens
 * (same filters, `count=true`), so the figure and the list never disagree.
 */
export type TileSource =
  | { kind: 'projects'; filters: ProjectFilters }
  | { kind: 'pairings'; filters: Filters<PairingListQuery> }
  | { kind: 'needs'; filters: Filters<NeedListQuery> }
  | { kind: 'organizations'; filters: Filters<OrganizationListQuery> }
  | { kind: 'brands'; filters: Filters<BrandListQuery> }
  /** Key counties covered of the plan's list, with the part not registered yet. */
  | { kind: 'coverage'; province?: string }
  /** Landings the county confirmed this year (the projects series, this year's months). */
  | { kind: 'landedThisYear'; area: Area }
  /** The projects roll-up's totals. */
  | { kind: 'fundsInPlace'; area: Area }
  | { kind: 'beneficiaries'; area: Area };

export type TileKey =
  | 'coverage'
  | 'activePairings'
  | 'organizations'
  | 'landedThisYear'
  | 'fundsInPlace'
  | 'beneficiaries'
  | 'openNeeds'
  | 'matchedNeeds'
  | 'projects'
  | 'brands'
  | 'stale'
  | 'landingsToConfirm'
  | 'pairingsToConfirm'
  | 'reviewPairings'
  | 'creditCodes'
  | 'projectInvitations'
  | 'pairingInvitations';

export interface Tile {
  key: TileKey;
  /** The list behind the figure, filtered as the figure is. */
  to: string;
  source: TileSource;
}

/**
 * national: everything; province / county / organization: the caller's own; published: what
 * evaluators and viewers read (landed and completed projects, active and concluded pairings).
 */
export type HomeScope = 'national' | 'province' | 'county' | 'organization' | 'published';

export interface HomeLayout {
  scope: HomeScope;
  /** Filters of the statistics reads (roll-up, series). */
  area: Area;
  /** The filters that make the projects list show this scope's projects. */
  projects: ProjectFilters;
  figures: Tile[];
  /** What waits for the user; empty for the roles that only read. */
  todo: Tile[];
  /** Top and bottom by funds in place: provinces, a province's counties, or none. */
  ranking: 'province' | 'county' | null;
  map: boolean;
  funnel: boolean;
  /** Projects by status, each status opening the list (a county, an organization). */
  byStatus: boolean;
  /** Evaluation does not exist yet: evaluators get a note where their tasks will be. */
  evaluatorNote: boolean;
}

/** `/projects?county=…&stale=true`: a list URL from filters, leaving out what is unset or false. */
export function listLink(path: string, filters: object = {}): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(filters)) if (v !== undefined && v !== null && v !== '' && v !== false) p.set(k, String(v));
  const q = p.toString();
  return q ? `${path}?${q}` : path;
}

function tile(key: TileKey, source: TileSource, to: string): Tile {
  return { key, source, to };
}

/**
 * 本年落地: the landings the county confirmed this year (China time) and, behind the figure, the
 * list of exactly those projects, whatever their status is now (some have been completed since).
 */
function landedTile(area: Area, filters: object, year: number): Tile {
  return tile('landedThisYear', { kind: 'landedThisYear', area }, listLink('/projects', { ...filters, landed_year: year }));
}

function countTile<K extends 'projects' | 'pairings' | 'needs' | 'organizations' | 'brands'>(
  key: TileKey,
  kind: K,
  filters: Extract<TileSource, { kind: K }>['filters'],
  to?: string,
): Tile {
  return tile(key, { kind, filters } as TileSource, to ?? listLink(`/${kind}`, filters));
}

/** The national, provincial and published overviews share one shape, over their own area. */
function overview(scope: 'national' | 'province' | 'published', year: number, province?: string): HomeLayout {
  const area: Area = province ? { province } : {};
  const figures: Tile[] = [
    tile('coverage', { kind: 'coverage', province }, listLink('/coverage', { province })),
    countTile('activePairings', 'pairings', { province, status: 'active' }),
    countTile('organizations', 'organizations', { province, status: 'active' }),
    landedTile(area, { province }, year),
    tile('fundsInPlace', { kind: 'fundsInPlace', area }, listLink('/projects', { province, sort: '-funds_in_place' })),
    tile('beneficiaries', { kind: 'beneficiaries', area }, listLink('/projects', { province })),
  ];
  const todo: Tile[] =
    scope === 'published'
      ? []
      : [
          countTile('stale', 'projects', { province, stale: true }),
          countTile('landingsToConfirm', 'projects', { province, landing_declared: true }),
          countTile('reviewPairings', 'pairings', { province, review_flag: true }),
          ...(scope === 'national' ? [countTile('creditCodes', 'organizations', { credit_code_to_confirm: true })] : []),
        ];
  return {
    scope,
    area,
    projects: province ? { province } : {},
    figures,
    todo,
    ranking: scope === 'province' ? 'county' : 'province',
    map: true,
    funnel: true,
    byStatus: false,
    evaluatorNote: false,
  };
}

function county(code: string | undefined, year: number): HomeLayout {
  const area: Area = code ? { county: code } : {};
  return {
    scope: 'county',
    area,
    projects: { county: code },
    figures: [
      countTile('activePairings', 'pairings', { county: code, status: 'active' }),
      countTile('openNeeds', 'needs', { county: code, status: 'open' }),
      countTile('matchedNeeds', 'needs', { county: code, status: 'matched' }),
      landedTile(area, { county: code }, year),
      tile('fundsInPlace', { kind: 'fundsInPlace', area }, listLink('/projects', { county: code, sort: '-funds_in_place' })),
      tile('beneficiaries', { kind: 'beneficiaries', area }, listLink('/projects', { county: code })),
    ],
    todo: [
      countTile('landingsToConfirm', 'projects', { county: code, landing_declared: true }),
      // a pairing the organization has accepted waits for the county's confirmation
      countTile('pairingsToConfirm', 'pairings', { county: code, status: 'accepted' }),
      countTile('stale', 'projects', { county: code, stale: true }),
    ],
    ranking: null,
    map: false,
    funnel: false,
    byStatus: true,
    evaluatorNote: false,
  };
}

function organization(id: string | undefined, year: number): HomeLayout {
  // the statistics of an organization's members cover its own projects already
  const area: Area = {};
  return {
    scope: 'organization',
    area,
    projects: { organization: id },
    figures: [
      countTile('activePairings', 'pairings', { organization: id, status: 'active' }),
      countTile('projects', 'projects', { organization: id }),
      landedTile(area, { organization: id }, year),
      tile('fundsInPlace', { kind: 'fundsInPlace', area }, listLink('/projects', { organization: id, sort: '-funds_in_place' })),
      tile('beneficiaries', { kind: 'beneficiaries', area }, listLink('/projects', { organization: id })),
      countTile('brands', 'brands', { organization: id }),
    ],
    todo: [
      // the lists show an organization's invitations above their rows (待我方答复的…邀请)
      countTile('projectInvitations', 'projects', { awaiting_organization: id }, '/projects'),
      countTile('pairingInvitations', 'pairings', { awaiting_organization: id }, '/pairings'),
      countTile('stale', 'projects', { organization: id, stale: true }),
    ],
    ranking: null,
    map: false,
    funnel: false,
    byStatus: true,
    evaluatorNote: false,
  };
}

/** The dashboard of a signed-in user in `year` (China time): which tiles, cards and links, over which area. */
export function homeLayout(user: HomeUser, year: number): HomeLayout {
  switch (user.role) {
    case 'national_admin':
      return overview('national', year);
    case 'provincial_officer':
      return overview('province', year, user.province_code ?? undefined);
    case 'county_officer':
      return county(user.county_code ?? undefined, year);
    case 'org_member':
      return organization(user.organization_id ?? undefined, year);
    case 'evaluator':
      return { ...overview('published', year), evaluatorNote: true };
    default:
      return overview('published', year);
  }
}

/** The projects list of one status, in the layout's scope (the by-status card's links). */
export function statusLink(layout: HomeLayout, status: ProjectStatus): string {
  return listLink('/projects', { ...layout.projects, status });
}

/** The projects list of one province or county of the ranking, by funds in place. */
export function rankingLink(by: 'province' | 'county', code: string): string {
  return listLink('/projects', { [by]: code, sort: '-funds_in_place' });
}
