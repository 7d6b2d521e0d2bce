//! The catalogue of metrics a computed indicator can read (`GET /indicator-metrics`), and their
//! computation for every subject of a type over a round's period, from the tables directly, in
//! a handful of grouped queries whatever the number of subjects (the snapshot job).

use std::collections::{BTreeMap, HashMap};

use chrono::{Duration, NaiveDate, NaiveDateTime};
use diesel::QueryableByName;
use diesel::sql_types::{BigInt, Text};
use serde::Serialize;
use utoipa::ToSchema;

use crate::db::DbConn;
use crate::db::sql::{Bind, Dynamic, FUNDS_SPLIT, join_fen};
use crate::domain::evaluation::SubjectType;
use crate::domain::project::STALE_DAYS;
use crate::error::ApiResult;

use SubjectType::{Brand as B, Organization as O, Province as P};

/// One metric of the catalogue.
pub struct Metric {
    pub code: &'static str,
    pub subjects: &'static [SubjectType],
    pub zh: &'static str,
    pub en: &'static str,
    /// How it is computed, for the framework editor and the evidence pack.
    pub how_zh: &'static str,
    pub how_en: &'static str,
    pub unit: &'static str,
}

macro_rules! m {
    ($code:literal, [$($s:ident),+], $zh:literal, $en:literal, $how_zh:literal, $how_en:literal, $unit:literal) => {
        Metric { code: $code, subjects: &[$($s),+], zh: $zh, en: $en, how_zh: $how_zh, how_en: $how_en, unit: $unit }
    };
}

/// Every metric, in the order the editor offers them. "Taking part" means an accepted
/// organization of the project (or pairing); the period is the round's, both days included.
pub const CATALOGUE: &[Metric] = &[
    m!("key_counties_paired", [O], "结对重点帮扶县数", "Key counties paired",
       "期内处于帮扶中或已完成的结对所在的国家乡村振兴重点帮扶县（去重）", "Distinct national key counties of the pairings it took part in that were active or concluded during the period", "个"),
    m!("key_counties_covered_ratio", [P], "重点帮扶县覆盖率", "Key counties covered",
       "省内重点帮扶县中，期内有帮扶中或已完成结对的比例", "Share of the province's key counties with a pairing active or concluded during the period", "%"),
    m!("active_pairings", [O, P], "结对数", "Pairings",
       "期内处于帮扶中或已完成的结对数", "Pairings active or concluded during the period", "个"),
    m!("projects_landed", [O, B, P], "期内落地项目数", "Projects landed",
       "落地确认时间在期内的项目", "Projects whose landing was confirmed during the period", "个"),
    m!("landed_ratio", [O, B, P], "项目落地率", "Landed ratio",
       "期末前对接的未取消项目中，已落地或已完成的比例", "Landed or completed, of the projects docked by the end of the period and not cancelled", "%"),
    m!("funds_in_place", [O, B, P], "到位资金", "Funds in place",
       "期末前对接的项目的到位资金（元）", "Funds in place of the projects docked by the end of the period (yuan)", "元"),
    m!("beneficiaries_reached", [O, B, P], "受益人数", "Beneficiaries reached",
       "期末前对接的项目已惠及的人数", "People reached by the projects docked by the end of the period", "人"),
    m!("updated_recently_ratio", [O, B, P], "持续跟踪率", "Tracked within 90 days",
       "进行中的项目里，期末（或今天）前 90 天内有更新的比例", "Share of the open projects with an update in the 90 days before the period's end (or today)", "%"),
    m!("counties_reached", [B], "覆盖县数", "Counties reached",
       "期末前对接的项目所在县（去重）", "Distinct counties of the projects docked by the end of the period", "个"),
    m!("key_counties_reached", [B], "覆盖重点帮扶县数", "Key counties reached",
       "上述县中的国家乡村振兴重点帮扶县", "The national key counties among them", "个"),
    m!("years_active", [B], "品牌持续年数", "Years active",
       "自创立年份（或首个项目）至期末年份，首尾均计", "Years from its founding (or first project) to the period's last year, both counted", "年"),
    m!("local_organizations_cultivated", [O, B, P], "培育本土社会组织", "Local organizations cultivated",
       "期内培育记录中的本土社会组织数", "Local organizations in the cultivation records of the period", "个"),
    m!("volunteers_cultivated", [O, B, P], "培育志愿者", "Volunteers cultivated",
       "期内培育记录中的志愿者数", "Volunteers in the cultivation records of the period", "人"),
    m!("social_workers_cultivated", [O, B, P], "培育社会工作者", "Social workers cultivated",
       "期内培育记录中的社会工作者数", "Social workers in the cultivation records of the period", "人"),
    m!("typical_cases", [O, B, P], "典型案例", "Typical cases",
       "征集年份在期内、被评为典型案例的案例数", "Cases named typical in collections of the period's years", "个"),
    m!("brands_recognized", [O, P], "认定公益品牌", "Brands recognized",
       "已认定或示范公益品牌数", "Brands recognized or named demonstration brands", "个"),
];

