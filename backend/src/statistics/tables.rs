//! Statistics tables of every fact (projects, pairings, cultivation, organizations, needs,
//! brands, trainings, incidents) in one shape, for the explorer and its exports: each fact is a
//! declaration — its source over a scope, its grouping keys, its measures — and one query builder
//! serves them all.
//! Keys and measures are trusted fragments chosen by documented names; values are always bound.

use std::collections::BTreeMap;

use diesel::QueryableByName;
use diesel::sql_types::{BigInt, Nullable, Text};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::model::{MAX_DIMENSIONS, MAX_ROWS};
use crate::auth::scope::DataScope;
use crate::db::DbConn;
use crate::db::sql::{Bind, Dynamic, FUNDS_SPLIT, join_fen};
use crate::domain::MoneyTotal;
use crate::error::{ApiError, ApiResult};
use crate::text_enum;
use crate::tr;

impl Fact {
    /// The stem of its export's file name.
    pub fn file_stem(self) -> &'static str {
        match self {
            Fact::Projects => "statistics-projects",
            Fact::Pairings => "statistics-pairings",
            Fact::Cultivation => "statistics-cultivation",
            Fact::Organizations => "statistics-organizations",
            Fact::Needs => "statistics-needs",
            Fact::Brands => "statistics-brands",
            Fact::Trainings => "statistics-trainings",
            Fact::Incidents => "statistics-incidents",
        }
    }
}

text_enum!(
    /// The facts the statistics platform rolls up.
    Fact {
        Projects => "projects",
        Pairings => "pairings",
        /// Local cultivation (本土培育): local organizations, volunteers and social workers.
        Cultivation => "cultivation",
        Organizations => "organizations",
        Needs => "needs",
        Brands => "brands",
        /// Trainings organized for social organizations (组织培训), by their start.
        Trainings => "trainings",
        /// Incidents around organizations' work (应急事件), by when they happened; never public.
        Incidents => "incidents",
    }
);

text_enum!(
    /// How a column's values read: a grouping key (`key`, with its name in `…_name` for
    /// provinces and counties), a count, an exact amount in yuan (a decimal string), or a ratio.
    ColumnKind {
        Key => "key",
        Count => "count",
        Money => "money",
        Ratio => "ratio",
    }
);

#[derive(Serialize, Deserialize, ToSchema, Debug, Clone, PartialEq)]
pub struct Column {
    /// The row field holding it.
    pub key: String,
    pub kind: ColumnKind,
    pub label_zh: String,
    pub label_en: String,
}

/// A table: its columns in order (grouping keys first), its rows as objects keyed by column,
/// and the totals of the measures over every row.
#[derive(Serialize, Deserialize, ToSchema, Debug, Clone)]
pub struct StatisticsTable {
    pub fact: Fact,
    pub group_by: Vec<String>,
    pub columns: Vec<Column>,
    /// One object per group, keyed by `columns[].key`: strings (keys, money), numbers (counts,
    /// ratios), booleans (yes/no keys), null for a key without a value (a national training's
    /// province, its `province_name` 全国). Empty without `group_by`: the totals are the answer.
    #[schema(value_type = Vec<std::collections::HashMap<String, serde_json::Value>>)]
    pub rows: Vec<serde_json::Map<String, serde_json::Value>>,
    /// The measures over every row, keyed like the rows.
    #[schema(value_type = std::collections::HashMap<String, serde_json::Value>)]
    pub totals: serde_json::Map<String, serde_json::Value>,
}

/// The query of any fact; each fact says which keys and filters it knows (422 otherwise).
#[derive(Deserialize, IntoParams, Debug, Default, Clone)]
#[into_params(parameter_in = Query)]
pub struct TableQuery {
    /// Comma-separated grouping keys of the fact, at most three (`province,status`); the
    /// keys of each fact are listed in the operation's description.
    pub group_by: Option<String>,
    /// The fact's year: projects docked, pairings started, cultivation recorded, brands started,
    /// trainings started, incidents occurred (China time).
    #[param(schema_with = crate::bounds::year)]
    pub year: Option<i64>,
    pub province: Option<String>,
    pub county: Option<String>,
    pub key_county: Option<bool>,
    /// Any grouping key of the fact may also filter it: `status=active`, `channel=east_org` …
    pub status: Option<String>,
    pub assistance_type: Option<String>,
    pub channel: Option<String>,
    pub priority: Option<String>,
    pub legal_form: Option<String>,
    pub category: Option<String>,
    pub registration_level: Option<String>,
    pub line: Option<String>,
    /// Trainings: who organized them (national, provincial, county).
    pub level: Option<String>,
    /// Trainings: onsite, online or mixed.
    pub mode: Option<String>,
    /// Incidents: what happened.
    pub kind: Option<String>,
    /// Incidents: how bad it is.
    pub severity: Option<String>,
    /// Projects bought by the government (政府购买服务), or the others.
    pub government_purchase: Option<bool>,
}

impl TableQuery {
    /// The value a key filters by, if asked.
    fn filter_of(&self, key: &str) -> Option<&str> {
        match key {
            "government_purchase" => self.government_purchase.map(|b| if b { "true" } else { "false" }),
            "status" => self.status.as_deref(),
            "assistance_type" => self.assistance_type.as_deref(),
            "channel" => self.channel.as_deref(),
            "priority" => self.priority.as_deref(),
            "legal_form" => self.legal_form.as_deref(),
            "category" => self.category.as_deref(),
            "registration_level" => self.registration_level.as_deref(),
            "line" => self.line.as_deref(),
            "level" => self.level.as_deref(),
            "mode" => self.mode.as_deref(),
            "kind" => self.kind.as_deref(),
            "severity" => self.severity.as_deref(),
            _ => None,
        }
    }

