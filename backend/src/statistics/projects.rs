//! Roll-ups and series of projects, read from the maintained aggregates
//! (`projects::rollup`) — a few thousand rows whatever the number of projects — or, for an
//! organization's members, from the projects it takes part in, shaped like those rows, so one
//! query serves every scope.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use diesel::QueryableByName;
use diesel::sql_types::{BigInt, Bool, Nullable, Text};

use super::model::{Interval, ProjectDimension, ProjectFigures, ProjectPeriod, ProjectRollupQuery, ProjectRollupRow, ProjectSeriesQuery};
use crate::auth::scope::DataScope;
use crate::db::DbConn;
use crate::db::sql::{Bind, Dynamic, FUNDS_SPLIT, join_fen};
use crate::domain::MoneyTotal;
use crate::domain::project::ProjectStatus;
use crate::error::{ApiError, ApiResult};

/// The measures, each summed in its two parts (`hi`, `lo`).
const PARTS: [&str; 5] = ["planned", "in_place", "contract", "ben_planned", "ben_reached"];

/// The projects an organization takes part in (having accepted), as rows of `project_rollup`.
fn organization_projects(q: &mut Dynamic, organization: &str) {
    let year = if q.postgres() {
        "CAST(EXTRACT(YEAR FROM created_at + INTERVAL '8 hours') AS BIGINT)"
    } else {
        "CAST(strftime('%Y', created_at, '+8 hours') AS BIGINT)"
    };
    let split = |column: &str, name: &str| {
        format!("{column} / {FUNDS_SPLIT} AS {name}_hi, {column} % {FUNDS_SPLIT} AS {name}_lo")
    };
    q.push(&format!(
        "(SELECT county_code, province_code, assistance_type, status, {year} AS year, government_purchase, \
         1 AS projects, {}, {}, {}, {}, {} FROM projects WHERE id IN \
         (SELECT project_id FROM project_organizations WHERE consent = 'accepted' AND organization_id = ",
        split("planned_funds_fen", "planned"),
        split("funds_in_place_fen", "in_place"),
        split("COALESCE(contract_amount_fen, 0)", "contract"),
        split("beneficiaries_planned", "ben_planned"),
        split("beneficiaries_reached", "ben_reached"),
    ));
    q.bind(Bind::Text(organization.to_owned())).push("))");
}

/// `SUM(r.column) AS column`, as a BIGINT on both backends (PostgreSQL sums BIGINTs to NUMERIC)
/// and 0 over no rows.
fn sum(column: &str) -> String {
    format!("CAST(COALESCE(SUM(r.{column}), 0) AS BIGINT) AS {column}")
}

/// The statuses viewers and the public may count.
fn published_statuses() -> String {
    ProjectStatus::PUBLISHED.iter().map(|s| format!("'{}'", s.as_str())).collect::<Vec<_>>().join(", ")
}

/// `WHERE …` of the area filters every fact shares, for a source aliased `r` joined to `c`.
fn area_filters(q: &mut Dynamic, province: &Option<String>, county: &Option<String>, key_county: Option<bool>) {
    if let Some(p) = province {
        q.push(" AND r.province_code = ").bind(Bind::Text(p.clone()));
    }
    if let Some(c) = county {
        q.push(" AND r.county_code = ").bind(Bind::Text(c.clone()));
    }
    if let Some(k) = key_county {
        q.push(" AND c.key_county = ").bind(Bind::Bool(k));
    }
}

/// The source of a scope: the maintained rows narrowed to it, or the organization's projects.
fn scoped_source(
    q: &mut Dynamic,
    scope: &DataScope,
    table: &str,
    published_column: &str,
    organization_source: fn(&mut Dynamic, &str),
) -> String {
    match scope {
        DataScope::Organization(o) => {
            organization_source(q, o);
            String::new()
        }
        DataScope::Published => {
            q.push(table);
            format!(" AND {published_column}")
        }
        DataScope::All | DataScope::Province(_) | DataScope::County(_) => {
            q.push(table);
            String::new()
        }
    }
}

pub fn scope_filters(q: &mut Dynamic, scope: &DataScope) {
    match scope {
        DataScope::Province(p) => {
            q.push(" AND r.province_code = ").bind(Bind::Text(p.clone()));
        }
        DataScope::County(c) => {
            q.push(" AND r.county_code = ").bind(Bind::Text(c.clone()));
        }
        _ => {}
    }
}

