//! The projects roll-up in its typed shape (from the projects table of `tables.rs`) and the
//! projects series by month, quarter or year (from `project_month_rollup`, or an organization's
//! own projects: `sources.rs`).

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use diesel::QueryableByName;
use diesel::sql_types::{BigInt, Text};

use super::model::{Interval, ProjectDimension, ProjectFigures, ProjectPeriod, ProjectRollupQuery, ProjectRollupRow, ProjectSeriesQuery};
use super::sources::{area_filters, organization_months, scope_filters, scoped_source};
use super::tables::{self, ColumnKind, Fact, TableQuery};
use crate::auth::scope::DataScope;
use crate::db::DbConn;
use crate::db::sql::{Bind, Dynamic, join_fen};
use crate::error::{ApiError, ApiResult};

/// `SUM(r.column) AS column`, as a BIGINT on both backends (PostgreSQL sums BIGINTs to NUMERIC)
/// and 0 over no rows.
fn sum(column: &str) -> String {
    format!("CAST(COALESCE(SUM(r.{column}), 0) AS BIGINT) AS {column}")
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