    /// The key filters that were set.
    fn key_filters(&self) -> Vec<&'static str> {
        FILTERABLE.iter().copied().filter(|k| self.filter_of(k).is_some()).collect()
    }
}

const FILTERABLE: [&str; 13] = [
    "status",
    "assistance_type",
    "channel",
    "priority",
    "legal_form",
    "category",
    "registration_level",
    "line",
    "level",
    "mode",
    "kind",
    "severity",
    "government_purchase",
];

/// A grouping key: its SQL, the SQL of its name (provinces, counties), the values it may take.
struct Key {
    name: &'static str,
    expr: &'static str,
    label: Option<&'static str>,
    /// The closed vocabulary of its values (`None`: codes, years, yes/no).
    values: Option<fn() -> Vec<&'static str>>,
    zh: &'static str,
    en: &'static str,
}

/// A measure: what is summed (split in two parts, so no sum overflows), or counted.
enum Sum {
    /// `COUNT(DISTINCT expr)` (or `COUNT(*)` for `*`).
    Count(&'static str),
    /// A sum of a non-negative integer expression.
    Of(&'static str),
    /// A sum already kept in parts (`project_rollup`).
    Parts(&'static str, &'static str),
}

struct Measure {
    name: &'static str,
    sum: Sum,
    money: bool,
    zh: &'static str,
    en: &'static str,
}

/// A ratio of two measures, shown beside them (needs matched of raised).
struct Ratio {
    name: &'static str,
    part: &'static str,
    whole: &'static str,
    zh: &'static str,
    en: &'static str,
}

struct FactDef {
    keys: &'static [Key],
    measures: &'static [Measure],
    ratios: &'static [Ratio],
    /// The SQL of the fact's area and year filters (`None`: the fact has none).
    province: &'static str,
    county: Option<&'static str>,
    key_county: Option<&'static str>,
    year: Option<fn(bool) -> &'static str>,
    /// Pushes `FROM …` narrowed to the scope, ending in a `WHERE` clause to append to.
    source: fn(&mut Dynamic, &DataScope),
}

fn vocabulary<T: Copy + 'static>(all: &'static [T], s: fn(T) -> &'static str) -> Vec<&'static str> {
    all.iter().map(|v| s(*v)).collect()
}

macro_rules! values {
    ($t:ty) => {
        Some(|| vocabulary(<$t>::ALL, <$t>::as_str))
    };
}

const PROVINCE: Key = Key { name: "province", expr: "p.code", label: Some("p.name"), values: None, zh: "省份", en: "Province" };
const COUNTY: Key = Key { name: "county", expr: "c.code", label: Some("c.name"), values: None, zh: "县", en: "County" };
const KEY_COUNTY: Key = Key {
    name: "key_county",
    expr: "CASE WHEN c.key_county THEN 'true' ELSE 'false' END",
    label: None,
    values: None,
    zh: "重点帮扶县",
    en: "Key county",
};

fn year_of_created(pg: bool) -> &'static str {
    if pg { "CAST(EXTRACT(YEAR FROM r.created_at + INTERVAL '8 hours') AS BIGINT)" } else { "CAST(strftime('%Y', r.created_at, '+8 hours') AS BIGINT)" }
}
fn year_of_start(pg: bool) -> &'static str {
    if pg { "CAST(EXTRACT(YEAR FROM r.start_date) AS BIGINT)" } else { "CAST(strftime('%Y', r.start_date) AS BIGINT)" }
}
fn year_of_record(pg: bool) -> &'static str {
    if pg { "CAST(EXTRACT(YEAR FROM r.record_date) AS BIGINT)" } else { "CAST(strftime('%Y', r.record_date) AS BIGINT)" }
}
fn year_of_rollup(_: bool) -> &'static str {
    "r.year"
}
fn year_of_brand(_: bool) -> &'static str {
    "r.started_year"
}
fn year_of_training(pg: bool) -> &'static str {
    if pg { "CAST(EXTRACT(YEAR FROM r.starts_on) AS BIGINT)" } else { "CAST(strftime('%Y', r.starts_on) AS BIGINT)" }
}
fn year_of_incident(pg: bool) -> &'static str {
    if pg { "CAST(EXTRACT(YEAR FROM r.occurred_at + INTERVAL '8 hours') AS BIGINT)" } else { "CAST(strftime('%Y', r.occurred_at, '+8 hours') AS BIGINT)" }
}

fn bind_text(q: &mut Dynamic, v: &str) {
    q.bind(Bind::Text(v.to_owned()));
}

fn projects_source(q: &mut Dynamic, scope: &DataScope) {
    q.push(" FROM ");
    let narrow = super::sources::rollup_source(q, scope);
    q.push(" r JOIN counties c ON c.code = r.county_code JOIN provinces p ON p.code = r.province_code WHERE 1 = 1");
    q.push(&narrow);
    super::sources::scope_filters(q, scope);
}