#[derive(QueryableByName)]
struct GroupRow {
    #[diesel(sql_type = Nullable<Text>)]
    province: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    province_name: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    county: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    county_name: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    status: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    assistance_type: Option<String>,
    #[diesel(sql_type = Nullable<BigInt>)]
    year: Option<i64>,
    #[diesel(sql_type = Nullable<Bool>)]
    key_county: Option<bool>,
    #[diesel(sql_type = Nullable<Bool>)]
    government_purchase: Option<bool>,
    #[diesel(sql_type = BigInt)]
    projects: i64,
    #[diesel(sql_type = BigInt)]
    planned_hi: i64,
    #[diesel(sql_type = BigInt)]
    planned_lo: i64,
    #[diesel(sql_type = BigInt)]
    in_place_hi: i64,
    #[diesel(sql_type = BigInt)]
    in_place_lo: i64,
    #[diesel(sql_type = BigInt)]
    contract_hi: i64,
    #[diesel(sql_type = BigInt)]
    contract_lo: i64,
    #[diesel(sql_type = BigInt)]
    ben_planned_hi: i64,
    #[diesel(sql_type = BigInt)]
    ben_planned_lo: i64,
    #[diesel(sql_type = BigInt)]
    ben_reached_hi: i64,
    #[diesel(sql_type = BigInt)]
    ben_reached_lo: i64,
}

/// A stored value that is not one of the vocabulary's is an error, never a guess.
fn parse<T: std::str::FromStr>(raw: Option<String>, what: &str) -> ApiResult<Option<T>> {
    raw.map(|s| s.parse::<T>().map_err(|_| ApiError::Internal(anyhow::anyhow!("unknown {what} {s:?} in the statistics"))))
        .transpose()
}

/// The grouping keys, in the order asked, each with its columns (and a name to show).
fn key_columns(d: ProjectDimension) -> &'static [(&'static str, &'static str, &'static str)] {
    use ProjectDimension::*;
    // (expression, alias, type of its NULL when not grouped)
    match d {
        Province => &[("r.province_code", "province", "TEXT"), ("p.name", "province_name", "TEXT")],
        County => &[("r.county_code", "county", "TEXT"), ("c.name", "county_name", "TEXT")],
        Status => &[("r.status", "status", "TEXT")],
        AssistanceType => &[("r.assistance_type", "assistance_type", "TEXT")],
        Year => &[("r.year", "year", "BIGINT")],
        KeyCounty => &[("c.key_county", "key_county", "BOOLEAN")],
        GovernmentPurchase => &[("r.government_purchase", "government_purchase", "BOOLEAN")],
    }
}

/// `project_rollup` (or the organization's projects shaped like it) for a scope; returns the
/// `AND …` that narrows it further, to append after the `WHERE`.
pub fn rollup_source(q: &mut Dynamic, scope: &DataScope) -> String {
    scoped_source(q, scope, "project_rollup", &format!("r.status IN ({})", published_statuses()), organization_projects)
}