pub fn find(code: &str) -> Option<&'static Metric> {
    CATALOGUE.iter().find(|m| m.code == code)
}

/// A metric as the contract publishes it.
#[derive(Serialize, ToSchema, Debug, Clone)]
pub struct IndicatorMetric {
    pub code: String,
    pub subject_types: Vec<SubjectType>,
    pub name_zh: String,
    pub name_en: String,
    pub description_zh: String,
    pub description_en: String,
    pub unit: String,
}

pub fn published() -> Vec<IndicatorMetric> {
    CATALOGUE
        .iter()
        .map(|m| IndicatorMetric {
            code: m.code.into(),
            subject_types: m.subjects.to_vec(),
            name_zh: m.zh.into(),
            name_en: m.en.into(),
            description_zh: m.how_zh.into(),
            description_en: m.how_en.into(),
            unit: m.unit.into(),
        })
        .collect()
}

/// The figures of one subject: metric code → raw value.
pub type Figures = BTreeMap<String, f64>;

/// What `compute` found for each subject: one value per metric of the catalogue, in its order
/// (compact: a national round computes 100,000 of them at once).
pub type Computed = HashMap<String, [f64; CATALOGUE.len()]>;

fn position(code: &str) -> usize {
    CATALOGUE.iter().position(|m| m.code == code).unwrap_or_else(|| unreachable!("{code} is in the catalogue"))
}

/// The period a round measures, both days included.
#[derive(Debug, Clone, Copy)]
pub struct Period {
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub now: NaiveDateTime,
}

impl Period {
    fn start_at(&self) -> NaiveDateTime {
        self.start.and_hms_opt(0, 0, 0).unwrap_or_default()
    }
    /// The first moment after the period.
    fn end_at(&self) -> NaiveDateTime {
        (self.end + Duration::days(1)).and_hms_opt(0, 0, 0).unwrap_or_default()
    }
    /// Updates after this count as recent: 90 days before the period's end, or before now if
    /// the period has not ended.
    fn fresh_after(&self) -> NaiveDateTime {
        self.end_at().min(self.now) - Duration::days(STALE_DAYS)
    }
}

#[derive(QueryableByName)]
struct ProjectFigures {
    #[diesel(sql_type = Text)]
    k: String,
    #[diesel(sql_type = BigInt)]
    landed_in_period: i64,
    #[diesel(sql_type = BigInt)]
    published: i64,
    #[diesel(sql_type = BigInt)]
    live: i64,
    #[diesel(sql_type = BigInt)]
    open: i64,
    #[diesel(sql_type = BigInt)]
    fresh: i64,
    #[diesel(sql_type = BigInt)]
    funds_hi: i64,
    #[diesel(sql_type = BigInt)]
    funds_lo: i64,
    #[diesel(sql_type = BigInt)]
    reached: i64,
    #[diesel(sql_type = BigInt)]
    counties: i64,
    #[diesel(sql_type = BigInt)]
    key_counties: i64,
    #[diesel(sql_type = BigInt)]
    first_year: i64,
}