/// Pairings in the scope's area; an organization's those it is in; the public's active and concluded.
fn pairings_where(q: &mut Dynamic, scope: &DataScope, pairing: &str, status: &str) {
    match scope {
        DataScope::All => {}
        DataScope::Province(p) => {
            q.push(" AND c.province_code = ");
            bind_text(q, p);
        }
        DataScope::County(county) => {
            q.push(" AND c.code = ");
            bind_text(q, county);
        }
        DataScope::Organization(o) => {
            q.push(&format!(
                " AND {pairing} IN (SELECT pairing_id FROM pairing_members WHERE consent = 'accepted' AND organization_id = "
            ));
            bind_text(q, o);
            q.push(")");
        }
        DataScope::Published => {
            q.push(&format!(" AND {status} IN ('active', 'concluded')"));
        }
    }
}

fn pairings_source(q: &mut Dynamic, scope: &DataScope) {
    q.push(
        " FROM pairings r JOIN counties c ON c.code = r.county_code \
         JOIN provinces p ON p.code = c.province_code JOIN organizations lo ON lo.id = r.lead_organization_id WHERE 1 = 1",
    );
    pairings_where(q, scope, "r.id", "r.status");
}

fn cultivation_source(q: &mut Dynamic, scope: &DataScope) {
    q.push(
        " FROM cultivation_records r JOIN pairings pr ON pr.id = r.pairing_id JOIN counties c ON c.code = pr.county_code \
         JOIN provinces p ON p.code = c.province_code WHERE 1 = 1",
    );
    pairings_where(q, scope, "r.pairing_id", "pr.status");
}

fn organizations_source(q: &mut Dynamic, scope: &DataScope) {
    q.push(" FROM organizations r JOIN provinces p ON p.code = r.province_code WHERE 1 = 1");
    match scope {
        DataScope::All => {}
        DataScope::Province(p) => {
            q.push(" AND r.province_code = ");
            bind_text(q, p);
        }
        DataScope::County(county) => {
            // the organizations in a pairing with the county
            q.push(
                " AND r.id IN (SELECT m.organization_id FROM pairing_members m JOIN pairings pc ON pc.id = m.pairing_id \
                 WHERE m.consent = 'accepted' AND pc.county_code = ",
            );
            bind_text(q, county);
            q.push(")");
        }
        DataScope::Organization(o) => {
            q.push(" AND r.id = ");
            bind_text(q, o);
        }
        DataScope::Published => {
            q.push(" AND r.status = 'active'");
        }
    }
}

fn needs_source(q: &mut Dynamic, scope: &DataScope) {
    q.push(" FROM needs r JOIN counties c ON c.code = r.county_code JOIN provinces p ON p.code = c.province_code WHERE 1 = 1");
    match scope {
        DataScope::All => {}
        DataScope::Province(p) => {
            q.push(" AND c.province_code = ");
            bind_text(q, p);
        }
        DataScope::County(county) => {
            q.push(" AND c.code = ");
            bind_text(q, county);
        }
        // needs are the counties': everyone else reads the open and matched ones
        DataScope::Organization(_) | DataScope::Published => {
            q.push(" AND r.status IN ('open', 'matched')");
        }
    }
}

fn brands_source(q: &mut Dynamic, scope: &DataScope) {
    q.push(" FROM brands r JOIN provinces p ON p.code = r.province_code WHERE 1 = 1");
    let published = " AND r.status IN ('recognized', 'demonstration') AND r.review_flag = FALSE";
    match scope {
        DataScope::All => {}
        DataScope::Province(p) => {
            q.push(" AND r.province_code = ");
            bind_text(q, p);
        }
        DataScope::Organization(o) => {
            q.push(" AND (r.owner_organization_id = ");
            bind_text(q, o);
            q.push(" OR r.id IN (SELECT brand_id FROM brand_partners WHERE organization_id = ");
            bind_text(q, o);
            q.push("))");
        }
        DataScope::County(_) | DataScope::Published => {
            q.push(published);
        }
    }
}

/// Trainings with their participants (one row per participant, or one without any): in the
/// country all; a province the provincial and county trainings held in it; a county its own; an
/// organization's members the trainings it took part in (not confirmed absent); everyone else
/// (evaluators, viewers) the held ones. National trainings have no province: they count in the
/// national scope only, as the row of no province named 全国. Every signed-in role reads the
/// trainings and their participants (`trainings::store`), so no scope shows more than they do.
fn trainings_source(q: &mut Dynamic, scope: &DataScope) {
    q.push(
        " FROM trainings r LEFT JOIN provinces p ON p.code = r.province_code \
         LEFT JOIN training_participants tp ON tp.training_id = r.id WHERE 1 = 1",
    );
    match scope {
        DataScope::All => {}
        DataScope::Province(p) => {
            q.push(" AND r.province_code = ");
            bind_text(q, p);
        }
        DataScope::County(county) => {
            q.push(" AND r.county_code = ");
            bind_text(q, county);
        }
        DataScope::Organization(o) => {
            q.push(" AND r.id IN (SELECT training_id FROM training_participants WHERE (attended IS NULL OR attended) AND organization_id = ");
            bind_text(q, o);
            q.push(")");
        }
        DataScope::Published => {
            q.push(" AND r.status = 'held'");
        }
    }
}

