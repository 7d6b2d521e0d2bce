//! Roll-ups and series of projects, read from the maintained aggregates
//! (`projects::rollup`) — a few thousand rows whatever the number of projects — or, for an
//! organization's members, from the projects it takes part in, shaped like those rows, so one
//! query serves every scope.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use diesel::QueryableByName;
use diesel::sql_types::{BigInt, Text};

use super::model::{Interval, ProjectDimension, ProjectFigures, ProjectPeriod, ProjectRollupQuery, ProjectRollupRow, ProjectSeriesQuery};
use super::tables::{self, ColumnKind, Fact, TableQuery};
use crate::auth::scope::DataScope;
use crate::db::DbConn;
use crate::db::sql::{Bind, Dynamic, FUNDS_SPLIT, join_fen};
use crate::domain::project::ProjectStatus;
use crate::error::{ApiError, ApiResult};

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

/// `project_rollup` (or the organization's projects shaped like it) for a scope; returns the
/// `AND …` that narrows it further, to append after the `WHERE`.
pub fn rollup_source(q: &mut Dynamic, scope: &DataScope) -> String {
    scoped_source(q, scope, "project_rollup", &format!("r.status IN ({})", published_statuses()), organization_projects)
}

/// A projects roll-up in its typed shape: the projects table of `tables` (one query builder
/// for every fact), its rows read into `ProjectRollupRow`s.
pub fn rollup(
    conn: &mut DbConn,
    scope: &DataScope,
    group_by: &[ProjectDimension],
    f: &ProjectRollupQuery,
) -> ApiResult<(Vec<ProjectRollupRow>, ProjectFigures)> {
    let query = TableQuery {
        group_by: Some(group_by.iter().map(|d| d.as_str()).collect::<Vec<_>>().join(",")),
        year: f.year,
        province: f.province.clone(),
        county: f.county.clone(),
        key_county: f.key_county,
        status: f.status.map(|s| s.as_str().to_owned()),
        assistance_type: f.assistance_type.map(|t| t.as_str().to_owned()),
        government_purchase: f.government_purchase,
        ..TableQuery::default()
    };
    let table = tables::table(conn, scope, Fact::Projects, &query)?;
    let measures: Vec<String> = table.columns.iter().filter(|c| c.kind != ColumnKind::Key).map(|c| c.key.clone()).collect();
    let typed = |mut row: serde_json::Map<String, serde_json::Value>| -> ApiResult<ProjectRollupRow> {
        let figures: serde_json::Map<String, serde_json::Value> =
            measures.iter().filter_map(|m| row.remove(m).map(|v| (m.clone(), v))).collect();
        row.insert("figures".into(), serde_json::Value::Object(figures));
        serde_json::from_value(serde_json::Value::Object(row)).map_err(|e| ApiError::Internal(e.into()))
    };
    let totals = serde_json::from_value(serde_json::Value::Object(table.totals)).map_err(|e| ApiError::Internal(e.into()))?;
    Ok((table.rows.into_iter().map(typed).collect::<ApiResult<_>>()?, totals))
}

fn overflow() -> ApiError {
    ApiError::Internal(anyhow::anyhow!("a statistics sum passed the range of a 128-bit integer"))
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