#[derive(QueryableByName)]
struct Counts {
    #[diesel(sql_type = Text)]
    k: String,
    #[diesel(sql_type = BigInt)]
    a: i64,
    #[diesel(sql_type = BigInt)]
    b: i64,
    #[diesel(sql_type = BigInt)]
    c: i64,
}

fn ratio(part: i64, whole: i64) -> f64 {
    if whole == 0 { 0.0 } else { (part as f64 / whole as f64 * 10_000.0).round() / 100.0 }
}

/// Computes every metric of `subject` for every subject of that type (keyed by organization
/// id, brand id or province code) over the period. Subjects with no figures are absent: their
/// figures are all 0.
pub fn compute(conn: &mut DbConn, subject: SubjectType, period: Period) -> ApiResult<Computed> {
    let mut out: Computed = HashMap::new();
    // A brand's first project year, for `years_active`.
    let mut first_year: HashMap<String, i64> = HashMap::new();
    let mut put = |k: String, code: &str, v: f64| {
        out.entry(k).or_insert([0.0; CATALOGUE.len()])[position(code)] = v;
    };
    // Projects: who takes part in them is the grouping.
    let (from, key) = match subject {
        O => ("project_organizations po JOIN projects p ON p.id = po.project_id AND po.consent = 'accepted'", "po.organization_id"),
        B => ("projects p", "p.brand_id"),
        P => ("projects p", "p.province_code"),
    };
    let mut q = Dynamic::new(conn);
    let year_created =
        if q.postgres() { "EXTRACT(YEAR FROM p.created_at)" } else { "CAST(strftime('%Y', p.created_at) AS INTEGER)" };
    q.push(&format!(
        "SELECT {key} AS k, \
         CAST(COALESCE(SUM(CASE WHEN p.landing_confirmed_at >= "
    ));
    q.bind(Bind::Timestamp(period.start_at())).push(" AND p.landing_confirmed_at < ").bind(Bind::Timestamp(period.end_at()));
    q.push(
        " THEN 1 ELSE 0 END), 0) AS BIGINT) AS landed_in_period, \
         CAST(COALESCE(SUM(CASE WHEN p.status IN ('landed', 'completed') THEN 1 ELSE 0 END), 0) AS BIGINT) AS published, \
         CAST(COALESCE(SUM(CASE WHEN p.status <> 'cancelled' THEN 1 ELSE 0 END), 0) AS BIGINT) AS live, \
         CAST(COALESCE(SUM(CASE WHEN p.status IN ('docking', 'signed', 'landed') THEN 1 ELSE 0 END), 0) AS BIGINT) AS open, \
         CAST(COALESCE(SUM(CASE WHEN p.status IN ('docking', 'signed', 'landed') AND p.last_activity_at >= ",
    );
    q.bind(Bind::Timestamp(period.fresh_after()));
    q.push(&format!(
        " THEN 1 ELSE 0 END), 0) AS BIGINT) AS fresh, \
         CAST(COALESCE(SUM(p.funds_in_place_fen / {FUNDS_SPLIT}), 0) AS BIGINT) AS funds_hi, \
         CAST(COALESCE(SUM(p.funds_in_place_fen % {FUNDS_SPLIT}), 0) AS BIGINT) AS funds_lo, \
         CAST(COALESCE(SUM(p.beneficiaries_reached), 0) AS BIGINT) AS reached, \
         COUNT(DISTINCT p.county_code) AS counties, \
         COUNT(DISTINCT CASE WHEN c.key_county THEN p.county_code END) AS key_counties, \
         CAST(COALESCE(MIN({year_created}), 0) AS BIGINT) AS first_year \
         FROM {from} JOIN counties c ON c.code = p.county_code \
         WHERE {key} IS NOT NULL AND p.created_at < "
    ));
    q.bind(Bind::Timestamp(period.end_at())).push(&format!(" GROUP BY {key}"));
    for r in q.load::<ProjectFigures>(conn)? {
        let funds = join_fen(r.funds_hi, r.funds_lo) as f64 / 100.0;
        put(r.k.clone(), "projects_landed", r.landed_in_period as f64);
        put(r.k.clone(), "landed_ratio", ratio(r.published, r.live));
        put(r.k.clone(), "funds_in_place", funds);
        put(r.k.clone(), "beneficiaries_reached", r.reached as f64);
        put(r.k.clone(), "updated_recently_ratio", ratio(r.fresh, r.open));
        if subject == B {
            put(r.k.clone(), "counties_reached", r.counties as f64);
            put(r.k.clone(), "key_counties_reached", r.key_counties as f64);
            first_year.insert(r.k.clone(), r.first_year);
        }
    }

    // Pairings active or concluded during the period.
    let live_pairing = |q: &mut Dynamic| {
        q.push("p.status IN ('active', 'concluded') AND (p.start_date IS NULL OR p.start_date <= ")
            .bind(Bind::Date(period.end))
            .push(") AND (p.end_date IS NULL OR p.end_date >= ")
            .bind(Bind::Date(period.start))
            .push(")");
    };
    if subject != B {
        let mut q = Dynamic::new(conn);
        let (select, from, key) = match subject {
            O => (
                "m.organization_id AS k, COUNT(DISTINCT CASE WHEN c.key_county THEN p.county_code END) AS a, COUNT(DISTINCT p.id) AS b, CAST(0 AS BIGINT) AS c",
                "pairing_members m JOIN pairings p ON p.id = m.pairing_id AND m.consent = 'accepted' JOIN counties c ON c.code = p.county_code",
                "m.organization_id",
            ),
            _ => (
                "c.province_code AS k, COUNT(DISTINCT CASE WHEN c.key_county THEN p.county_code END) AS a, COUNT(DISTINCT p.id) AS b, CAST(0 AS BIGINT) AS c",
                "pairings p JOIN counties c ON c.code = p.county_code",
                "c.province_code",
            ),
        };
        q.push(&format!("SELECT {select} FROM {from} WHERE "));
        live_pairing(&mut q);
        q.push(&format!(" GROUP BY {key}"));
        let rows = q.load::<Counts>(conn)?;
        let key_counties: HashMap<String, i64> = if subject == P {
            let mut q = Dynamic::new(conn);
            q.push("SELECT province_code AS k, COUNT(*) AS a, CAST(0 AS BIGINT) AS b, CAST(0 AS BIGINT) AS c FROM counties WHERE key_county GROUP BY province_code");
            q.load::<Counts>(conn)?.into_iter().map(|r| (r.k, r.a)).collect()
        } else {
            HashMap::new()
        };
        for r in rows {
            match subject {
                O => put(r.k.clone(), "key_counties_paired", r.a as f64),
                _ => put(r.k.clone(), "key_counties_covered_ratio", ratio(r.a, key_counties.get(&r.k).copied().unwrap_or(0))),
            }
            put(r.k, "active_pairings", r.b as f64);
        }
    }

    // Cultivation recorded during the period, through the pairings.
    let mut q = Dynamic::new(conn);
    let (from, key) = match subject {
        O => ("cultivation_records r JOIN pairing_members m ON m.pairing_id = r.pairing_id AND m.consent = 'accepted'", "m.organization_id"),
        B => ("cultivation_records r JOIN (SELECT DISTINCT brand_id, pairing_id FROM projects WHERE brand_id IS NOT NULL AND pairing_id IS NOT NULL) bp ON bp.pairing_id = r.pairing_id", "bp.brand_id"),
        P => ("cultivation_records r JOIN pairings p ON p.id = r.pairing_id JOIN counties c ON c.code = p.county_code", "c.province_code"),
    };
    q.push(&format!(
        "SELECT {key} AS k, CAST(COALESCE(SUM(r.local_organizations), 0) AS BIGINT) AS a, CAST(COALESCE(SUM(r.volunteers), 0) AS BIGINT) AS b, CAST(COALESCE(SUM(r.social_workers), 0) AS BIGINT) AS c FROM {from} WHERE r.record_date >= "
    ));
    q.bind(Bind::Date(period.start)).push(" AND r.record_date <= ").bind(Bind::Date(period.end));
    q.push(&format!(" GROUP BY {key}"));
    for r in q.load::<Counts>(conn)? {
        put(r.k.clone(), "local_organizations_cultivated", r.a as f64);
        put(r.k.clone(), "volunteers_cultivated", r.b as f64);
        put(r.k, "social_workers_cultivated", r.c as f64);
    }

    // Typical cases of collections in the period's years.
    let mut q = Dynamic::new(conn);
    let key = match subject {
        O => "cs.organization_id",
        B => "cs.brand_id",
        P => "cs.province_code",
    };
    q.push(&format!(
        "SELECT {key} AS k, COUNT(*) AS a, CAST(0 AS BIGINT) AS b, CAST(0 AS BIGINT) AS c FROM cases cs JOIN case_collections cc ON cc.id = cs.collection_id \
         WHERE cs.status = 'typical' AND {key} IS NOT NULL AND cc.year >= "
    ));
    q.bind(Bind::BigInt(i64::from(chrono::Datelike::year(&period.start))));
    q.push(" AND cc.year <= ").bind(Bind::BigInt(i64::from(chrono::Datelike::year(&period.end))));
    q.push(&format!(" GROUP BY {key}"));
    for r in q.load::<Counts>(conn)? {
        put(r.k, "typical_cases", r.a as f64);
    }

    // Brands recognized (an organization's own, a province's organizations').
    if subject != B {
        let key = if subject == O { "owner_organization_id" } else { "province_code" };
        let mut q = Dynamic::new(conn);
        q.push(&format!(
            "SELECT {key} AS k, COUNT(*) AS a, CAST(0 AS BIGINT) AS b, CAST(0 AS BIGINT) AS c FROM brands WHERE status IN ('recognized', 'demonstration') AND review_flag = "
        ));
        q.bind(Bind::Bool(false)).push(&format!(" GROUP BY {key}"));
        for r in q.load::<Counts>(conn)? {
            put(r.k, "brands_recognized", r.a as f64);
        }
    } else {
        // Years active: from the founding year (or the first project's) to the period's end.
        let end_year = i64::from(chrono::Datelike::year(&period.end));
        let mut q = Dynamic::new(conn);
        q.push("SELECT id AS k, CAST(COALESCE(started_year, 0) AS BIGINT) AS a, CAST(0 AS BIGINT) AS b, CAST(0 AS BIGINT) AS c FROM brands");
        for r in q.load::<Counts>(conn)? {
            let first = first_year.get(&r.k).copied().filter(|y| *y > 0);
            let since = if r.a > 0 { Some(r.a) } else { first };
            let years = since.map_or(0, |y| (end_year - y + 1).max(0));
            put(r.k, "years_active", years as f64);
        }
    }
    Ok(out)
}

/// The figures every subject shows, 0 where it has none, in the catalogue's order.
pub fn complete(subject: SubjectType, found: Option<&[f64; CATALOGUE.len()]>) -> Figures {
    CATALOGUE
        .iter()
        .enumerate()
        .filter(|(_, m)| m.subjects.contains(&subject))
        .map(|(i, m)| (m.code.to_owned(), found.map_or(0.0, |f| f[i])))
        .collect()
}