/// Incidents, exactly as `incidents::store::visible_to` lets each scope read them: the country
/// all; a province its own; a county its own; an organization's members the ones it reported;
/// nobody else (incidents are never public).
fn incidents_source(q: &mut Dynamic, scope: &DataScope) {
    q.push(" FROM incidents r JOIN counties c ON c.code = r.county_code JOIN provinces p ON p.code = r.province_code WHERE 1 = 1");
    match scope {
        DataScope::All => {}
        DataScope::Province(p) => {
            q.push(" AND r.province_code = ");
            bind_text(q, p);
        }
        DataScope::County(county) => {
            q.push(" AND r.county_code = ");
            bind_text(q, county);
        }
        DataScope::Organization(o) => {
            q.push(" AND r.reporter_organization_id = ");
            bind_text(q, o);
        }
        DataScope::Published => {
            q.push(" AND 1 = 0");
        }
    }
}

use crate::domain::brand::{BrandLine, BrandStatus};
use crate::domain::incident::{IncidentKind, IncidentStatus, Severity};
use crate::domain::pairing::PairingStatus;
use crate::domain::project::ProjectStatus;
use crate::domain::training::{OrganizerLevel, TrainingMode, TrainingStatus};
use crate::domain::{AssistanceType, Channel, LegalForm, NeedStatus, OrgCategory, OrgStatus, Priority, RegistrationLevel};

static PROJECTS: FactDef = FactDef {
    keys: &[
        PROVINCE,
        COUNTY,
        KEY_COUNTY,
        Key { name: "status", expr: "r.status", label: None, values: values!(ProjectStatus), zh: "项目状态", en: "Status" },
        Key { name: "assistance_type", expr: "r.assistance_type", label: None, values: values!(AssistanceType), zh: "帮扶类型", en: "Assistance type" },
        Key { name: "year", expr: "r.year", label: None, values: None, zh: "对接年份", en: "Year docked" },
        Key {
            name: "government_purchase",
            expr: "CASE WHEN r.government_purchase THEN 'true' ELSE 'false' END",
            label: None,
            values: None,
            zh: "政府购买服务",
            en: "Government purchase",
        },
    ],
    measures: &[
        Measure { name: "count", sum: Sum::Parts("projects", ""), money: false, zh: "项目数", en: "Projects" },
        Measure { name: "planned_funds", sum: Sum::Parts("planned_hi", "planned_lo"), money: true, zh: "计划资金（元）", en: "Planned funds (yuan)" },
        Measure { name: "funds_in_place", sum: Sum::Parts("in_place_hi", "in_place_lo"), money: true, zh: "到位资金（元）", en: "Funds in place (yuan)" },
        Measure { name: "contract_amount", sum: Sum::Parts("contract_hi", "contract_lo"), money: true, zh: "政府购买合同金额（元）", en: "Contract amount (yuan)" },
        Measure { name: "beneficiaries_planned", sum: Sum::Parts("ben_planned_hi", "ben_planned_lo"), money: false, zh: "计划受益人数", en: "Beneficiaries planned" },
        Measure { name: "beneficiaries_reached", sum: Sum::Parts("ben_reached_hi", "ben_reached_lo"), money: false, zh: "实际受益人数", en: "Beneficiaries reached" },
    ],
    ratios: &[],
    province: "r.province_code",
    county: Some("r.county_code"),
    key_county: Some("c.key_county"),
    year: Some(year_of_rollup),
    source: projects_source,
};

static PAIRINGS: FactDef = FactDef {
    keys: &[
        PROVINCE,
        COUNTY,
        KEY_COUNTY,
        Key { name: "status", expr: "r.status", label: None, values: values!(PairingStatus), zh: "结对状态", en: "Status" },
        Key { name: "channel", expr: "r.channel", label: None, values: values!(Channel), zh: "结对渠道", en: "Channel" },
        Key {
            name: "registration_level",
            expr: "lo.registration_level",
            label: None,
            values: values!(RegistrationLevel),
            zh: "牵头组织登记层级",
            en: "Lead organization's registration level",
        },
        Key { name: "year", expr: "__year__", label: None, values: None, zh: "开始年份", en: "Year started" },
    ],
    measures: &[
        Measure { name: "count", sum: Sum::Count("*"), money: false, zh: "结对数", en: "Pairings" },
        Measure { name: "counties", sum: Sum::Count("r.county_code"), money: false, zh: "覆盖县数", en: "Counties" },
        Measure { name: "planned_funds", sum: Sum::Of("r.planned_funds_fen"), money: true, zh: "计划资金（元）", en: "Planned funds (yuan)" },
        Measure { name: "planned_projects", sum: Sum::Of("r.planned_projects"), money: false, zh: "计划项目数", en: "Planned projects" },
    ],
    ratios: &[],
    province: "c.province_code",
    county: Some("c.code"),
    key_county: Some("c.key_county"),
    year: Some(year_of_start),
    source: pairings_source,
};

static CULTIVATION: FactDef = FactDef {
    keys: &[
        PROVINCE,
        COUNTY,
        KEY_COUNTY,
        Key { name: "year", expr: "__year__", label: None, values: None, zh: "年份", en: "Year" },
    ],
    measures: &[
        Measure { name: "records", sum: Sum::Count("*"), money: false, zh: "记录数", en: "Records" },
        Measure { name: "trainings", sum: Sum::Of("r.trainings"), money: false, zh: "培训场次", en: "Trainings" },
        Measure { name: "trainees", sum: Sum::Of("r.trainees"), money: false, zh: "培训人次", en: "Trainees" },
        Measure { name: "local_organizations", sum: Sum::Of("r.local_organizations"), money: false, zh: "培育本土社会组织", en: "Local organizations" },
        Measure { name: "volunteers", sum: Sum::Of("r.volunteers"), money: false, zh: "志愿者", en: "Volunteers" },
        Measure { name: "social_workers", sum: Sum::Of("r.social_workers"), money: false, zh: "社会工作者", en: "Social workers" },
    ],
    ratios: &[],
    province: "c.province_code",
    county: Some("c.code"),
    key_county: Some("c.key_county"),
    year: Some(year_of_record),
    source: cultivation_source,
};