pub fn rollup(
    conn: &mut DbConn,
    scope: &DataScope,
    group_by: &[ProjectDimension],
    f: &ProjectRollupQuery,
) -> ApiResult<(Vec<ProjectRollupRow>, ProjectFigures)> {
    let mut q = Dynamic::new(conn);
    let mut select = vec![];
    let mut grouped = vec![];
    for d in ProjectDimension::ALL {
        for (expr, alias, ty) in key_columns(*d) {
            if group_by.contains(d) {
                select.push(format!("{expr} AS {alias}"));
                grouped.push(*expr);
            } else {
                select.push(format!("CAST(NULL AS {ty}) AS {alias}"));
            }
        }
    }
    select.push(sum("projects"));
    for part in PARTS {
        select.push(sum(&format!("{part}_hi")));
        select.push(sum(&format!("{part}_lo")));
    }
    q.push("SELECT ").push(&select.join(", ")).push(" FROM ");
    let narrow = rollup_source(&mut q, scope);
    q.push(" r JOIN counties c ON c.code = r.county_code JOIN provinces p ON p.code = r.province_code WHERE 1 = 1");
    q.push(&narrow);
    scope_filters(&mut q, scope);
    area_filters(&mut q, &f.province, &f.county, f.key_county);
    if let Some(y) = f.year {
        q.push(" AND r.year = ").bind(Bind::BigInt(y));
    }
    if let Some(t) = f.assistance_type {
        q.push(" AND r.assistance_type = ").bind(Bind::Text(t.as_str().into()));
    }
    if let Some(s) = f.status {
        q.push(" AND r.status = ").bind(Bind::Text(s.as_str().into()));
    }
    if let Some(g) = f.government_purchase {
        q.push(" AND r.government_purchase = ").bind(Bind::Bool(g));
    }
    if !grouped.is_empty() {
        let keys = grouped.join(", ");
        q.push(&format!(" GROUP BY {keys} HAVING SUM(r.projects) <> 0 ORDER BY {keys}"));
    }
    let rows: Vec<GroupRow> = q.load(conn)?;
    if rows.len() > super::model::MAX_ROWS {
        return Err(ApiError::field(
            "group_by",
            crate::tr!("分组过多，请缩小范围（例如按省份筛选）", "too many groups: narrow the query (a province, say)"),
        ));
    }
    let mut totals = ProjectFigures::default();
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let figures = ProjectFigures {
            count: r.projects,
            planned_funds: MoneyTotal::from_fen(join_fen(r.planned_hi, r.planned_lo)),
            funds_in_place: MoneyTotal::from_fen(join_fen(r.in_place_hi, r.in_place_lo)),
            contract_amount: MoneyTotal::from_fen(join_fen(r.contract_hi, r.contract_lo)),
            beneficiaries_planned: join_fen(r.ben_planned_hi, r.ben_planned_lo),
            beneficiaries_reached: join_fen(r.ben_reached_hi, r.ben_reached_lo),
        };
        totals = add(&totals, &figures)?;
        // Without grouping, one row of totals: none when nothing matched.
        if grouped.is_empty() {
            continue;
        }
        out.push(ProjectRollupRow {
            province: r.province,
            province_name: r.province_name,
            county: r.county,
            county_name: r.county_name,
            status: parse(r.status, "status")?,
            assistance_type: parse(r.assistance_type, "assistance type")?,
            year: r.year,
            key_county: r.key_county,
            government_purchase: r.government_purchase,
            figures,
        });
    }
    Ok((out, totals))
}

fn overflow() -> ApiError {
    ApiError::Internal(anyhow::anyhow!("a statistics sum passed the range of a 128-bit integer"))
}

fn add(a: &ProjectFigures, b: &ProjectFigures) -> ApiResult<ProjectFigures> {
    let money = |x: MoneyTotal, y: MoneyTotal| x.checked_add(y.fen()).ok_or_else(overflow);
    Ok(ProjectFigures {
        count: a.count.checked_add(b.count).ok_or_else(overflow)?,
        planned_funds: money(a.planned_funds, b.planned_funds)?,
        funds_in_place: money(a.funds_in_place, b.funds_in_place)?,
        contract_amount: money(a.contract_amount, b.contract_amount)?,
        beneficiaries_planned: a.beneficiaries_planned.checked_add(b.beneficiaries_planned).ok_or_else(overflow)?,
        beneficiaries_reached: a.beneficiaries_reached.checked_add(b.beneficiaries_reached).ok_or_else(overflow)?,
    })
}

#[derive(QueryableByName)]
struct MonthRow {
    #[diesel(sql_type = Text)]
    month: String,
    #[diesel(sql_type = BigInt)]
    docked: i64,
    #[diesel(sql_type = BigInt)]
    landed: i64,
    #[diesel(sql_type = BigInt)]
    funds_hi: i64,
    #[diesel(sql_type = BigInt)]
    funds_lo: i64,
    #[diesel(sql_type = BigInt)]
    ben_hi: i64,
    #[diesel(sql_type = BigInt)]
    ben_lo: i64,
}

