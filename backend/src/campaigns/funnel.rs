//! The funnel of a campaign's projects: docked → signed → landed → completed (by the furthest
//! stage each reached), with funds in place, conversion between stages, and the projects signed
//! but not landed after 180 days (at risk). Overall, per docking event and per province.

use std::collections::BTreeMap;

use actix_web::web;
use chrono::{DateTime, Utc};
use diesel::dsl::count_star;
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::auth::Caller;
use crate::auth::scope::ScopeKind;
use crate::cache::Key;
use crate::db::schema::projects;
use crate::db::sql::{fen_sum_parts, join_fen};
use crate::domain::MoneyTotal;
use crate::domain::project::ProjectStatus;
use crate::error::{ApiError, ApiResult, ReadErrors};
use crate::projects::store::visible_to;
use crate::state::AppState;

pub const AT_RISK_DAYS: i64 = 180;

#[derive(Serialize, Deserialize, ToSchema, Debug, Clone, Default, PartialEq)]
pub struct Stages {
    pub docked: i64,
    pub signed: i64,
    pub landed: i64,
    pub completed: i64,
    /// Funds in place, in yuan (a total over projects: it may exceed what one amount holds).
    pub funds: MoneyTotal,
    /// signed / docked, landed / signed, completed / landed (0 when the stage before is empty).
    pub signed_rate: f64,
    pub landed_rate: f64,
    pub completed_rate: f64,
}

// Funds are summed exactly at any count (`db::sql::fen_sum_parts`).

impl Stages {
    fn add(&mut self, stage: i64, n: i64, funds: i128) -> ApiResult<()> {
        self.docked += n;
        if stage >= 1 {
            self.signed += n;
        }
        if stage >= 2 {
            self.landed += n;
        }
        if stage >= 3 {
            self.completed += n;
        }
        self.funds = self
            .funds
            .checked_add(funds)
            .ok_or_else(|| ApiError::Internal(anyhow::anyhow!("funds in place overflow a 128-bit total")))?;
        Ok(())
    }

    fn rates(mut self) -> Self {
        let rate = |a: i64, b: i64| if b == 0 { 0.0 } else { (a as f64 / b as f64 * 1000.0).round() / 1000.0 };
        self.signed_rate = rate(self.signed, self.docked);
        self.landed_rate = rate(self.landed, self.signed);
        self.completed_rate = rate(self.completed, self.landed);
        self
    }
}

#[derive(Serialize, Deserialize, ToSchema, Debug)]
pub struct EventFunnel {
    /// Null for the campaign's projects docked outside an event.
    pub event_id: Option<String>,
    pub stages: Stages,
}

#[derive(Serialize, Deserialize, ToSchema, Debug)]
pub struct ProvinceFunnel {
    pub province_code: String,
    pub stages: Stages,
}

#[derive(Serialize, Deserialize, ToSchema, Debug)]
pub struct AtRiskProject {
    pub project_id: String,
    pub title: String,
    pub county_code: String,
    pub signed_at: Option<DateTime<Utc>>,
}

#[derive(Serialize, Deserialize, ToSchema, Debug)]
pub struct Funnel {
    pub campaign_id: String,
    /// Which of the campaign's projects are counted: the projects the caller may read, as in
    /// the project list — all of them for national admins; the caller's province's, county's
    /// or organization's together with the published ones elsewhere; or the published ones only
    /// (evaluators, viewers). A project is published while it is landed or completed, once the
    /// county has confirmed its landing.
    pub scope: ScopeKind,
    #[serde(flatten)]
    pub stages: Stages,
    /// Signed more than 180 days ago and still not landed (at most 100, oldest first).
    pub at_risk: Vec<AtRiskProject>,
    pub at_risk_total: i64,
    pub by_event: Vec<EventFunnel>,
    pub by_province: Vec<ProvinceFunnel>,
}