static ORGANIZATIONS: FactDef = FactDef {
    keys: &[
        PROVINCE,
        Key { name: "legal_form", expr: "r.legal_form", label: None, values: values!(LegalForm), zh: "组织类型", en: "Legal form" },
        Key { name: "category", expr: "r.category", label: None, values: values!(OrgCategory), zh: "类别", en: "Category" },
        Key {
            name: "registration_level",
            expr: "r.registration_level",
            label: None,
            values: values!(RegistrationLevel),
            zh: "登记层级",
            en: "Registration level",
        },
        Key { name: "status", expr: "r.status", label: None, values: values!(OrgStatus), zh: "状态", en: "Status" },
        Key { name: "year", expr: "__year__", label: None, values: None, zh: "登记年份", en: "Year registered" },
    ],
    measures: &[Measure { name: "count", sum: Sum::Count("*"), money: false, zh: "组织数", en: "Organizations" }],
    ratios: &[],
    province: "r.province_code",
    county: None,
    key_county: None,
    year: Some(year_of_created),
    source: organizations_source,
};

static NEEDS: FactDef = FactDef {
    keys: &[
        PROVINCE,
        COUNTY,
        KEY_COUNTY,
        Key { name: "status", expr: "r.status", label: None, values: values!(NeedStatus), zh: "需求状态", en: "Status" },
        Key { name: "assistance_type", expr: "r.assistance_type", label: None, values: values!(AssistanceType), zh: "需求类型", en: "Type" },
        Key { name: "priority", expr: "r.priority", label: None, values: values!(Priority), zh: "优先级", en: "Priority" },
        Key { name: "year", expr: "__year__", label: None, values: None, zh: "提出年份", en: "Year raised" },
    ],
    measures: &[
        Measure { name: "count", sum: Sum::Count("*"), money: false, zh: "需求数", en: "Needs" },
        Measure { name: "matched", sum: Sum::Of("CASE WHEN r.status = 'matched' THEN 1 ELSE 0 END"), money: false, zh: "已对接", en: "Matched" },
        Measure { name: "budget_estimate", sum: Sum::Of("r.budget_estimate_fen"), money: true, zh: "预算估算（元）", en: "Budget estimate (yuan)" },
        Measure { name: "beneficiaries", sum: Sum::Of("r.beneficiaries"), money: false, zh: "受益人数", en: "Beneficiaries" },
    ],
    ratios: &[Ratio { name: "matched_ratio", part: "matched", whole: "count", zh: "对接率", en: "Matched ratio" }],
    province: "c.province_code",
    county: Some("c.code"),
    key_county: Some("c.key_county"),
    year: Some(year_of_created),
    source: needs_source,
};

static BRANDS: FactDef = FactDef {
    keys: &[
        PROVINCE,
        Key { name: "line", expr: "r.line", label: None, values: values!(BrandLine), zh: "品牌线", en: "Line" },
        Key { name: "status", expr: "r.status", label: None, values: values!(BrandStatus), zh: "品牌状态", en: "Status" },
        Key { name: "year", expr: "__year__", label: None, values: None, zh: "创立年份", en: "Year started" },
    ],
    measures: &[
        Measure { name: "count", sum: Sum::Count("*"), money: false, zh: "品牌数", en: "Brands" },
        Measure { name: "funds_in_place", sum: Sum::Of("r.funds_in_place_fen"), money: true, zh: "到位资金（元）", en: "Funds in place (yuan)" },
        Measure { name: "counties_reached", sum: Sum::Of("r.counties_reached"), money: false, zh: "覆盖县数（累计）", en: "Counties reached (summed)" },
    ],
    ratios: &[],
    province: "r.province_code",
    county: None,
    key_county: None,
    year: Some(year_of_brand),
    source: brands_source,
};

static TRAININGS: FactDef = FactDef {
    keys: &[
        // national trainings have none: a row without a province, named 全国
        Key { name: "province", expr: "r.province_code", label: Some("COALESCE(p.name, '全国')"), values: None, zh: "省份", en: "Province" },
        Key { name: "level", expr: "r.organizer_level", label: None, values: values!(OrganizerLevel), zh: "主办层级", en: "Organizer level" },
        Key { name: "status", expr: "r.status", label: None, values: values!(TrainingStatus), zh: "培训状态", en: "Status" },
        Key { name: "mode", expr: "r.mode", label: None, values: values!(TrainingMode), zh: "培训形式", en: "Mode" },
        Key { name: "year", expr: "__year__", label: None, values: None, zh: "培训年份", en: "Year" },
    ],
    measures: &[
        Measure { name: "count", sum: Sum::Count("r.id"), money: false, zh: "培训场次", en: "Trainings" },
        // an organization confirmed absent trained nobody: neither it nor its people count, as in
        // `trainings::store::participant_counts`; distinct in each row, the totals adding the rows
        // up, as pairings' counties
        Measure {
            name: "organizations",
            sum: Sum::Count("CASE WHEN tp.attended IS NULL OR tp.attended THEN tp.organization_id END"),
            money: false,
            zh: "参训组织",
            en: "Organizations trained",
        },
        Measure { name: "head_count", sum: Sum::Of("CASE WHEN tp.attended IS NULL OR tp.attended THEN tp.head_count ELSE 0 END"), money: false, zh: "培训人次", en: "People trained" },
    ],
    ratios: &[],
    province: "r.province_code",
    county: None,
    key_county: None,
    year: Some(year_of_training),
    source: trainings_source,
};

