//! The risk view (防范风险隐患): in one answer for a coordinator's scope, the open incidents by
//! severity and age, the organizations with repeated incidents, and the projects at risk —
//! stale, signed and not landed after 180 days, flagged for review, or with an open incident.

use std::collections::HashMap;

use actix_web::web;
use chrono::{DateTime, Duration, NaiveDateTime, Utc};
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Text, Timestamp};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::auth::Caller;
use crate::auth::scope::DataScope;
use crate::db::DbConn;
use crate::db::schema::{counties, incidents, organizations, projects};
use crate::db::sql::{Bind, Dynamic};
use crate::domain::incident::{IncidentStatus, Severity};
use crate::domain::project::{ProjectStatus, STALE_DAYS};
use crate::domain::Role;
use crate::error::{ApiError, ApiResult, Problem};
use crate::state::AppState;
use crate::tr;

/// Signed this long ago and still not landed: at risk.
const NOT_LANDED_DAYS: i64 = 180;
/// Incidents within this many days count towards "repeated".
const REPEAT_WINDOW_DAYS: i64 = 365;
/// Lists in the answer are bounded: the worst first.
const MAX_ROWS: i64 = 100;

#[derive(Deserialize, IntoParams, Debug)]
#[into_params(parameter_in = Query)]
pub struct RiskQuery {
    /// Narrow to a province (national admins).
    pub province: Option<String>,
    /// Narrow to a county (national admins, and the county's province).
    pub county: Option<String>,
}

/// Open incidents of one severity, by how long ago they happened.
#[derive(Serialize, Deserialize, ToSchema, Debug, QueryableByName)]
pub struct SeverityAge {
    #[diesel(sql_type = Text)]
    pub severity: Severity,
    #[diesel(sql_type = BigInt)]
    pub total: i64,
    #[diesel(sql_type = BigInt)]
    pub within_7_days: i64,
    #[diesel(sql_type = BigInt)]
    pub within_30_days: i64,
    #[diesel(sql_type = BigInt)]
    pub older: i64,
}

/// An organization with two or more incidents in the last 365 days.
#[derive(Serialize, Deserialize, ToSchema, Debug)]
pub struct RepeatedOrganization {
    pub organization_id: String,
    pub name: String,
    pub incidents: i64,
    pub open_incidents: i64,
    pub last_occurred_at: DateTime<Utc>,
}

#[derive(QueryableByName)]
struct RepeatRow {
    #[diesel(sql_type = Text)]
    organization_id: String,
    #[diesel(sql_type = BigInt)]
    incidents: i64,
    #[diesel(sql_type = BigInt)]
    open_incidents: i64,
    #[diesel(sql_type = Timestamp)]
    last_occurred_at: NaiveDateTime,
}

/// A project at risk, with every reason that applies.
#[derive(Serialize, Deserialize, ToSchema, Debug)]
pub struct ProjectAtRisk {
    pub project_id: String,
    pub title: String,
    pub county_code: String,
    pub county_name: String,
    pub status: ProjectStatus,
    pub last_activity_at: DateTime<Utc>,
    pub signed_at: Option<DateTime<Utc>>,
    /// No update for 90 days.
    pub stale: bool,
    /// Signed over 180 days ago and not landed.
    pub not_landed: bool,
    /// Flagged for review (an organization of it was suspended or revoked).
    pub flagged: bool,
    /// Its open incidents.
    pub open_incidents: i64,
}

#[derive(Serialize, Deserialize, ToSchema, Debug)]
pub struct Risks {
    /// One row per severity with open incidents.
    pub open_incidents: Vec<SeverityAge>,
    /// Most incidents first, at most 100.
    pub repeated_organizations: Vec<RepeatedOrganization>,
    /// Longest without an update first, at most 100.
    pub projects_at_risk: Vec<ProjectAtRisk>,
    /// How many projects are at risk in all.
    pub projects_at_risk_total: i64,
}

/// The (province, county) the answer covers: the caller's own scope, narrowed by the query
/// within it (403 for a place outside it).
fn area(caller: &Caller, q: &RiskQuery) -> ApiResult<(Option<String>, Option<String>)> {
    let outside = || ApiError::Forbidden(tr!("只能查看本辖区的风险。", "Only the risks of your own area."));
    match caller.data_scope() {
        DataScope::All => Ok((q.province.clone(), q.county.clone())),
        DataScope::Province(p) => {
            if q.province.as_ref().is_some_and(|x| *x != p) || q.county.as_ref().is_some_and(|c| !caller.coordinates_county(c)) {
                return Err(outside());
            }
            Ok((Some(p), q.county.clone()))
        }
        DataScope::County(c) => {
            if q.county.as_ref().is_some_and(|x| *x != c) || q.province.is_some() {
                return Err(outside());
            }
            Ok((None, Some(c)))
        }
        _ => Err(ApiError::Forbidden(tr!("只有各级主管部门查看风险。", "Only coordinators see the risks."))),
    }
}