/// The campaign's project funnel
///
/// Computed over the projects the caller may read (see `scope`): counts, funds and the
/// at-risk list never include another area's unpublished (docking, signed, suspended) projects.
#[utoipa::path(
    get, path = "/api/v1/campaigns/{id}/funnel", tag = "campaigns", operation_id = "getCampaignFunnel",
    params(("id" = String, Path, description = "Campaign id")),
    responses((status = 200, description = "The funnel overall, per event and per province", body = Funnel), ReadErrors),
    security(("bearer" = []))
)]
pub async fn get_funnel(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> ApiResult<web::Json<Funnel>> {
    let id = id.into_inner();
    let now = caller.now;
    let scope = caller.data_scope();
    // At-risk is a matter of days: the day is part of the key.
    let key = Key::new(scope.clone(), format!("funnel/{id}/{}", now.date()));
    let generation = match state.aggregates.get_or_claim(&key).await {
        Ok(hit) => {
            return Ok(web::Json(serde_json::from_value((*hit).clone()).map_err(|e| ApiError::Internal(e.into()))?));
        }
        Err(generation) => generation,
    };
    let funnel = state
        .db(move |conn| {
            super::store::load(conn, &id)?;
            // A handful of rows: one per event, province and stage.
            let mut grouped = projects::table
                .filter(projects::campaign_id.eq(&id))
                .filter(projects::status.ne(ProjectStatus::Cancelled))
                .group_by((projects::event_id, projects::province_code, projects::stage))
                .select((
                    projects::event_id,
                    projects::province_code,
                    projects::stage,
                    count_star(),
                    fen_sum_parts("funds_in_place_fen").0,
                    fen_sum_parts("funds_in_place_fen").1,
                ))
                .into_boxed();
            if let Some(visible) = visible_to(&scope) {
                grouped = grouped.filter(visible);
            }
            let groups: Vec<(Option<String>, String, i64, i64, i64, i64)> = grouped.load(conn)?;
            let mut total = Stages::default();
            let mut by_event: BTreeMap<Option<String>, Stages> = BTreeMap::new();
            let mut by_province: BTreeMap<String, Stages> = BTreeMap::new();
            for (event, province, stage, n, high, low) in groups {
                let funds = join_fen(high, low);
                total.add(stage, n, funds)?;
                by_event.entry(event).or_default().add(stage, n, funds)?;
                by_province.entry(province).or_default().add(stage, n, funds)?;
            }
            let cutoff = now - chrono::Duration::days(AT_RISK_DAYS);
            let risky = || {
                let mut q = projects::table
                    .filter(projects::campaign_id.eq(&id))
                    .filter(projects::status.eq(ProjectStatus::Signed))
                    .filter(projects::signed_at.lt(cutoff))
                    .into_boxed();
                if let Some(visible) = visible_to(&scope) {
                    q = q.filter(visible);
                }
                q
            };
            let at_risk_total: i64 = risky().count().get_result(conn)?;
            let at_risk = risky()
                .select((projects::id, projects::title, projects::county_code, projects::signed_at))
                .order((projects::signed_at.asc(), projects::id.asc()))
                .limit(100)
                .load::<(String, String, String, Option<chrono::NaiveDateTime>)>(conn)?
                .into_iter()
                .map(|(project_id, title, county_code, signed_at)| AtRiskProject {
                    project_id,
                    title,
                    county_code,
                    signed_at: signed_at.map(|t| t.and_utc()),
                })
                .collect();
            Ok(Funnel {
                scope: scope.kind(),
                campaign_id: id,
                stages: total.rates(),
                at_risk,
                at_risk_total,
                by_event: by_event
                    .into_iter()
                    .map(|(event_id, s)| EventFunnel { event_id, stages: s.rates() })
                    .collect(),
                by_province: by_province
                    .into_iter()
                    .map(|(province_code, s)| ProvinceFunnel { province_code, stages: s.rates() })
                    .collect(),
            })
        })
        .await
        .inspect_err(|_| state.aggregates.abandon(&key))?;
    state.aggregates.put(&key, generation, serde_json::to_value(&funnel).map_err(|e| ApiError::Internal(e.into()))?);
    Ok(web::Json(funnel))
}