static INCIDENTS: FactDef = FactDef {
    keys: &[
        PROVINCE,
        COUNTY,
        KEY_COUNTY,
        Key { name: "kind", expr: "r.kind", label: None, values: values!(IncidentKind), zh: "事件类型", en: "Kind" },
        Key { name: "severity", expr: "r.severity", label: None, values: values!(Severity), zh: "事件等级", en: "Severity" },
        Key { name: "status", expr: "r.status", label: None, values: values!(IncidentStatus), zh: "事件状态", en: "Status" },
        Key { name: "year", expr: "__year__", label: None, values: None, zh: "发生年份", en: "Year occurred" },
    ],
    measures: &[
        Measure { name: "count", sum: Sum::Count("*"), money: false, zh: "事件数", en: "Incidents" },
        // `Severity::is_urgent` and `IncidentStatus::OPEN` (checked by the tests below)
        Measure { name: "urgent", sum: Sum::Of(URGENT), money: false, zh: "重大及以上", en: "High or critical" },
        Measure { name: "open", sum: Sum::Of(OPEN), money: false, zh: "未结", en: "Open" },
    ],
    ratios: &[],
    province: "r.province_code",
    county: Some("r.county_code"),
    key_county: Some("c.key_county"),
    year: Some(year_of_incident),
    source: incidents_source,
};

const URGENT: &str = "CASE WHEN r.severity IN ('high', 'critical') THEN 1 ELSE 0 END";
const OPEN: &str = "CASE WHEN r.status IN ('reported', 'handling') THEN 1 ELSE 0 END";

fn def(fact: Fact) -> &'static FactDef {
    match fact {
        Fact::Projects => &PROJECTS,
        Fact::Pairings => &PAIRINGS,
        Fact::Cultivation => &CULTIVATION,
        Fact::Organizations => &ORGANIZATIONS,
        Fact::Needs => &NEEDS,
        Fact::Brands => &BRANDS,
        Fact::Trainings => &TRAININGS,
        Fact::Incidents => &INCIDENTS,
    }
}

/// The keys of each fact, for the contract's description.
pub fn keys_of(fact: Fact) -> Vec<&'static str> {
    def(fact).keys.iter().map(|k| k.name).collect()
}

/// Up to three keys, three name columns and 16 measure parts: every fact fits this shape.
#[derive(QueryableByName, Default)]
struct Raw {
    #[diesel(sql_type = Nullable<Text>)]
    k0: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    k1: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    k2: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    n0: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    n1: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    n2: Option<String>,
    #[diesel(sql_type = BigInt)]
    m0: i64,
    #[diesel(sql_type = BigInt)]
    m1: i64,
    #[diesel(sql_type = BigInt)]
    m2: i64,
    #[diesel(sql_type = BigInt)]
    m3: i64,
    #[diesel(sql_type = BigInt)]
    m4: i64,
    #[diesel(sql_type = BigInt)]
    m5: i64,
    #[diesel(sql_type = BigInt)]
    m6: i64,
    #[diesel(sql_type = BigInt)]
    m7: i64,
    #[diesel(sql_type = BigInt)]
    m8: i64,
    #[diesel(sql_type = BigInt)]
    m9: i64,
    #[diesel(sql_type = BigInt)]
    m10: i64,
    #[diesel(sql_type = BigInt)]
    m11: i64,
}

impl Raw {
    fn keys(&self) -> [&Option<String>; 3] {
        [&self.k0, &self.k1, &self.k2]
    }
    fn names(&self) -> [&Option<String>; 3] {
        [&self.n0, &self.n1, &self.n2]
    }
    fn parts(&self) -> [i64; 12] {
        [self.m0, self.m1, self.m2, self.m3, self.m4, self.m5, self.m6, self.m7, self.m8, self.m9, self.m10, self.m11]
    }
}

const MAX_MEASURES: usize = 6;

fn cast_sum(expr: &str, alias: &str) -> String {
    format!("CAST(COALESCE(SUM({expr}), 0) AS BIGINT) AS {alias}")
}

/// The two part columns of measure `i`.
fn measure_sql(m: &Measure, i: usize) -> [String; 2] {
    let (hi, lo) = (format!("m{}", 2 * i), format!("m{}", 2 * i + 1));
    match &m.sum {
        Sum::Count("*") => [format!("CAST(COUNT(*) AS BIGINT) AS {hi}"), format!("CAST(0 AS BIGINT) AS {lo}")],
        Sum::Count(expr) => [format!("CAST(COUNT(DISTINCT {expr}) AS BIGINT) AS {hi}"), format!("CAST(0 AS BIGINT) AS {lo}")],
        Sum::Of(expr) => [
            cast_sum(&format!("({expr}) / {FUNDS_SPLIT}"), &hi),
            cast_sum(&format!("({expr}) % {FUNDS_SPLIT}"), &lo),
        ],
        Sum::Parts(h, "") => [cast_sum(&format!("r.{h}"), &hi), format!("CAST(0 AS BIGINT) AS {lo}")],
        Sum::Parts(h, l) => [cast_sum(&format!("r.{h}"), &hi), cast_sum(&format!("r.{l}"), &lo)],
    }
}

