//! The national published figures for everyone (no login): what the action has landed, where,
//! and this year month by month — one cached answer, sent with an ETag.

use actix_web::{HttpRequest, HttpResponse, web};
use chrono::{Datelike, NaiveDate};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::model::{Interval, ProjectDimension, ProjectFigures, ProjectPeriod, ProjectRollupQuery, ProjectRollupRow, ProjectSeriesQuery};
use crate::auth::scope::DataScope;
use crate::cache::Key;
use crate::db::DbConn;
use crate::db::schema::{pairing_members, pairings};
use crate::domain::Consent;
use crate::domain::pairing::PairingStatus;
use crate::error::ApiResult;
use crate::state::AppState;

/// How long one computation serves (and browsers may keep it).
const MAX_AGE: std::time::Duration = std::time::Duration::from_secs(60);

#[derive(Serialize, Deserialize, ToSchema, Debug, Clone)]
pub struct PublicStatistics {
    /// When these figures were computed.
    pub as_of: chrono::DateTime<chrono::Utc>,
    /// Published projects (landed or completed), all years.
    pub projects: ProjectFigures,
    /// The same by province.
    pub by_province: Vec<ProjectRollupRow>,
    /// This year by month (China Standard Time), published projects only.
    pub this_year: Vec<ProjectPeriod>,
    /// Active pairings (结对帮扶).
    pub active_pairings: i64,
    /// Organizations in an active pairing (having accepted).
    pub organizations_pairing: i64,
    /// Key counties with an active pairing, of `key_counties_target` (160).
    pub key_counties_covered: i64,
    pub key_counties_target: i64,
}

fn compute(conn: &mut DbConn, now: chrono::NaiveDateTime) -> ApiResult<PublicStatistics> {
    let published = DataScope::Published;
    let (_, projects) = super::projects::rollup(conn, &published, &[], &ProjectRollupQuery::default())?;
    let (by_province, _) =
        super::projects::rollup(conn, &published, &[ProjectDimension::Province], &ProjectRollupQuery::default())?;
    let today = crate::clock::in_china(now).date();
    let january = NaiveDate::from_ymd_opt(today.year(), 1, 1).unwrap_or(today);
    let this_year =
        super::projects::series(conn, &published, Interval::Month, january, today, &ProjectSeriesQuery::default())?;
    let active_pairings: i64 = pairings::table.filter(pairings::status.eq(PairingStatus::Active)).count().get_result(conn)?;
    let organizations_pairing: i64 = pairing_members::table
        .inner_join(pairings::table)
        .filter(pairings::status.eq(PairingStatus::Active))
        .filter(pairing_members::consent.eq(Consent::Accepted))
        .select(diesel::dsl::count(pairing_members::organization_id).aggregate_distinct())
        .get_result(conn)?;
    let coverage = crate::pairings::coverage::compute(conn, None, None)?;
    Ok(PublicStatistics {
        as_of: now.and_utc(),
        projects,
        by_province,
        this_year,
        active_pairings,
        organizations_pairing,
        key_counties_covered: coverage.covered,
        key_counties_target: coverage.target,
    })
}

/// The national published figures
///
/// No login. Published projects (landed or completed) with their exact sums, by province and
/// this year by month; active pairings, the organizations in them, and the key counties they
/// cover. One answer for everyone, at most a minute old (`Cache-Control: public`); send the
/// `ETag` back as `If-None-Match` for a 304.
#[utoipa::path(
    get, path = "/api/v1/public/statistics", tag = "statistics", operation_id = "getPublicStatistics",
    responses(
        (status = 200, description = "The figures", body = PublicStatistics, headers(("ETag" = String), ("Cache-Control" = String))),
        (status = 304, description = "Not modified since the ETag sent"),
    ),
    security(())
)]
pub async fn get_public_statistics(state: web::Data<AppState>, req: HttpRequest) -> ApiResult<HttpResponse> {
    let key = Key::new(DataScope::Published, "statistics/public");
    let now = state.clock.now();
    let cached = state.aggregates.body(&key, Some(MAX_AGE), || state.db(move |conn| compute(conn, now))).await?;
    Ok(crate::http::cached_json(&req, &cached, "public, max-age=60"))
}