/// ` AND …` limiting a table's rows to the area.
fn within(q: &mut Dynamic, table: &str, (province, county): &(Option<String>, Option<String>)) {
    if let Some(p) = province {
        q.push(&format!(" AND {table}.province_code = ")).bind(Bind::Text(p.clone()));
    }
    if let Some(c) = county {
        q.push(&format!(" AND {table}.county_code = ")).bind(Bind::Text(c.clone()));
    }
}

fn open_incidents(conn: &mut DbConn, area: &(Option<String>, Option<String>), now: NaiveDateTime) -> ApiResult<Vec<SeverityAge>> {
    let mut q = Dynamic::new(conn);
    q.push("SELECT incidents.severity AS severity, CAST(COUNT(*) AS BIGINT) AS total, CAST(SUM(CASE WHEN occurred_at >= ");
    q.bind(Bind::Timestamp(now - Duration::days(7)));
    q.push(" THEN 1 ELSE 0 END) AS BIGINT) AS within_7_days, CAST(SUM(CASE WHEN occurred_at >= ");
    q.bind(Bind::Timestamp(now - Duration::days(30)));
    q.push(" THEN 1 ELSE 0 END) AS BIGINT) AS within_30_days, CAST(0 AS BIGINT) AS older FROM incidents WHERE incidents.status IN ");
    q.bind_list(IncidentStatus::OPEN.iter().map(|s| Bind::Text(s.as_str().into())));
    within(&mut q, "incidents", area);
    q.push(" GROUP BY incidents.severity");
    let mut rows: Vec<SeverityAge> = q.load(conn)?;
    for r in &mut rows {
        r.older = r.total - r.within_30_days;
    }
    // the worst first, as the page shows them
    rows.sort_by_key(|r| std::cmp::Reverse(r.severity));
    Ok(rows)
}

fn repeated(conn: &mut DbConn, area: &(Option<String>, Option<String>), now: NaiveDateTime) -> ApiResult<Vec<RepeatedOrganization>> {
    let mut q = Dynamic::new(conn);
    q.push("SELECT organization_id, CAST(COUNT(*) AS BIGINT) AS incidents, CAST(SUM(CASE WHEN status IN ");
    q.bind_list(IncidentStatus::OPEN.iter().map(|s| Bind::Text(s.as_str().into())));
    q.push(" THEN 1 ELSE 0 END) AS BIGINT) AS open_incidents, MAX(occurred_at) AS last_occurred_at FROM incidents WHERE occurred_at >= ");
    q.bind(Bind::Timestamp(now - Duration::days(REPEAT_WINDOW_DAYS)));
    within(&mut q, "incidents", area);
    q.push(&format!(" GROUP BY organization_id HAVING COUNT(*) >= 2 ORDER BY incidents DESC, organization_id LIMIT {MAX_ROWS}"));
    let rows: Vec<RepeatRow> = q.load(conn)?;
    let ids: Vec<&str> = rows.iter().map(|r| r.organization_id.as_str()).collect();
    let names: HashMap<String, String> = organizations::table
        .filter(organizations::id.eq_any(&ids))
        .select((organizations::id, organizations::name))
        .load(conn)?
        .into_iter()
        .collect();
    Ok(rows
        .into_iter()
        .map(|r| RepeatedOrganization {
            name: names.get(&r.organization_id).cloned().unwrap_or_default(),
            organization_id: r.organization_id,
            incidents: r.incidents,
            open_incidents: r.open_incidents,
            last_occurred_at: r.last_occurred_at.and_utc(),
        })
        .collect())
}

type ProjectFilter = Box<dyn BoxableExpression<projects::table, crate::db::MultiBackend, SqlType = diesel::sql_types::Bool>>;