/// A measure's exact value from its parts (a count has no `lo`, and its `hi` is the count).
fn measure_value(m: &Measure, hi: i64, lo: i64) -> i128 {
    match m.sum {
        Sum::Count(_) | Sum::Parts(_, "") => i128::from(hi),
        _ => join_fen(hi, lo),
    }
}

fn parse_group_by(fact: &FactDef, raw: Option<&str>) -> ApiResult<Vec<&'static Key>> {
    let mut out: Vec<&'static Key> = vec![];
    for part in raw.unwrap_or_default().split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let key = fact.keys.iter().find(|k| k.name == part).ok_or_else(|| {
            let allowed = fact.keys.iter().map(|k| k.name).collect::<Vec<_>>().join(", ");
            ApiError::field("group_by", tr!("不支持的分组：{part}（可选：{allowed}）", "unknown grouping {part} (one of: {allowed})"))
        })?;
        if out.iter().any(|k| k.name == key.name) {
            return Err(ApiError::field("group_by", tr!("分组重复：{part}", "{part} is listed twice")));
        }
        out.push(key);
    }
    if out.len() > MAX_DIMENSIONS {
        return Err(ApiError::field("group_by", tr!("最多按 {MAX_DIMENSIONS} 项分组", "at most {MAX_DIMENSIONS} groupings")));
    }
    Ok(out)
}

/// The query checked against the fact: unknown keys, filters the fact does not have, values
/// outside a key's vocabulary and years out of range are 422s naming the parameter.
pub fn check(fact: Fact, query: &TableQuery) -> ApiResult<()> {
    let d = def(fact);
    parse_group_by(d, query.group_by.as_deref())?;
    if let Some(y) = query.year
        && !crate::bounds::YEARS.contains(&y)
    {
        return Err(ApiError::field("year", tr!("年份应在 2021–2100 之间", "must be between 2021 and 2100")));
    }
    let unsupported = |field: &'static str| {
        ApiError::field(field, tr!("该统计对象不支持此筛选", "this fact cannot be filtered by it"))
    };
    if query.county.is_some() && d.county.is_none() {
        return Err(unsupported("county"));
    }
    if query.key_county.is_some() && d.key_county.is_none() {
        return Err(unsupported("key_county"));
    }
    for name in query.key_filters() {
        let key = d.keys.iter().find(|k| k.name == name).ok_or_else(|| unsupported(name))?;
        let value = query.filter_of(name).unwrap_or_default();
        if let Some(values) = key.values
            && !values().contains(&value)
        {
            let allowed = values().join(", ");
            return Err(ApiError::field(name, tr!("不支持的取值：{value}（可选：{allowed}）", "unknown value {value} (one of: {allowed})")));
        }
    }
    Ok(())
}

fn key_value(key: &Key, raw: &str) -> serde_json::Value {
    match key.name {
        "year" => raw.parse::<i64>().map(serde_json::Value::from).unwrap_or(serde_json::Value::Null),
        "key_county" | "government_purchase" => serde_json::Value::Bool(raw == "true"),
        _ => serde_json::Value::String(raw.to_owned()),
    }
}

pub fn columns(fact: Fact, query: &TableQuery) -> ApiResult<Vec<Column>> {
    let d = def(fact);
    let mut out = vec![];
    for k in parse_group_by(d, query.group_by.as_deref())? {
        out.push(Column { key: k.name.into(), kind: ColumnKind::Key, label_zh: k.zh.into(), label_en: k.en.into() });
        if k.label.is_some() {
            out.push(Column {
                key: format!("{}_name", k.name),
                kind: ColumnKind::Key,
                label_zh: format!("{}名称", k.zh),
                label_en: format!("{} name", k.en),
            });
        }
    }
    for m in d.measures {
        let kind = if m.money { ColumnKind::Money } else { ColumnKind::Count };
        out.push(Column { key: m.name.into(), kind, label_zh: m.zh.into(), label_en: m.en.into() });
    }
    for r in d.ratios {
        out.push(Column { key: r.name.into(), kind: ColumnKind::Ratio, label_zh: r.zh.into(), label_en: r.en.into() });
    }
    Ok(out)
}

fn json_measure(m: &Measure, v: i128) -> serde_json::Value {
    if m.money {
        serde_json::Value::String(MoneyTotal::from_fen(v).to_string())
    } else {
        serde_json::to_value(v).unwrap_or(serde_json::Value::Null)
    }
}

fn ratios(d: &FactDef, values: &BTreeMap<&str, i128>, into: &mut serde_json::Map<String, serde_json::Value>) {
    for r in d.ratios {
        let (part, whole) = (values.get(r.part).copied().unwrap_or(0), values.get(r.whole).copied().unwrap_or(0));
        // four decimals, as a number: 0.3333
        let ratio = if whole == 0 { serde_json::Value::Null } else { serde_json::json!(((part * 10_000) / whole) as f64 / 10_000.0) };
        into.insert(r.name.into(), ratio);
    }
}