/// The dated figures of an organization's projects, as rows of `project_month_rollup`.
fn organization_months(q: &mut Dynamic, organization: &str) {
    let (created, landed, updated) = if q.postgres() {
        (
            "to_char(created_at + INTERVAL '8 hours', 'YYYY-MM')",
            "to_char(landing_confirmed_at + INTERVAL '8 hours', 'YYYY-MM')",
            "to_char(u.update_date, 'YYYY-MM')",
        )
    } else {
        (
            "strftime('%Y-%m', created_at, '+8 hours')",
            "strftime('%Y-%m', landing_confirmed_at, '+8 hours')",
            "strftime('%Y-%m', u.update_date)",
        )
    };
    let mine = "(SELECT project_id FROM project_organizations WHERE consent = 'accepted' AND organization_id = ";
    q.push(&format!(
        "(SELECT county_code, province_code, assistance_type, {created} AS month, 1 AS docked, 0 AS landed, \
         0 AS funds_hi, 0 AS funds_lo, 0 AS ben_hi, 0 AS ben_lo FROM projects WHERE id IN {mine}"
    ));
    q.bind(Bind::Text(organization.to_owned()));
    q.push(&format!(
        ") UNION ALL SELECT county_code, province_code, assistance_type, {landed}, 0, 1, 0, 0, 0, 0 FROM projects \
         WHERE landing_confirmed_at IS NOT NULL AND id IN {mine}"
    ));
    q.bind(Bind::Text(organization.to_owned()));
    q.push(&format!(
        ") UNION ALL SELECT p.county_code, p.province_code, p.assistance_type, {updated}, 0, 0, \
         u.funds_delta_fen / {FUNDS_SPLIT}, u.funds_delta_fen % {FUNDS_SPLIT}, \
         u.beneficiaries_delta / {FUNDS_SPLIT}, u.beneficiaries_delta % {FUNDS_SPLIT} \
         FROM project_updates u JOIN projects p ON p.id = u.project_id WHERE p.id IN {mine}"
    ));
    q.bind(Bind::Text(organization.to_owned())).push("))");
}

/// The period a `YYYY-MM` month falls in.
fn period_of(month: &str, interval: Interval) -> String {
    match interval {
        Interval::Month => month.to_owned(),
        Interval::Year => month[..4].to_owned(),
        Interval::Quarter => {
            let m: u32 = month[5..7].parse().unwrap_or(1);
            format!("{}-Q{}", &month[..4], (m - 1) / 3 + 1)
        }
    }
}

pub fn series(
    conn: &mut DbConn,
    scope: &DataScope,
    interval: Interval,
    from: NaiveDate,
    to: NaiveDate,
    f: &ProjectSeriesQuery,
) -> ApiResult<Vec<ProjectPeriod>> {
    let (first, last) = (from.format("%Y-%m").to_string(), to.format("%Y-%m").to_string());
    let mut q = Dynamic::new(conn);
    let sums: Vec<String> = ["docked", "landed", "funds_hi", "funds_lo", "ben_hi", "ben_lo"].iter().map(|c| sum(c)).collect();
    q.push(&format!("SELECT r.month AS month, {} FROM ", sums.join(", ")));
    let narrow = scoped_source(&mut q, scope, "project_month_rollup", "r.published", organization_months);
    q.push(" r JOIN counties c ON c.code = r.county_code WHERE r.month >= ").bind(Bind::Text(first));
    q.push(" AND r.month <= ").bind(Bind::Text(last));
    q.push(&narrow);
    scope_filters(&mut q, scope);
    area_filters(&mut q, &f.province, &f.county, f.key_county);
    if let Some(t) = f.assistance_type {
        q.push(" AND r.assistance_type = ").bind(Bind::Text(t.as_str().into()));
    }
    q.push(" GROUP BY r.month");
    let rows: Vec<MonthRow> = q.load(conn)?;
    // Every period of the range, empty ones included, in order.
    let mut periods: BTreeMap<String, ProjectPeriod> = BTreeMap::new();
    let mut day = from.with_day(1).unwrap_or(from);
    while day <= to {
        let p = period_of(&day.format("%Y-%m").to_string(), interval);
        periods.entry(p.clone()).or_insert_with(|| ProjectPeriod { period: p, ..ProjectPeriod::default() });
        day = day.checked_add_months(chrono::Months::new(1)).ok_or_else(overflow)?;
    }
    for r in rows {
        let Some(p) = periods.get_mut(&period_of(&r.month, interval)) else { continue };
        p.docked = p.docked.checked_add(r.docked).ok_or_else(overflow)?;
        p.landed = p.landed.checked_add(r.landed).ok_or_else(overflow)?;
        p.funds_in_place = p.funds_in_place.checked_add(join_fen(r.funds_hi, r.funds_lo)).ok_or_else(overflow)?;
        p.beneficiaries_reached =
            p.beneficiaries_reached.checked_add(join_fen(r.ben_hi, r.ben_lo)).ok_or_else(overflow)?;
    }
    Ok(periods.into_values().collect())
}