fn at_risk_condition(area: &(Option<String>, Option<String>), now: NaiveDateTime) -> ProjectFilter {
    let with_incident = incidents::table
        .filter(incidents::status.eq_any(IncidentStatus::OPEN))
        .filter(incidents::project_id.is_not_null())
        .select(incidents::project_id.assume_not_null());
    let mut cond: ProjectFilter = Box::new(
        projects::status.eq_any(ProjectStatus::OPEN).and(
            projects::last_activity_at
                .lt(now - Duration::days(STALE_DAYS))
                .or(projects::status.eq(ProjectStatus::Signed).and(projects::signed_at.lt(now - Duration::days(NOT_LANDED_DAYS)).assume_not_null()))
                .or(projects::review_flag.eq(true))
                .or(projects::id.eq_any(with_incident)),
        ),
    );
    if let Some(p) = &area.0 {
        cond = Box::new(cond.and(projects::province_code.eq(p.clone())));
    }
    if let Some(c) = &area.1 {
        cond = Box::new(cond.and(projects::county_code.eq(c.clone())));
    }
    cond
}

type RiskRow = (String, String, String, ProjectStatus, NaiveDateTime, Option<NaiveDateTime>, bool);

fn projects_at_risk(conn: &mut DbConn, area: &(Option<String>, Option<String>), now: NaiveDateTime) -> ApiResult<(Vec<ProjectAtRisk>, i64)> {
    let rows: Vec<RiskRow> = projects::table
        .filter(at_risk_condition(area, now))
        .order((projects::last_activity_at.asc(), projects::id.asc()))
        .limit(MAX_ROWS)
        .select((
            projects::id,
            projects::title,
            projects::county_code,
            projects::status,
            projects::last_activity_at,
            projects::signed_at,
            projects::review_flag,
        ))
        .load(conn)?;
    let total: i64 = projects::table.filter(at_risk_condition(area, now)).count().get_result(conn)?;
    let ids: Vec<&str> = rows.iter().map(|r| r.0.as_str()).collect();
    let mut incident_counts: HashMap<String, i64> = HashMap::new();
    let open: Vec<Option<String>> = incidents::table
        .filter(incidents::status.eq_any(IncidentStatus::OPEN))
        .filter(incidents::project_id.eq_any(&ids))
        .select(incidents::project_id)
        .load(conn)?;
    for p in open.into_iter().flatten() {
        *incident_counts.entry(p).or_default() += 1;
    }
    let codes: Vec<&str> = rows.iter().map(|r| r.2.as_str()).collect();
    let county_names: HashMap<String, String> =
        counties::table.filter(counties::code.eq_any(&codes)).select((counties::code, counties::name)).load(conn)?.into_iter().collect();
    let items = rows
        .into_iter()
        .map(|(id, title, county, status, last, signed, flagged)| ProjectAtRisk {
            stale: last < now - Duration::days(STALE_DAYS),
            not_landed: status == ProjectStatus::Signed && signed.is_some_and(|s| s < now - Duration::days(NOT_LANDED_DAYS)),
            flagged,
            open_incidents: incident_counts.get(&id).copied().unwrap_or(0),
            county_name: county_names.get(&county).cloned().unwrap_or_default(),
            project_id: id,
            title,
            county_code: county,
            status,
            last_activity_at: last.and_utc(),
            signed_at: signed.map(|s| s.and_utc()),
        })
        .collect();
    Ok((items, total))
}

/// The risk view
///
/// For coordinators, over their area (national admins may narrow it to a province or a county):
/// open incidents by severity and age, organizations with two or more incidents in a year, and
/// the projects at risk — no update for 90 days, signed over 180 days ago and not landed,
/// flagged for review, or with an open incident.
#[utoipa::path(
    get, path = "/api/v1/risks", tag = "incidents", operation_id = "getRisks",
    params(RiskQuery),
    responses(
        (status = 200, description = "The risks of the area", body = Risks),
        (status = 403, description = "Not a coordinator, or a place outside the caller's area", body = Problem, content_type = "application/problem+json"),
        crate::error::Unauthenticated,
    ),
    security(("bearer" = []))
)]
pub async fn get_risks(state: web::Data<AppState>, caller: Caller, query: crate::extractors::Query<RiskQuery>) -> ApiResult<web::Json<Risks>> {
    caller.require_role(&[Role::NationalAdmin, Role::ProvincialOfficer, Role::CountyOfficer])?;
    let area = area(&caller, &query)?;
    let now = caller.now;
    let risks = state
        .db(move |conn| {
            let (projects_at_risk, projects_at_risk_total) = projects_at_risk(conn, &area, now)?;
            Ok(Risks {
                open_incidents: open_incidents(conn, &area, now)?,
                repeated_organizations: repeated(conn, &area, now)?,
                projects_at_risk,
                projects_at_risk_total,
            })
        })
        .await?;
    Ok(web::Json(risks))
}