pub fn table(conn: &mut DbConn, scope: &DataScope, fact: Fact, query: &TableQuery) -> ApiResult<StatisticsTable> {
    check(fact, query)?;
    let d = def(fact);
    let group_by = parse_group_by(d, query.group_by.as_deref())?;
    debug_assert!(d.measures.len() <= MAX_MEASURES);
    let mut q = Dynamic::new(conn);
    let pg = q.postgres();
    let year = d.year.map(|y| y(pg)).unwrap_or("NULL");
    let expr = |k: &Key| k.expr.replace("__year__", year);
    let mut select = vec![];
    let mut grouped = vec![];
    for i in 0..3 {
        match group_by.get(i) {
            Some(k) => {
                select.push(format!("CAST({} AS TEXT) AS k{i}", expr(k)));
                grouped.push(expr(k));
                match k.label {
                    Some(l) => {
                        select.push(format!("{l} AS n{i}"));
                        grouped.push(l.to_owned());
                    }
                    None => select.push(format!("CAST(NULL AS TEXT) AS n{i}")),
                }
            }
            None => select.extend([format!("CAST(NULL AS TEXT) AS k{i}"), format!("CAST(NULL AS TEXT) AS n{i}")]),
        }
    }
    for i in 0..MAX_MEASURES {
        match d.measures.get(i) {
            Some(m) => select.extend(measure_sql(m, i)),
            None => select.extend([format!("CAST(0 AS BIGINT) AS m{}", 2 * i), format!("CAST(0 AS BIGINT) AS m{}", 2 * i + 1)]),
        }
    }
    q.push("SELECT ").push(&select.join(", "));
    (d.source)(&mut q, scope);
    if let Some(p) = &query.province {
        q.push(&format!(" AND {} = ", d.province));
        bind_text(&mut q, p);
    }
    if let (Some(c), Some(col)) = (&query.county, d.county) {
        q.push(&format!(" AND {col} = "));
        bind_text(&mut q, c);
    }
    if let (Some(k), Some(col)) = (query.key_county, d.key_county) {
        q.push(&format!(" AND {col} = ")).bind(Bind::Bool(k));
    }
    if let Some(y) = query.year {
        q.push(&format!(" AND {year} = ")).bind(Bind::BigInt(y));
    }
    for name in query.key_filters() {
        if let Some(k) = d.keys.iter().find(|k| k.name == name) {
            q.push(&format!(" AND {} = ", expr(k)));
            bind_text(&mut q, query.filter_of(name).unwrap_or_default());
        }
    }
    if !grouped.is_empty() {
        // a key without a value (a national training's province) first, on either database
        let order = grouped.iter().map(|g| format!("{g} NULLS FIRST")).collect::<Vec<_>>().join(", ");
        q.push(&format!(" GROUP BY {} ORDER BY {order}", grouped.join(", ")));
    }
    let raw: Vec<Raw> = q.load(conn)?;
    if raw.len() > MAX_ROWS {
        return Err(ApiError::field(
            "group_by",
            tr!("分组过多，请缩小范围（例如按省份筛选）", "too many groups: narrow the query (a province, say)"),
        ));
    }
    let mut totals: BTreeMap<&str, i128> = BTreeMap::new();
    let mut rows = vec![];
    for r in &raw {
        let parts = r.parts();
        let mut values: BTreeMap<&str, i128> = BTreeMap::new();
        for (i, m) in d.measures.iter().enumerate() {
            values.insert(m.name, measure_value(m, parts[2 * i], parts[2 * i + 1]));
        }
        // projects keep rows that moved away at zero; an empty group is no group
        if group_by.is_empty() || values.get(d.measures[0].name).copied().unwrap_or(0) == 0 {
            for (name, v) in &values {
                let t = totals.entry(name).or_default();
                *t = t.checked_add(*v).ok_or_else(|| ApiError::Internal(anyhow::anyhow!("statistics sum overflow")))?;
            }
            continue;
        }
        let mut row = serde_json::Map::new();
        for (i, k) in group_by.iter().enumerate() {
            let value = r.keys()[i].as_deref().map_or(serde_json::Value::Null, |raw| key_value(k, raw));
            row.insert(k.name.into(), value);
            if k.label.is_some() {
                row.insert(format!("{}_name", k.name), serde_json::Value::from(r.names()[i].clone().unwrap_or_default()));
            }
        }
        for m in d.measures {
            let v = values[m.name];
            row.insert(m.name.into(), json_measure(m, v));
            let t = totals.entry(m.name).or_default();
            *t = t.checked_add(v).ok_or_else(|| ApiError::Internal(anyhow::anyhow!("statistics sum overflow")))?;
        }
        ratios(d, &values, &mut row);
        rows.push(row);
    }
    let mut total_row = serde_json::Map::new();
    for m in d.measures {
        total_row.insert(m.name.into(), json_measure(m, totals.get(m.name).copied().unwrap_or(0)));
    }
    ratios(d, &totals, &mut total_row);
    Ok(StatisticsTable {
        fact,
        group_by: group_by.iter().map(|k| k.name.to_owned()).collect(),
        columns: columns(fact, query)?,
        rows,
        totals: total_row,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_incident_measures_name_the_urgent_severities_and_the_open_statuses() {
        for s in Severity::ALL {
            assert_eq!(URGENT.contains(&format!("'{}'", s.as_str())), s.is_urgent(), "{s:?}");
        }
        for s in IncidentStatus::ALL {
            assert_eq!(OPEN.contains(&format!("'{}'", s.as_str())), s.is_open(), "{s:?}");
        }
    }
}
