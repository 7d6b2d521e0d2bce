//! `GET /api/v1/open-data/iati.xml`: the published projects, page by page, written as they are
//! read, so a national file never sits in memory.

use std::collections::HashMap;

use actix_web::http::header;
use actix_web::{HttpResponse, web};
use chrono::NaiveDate;
use diesel::prelude::*;
use serde::Deserialize;
use utoipa::IntoParams;

use super::iati::{self, Activity, Participant, Place};
use crate::auth::Caller;
use crate::db::schema::{counties, organizations, project_organizations, project_updates};
use crate::db::{DbConn, DbPool};
use crate::domain::project::ProjectRole;
use crate::domain::{Consent, LegalForm, Money};
use crate::error::{ApiError, ApiResult, ListErrors};
use crate::projects::model::{ProjectQuery, ProjectRow, ProjectSort};
use crate::projects::store;
use crate::state::AppState;

const PAGE: i64 = 200;

#[derive(Deserialize, IntoParams, Debug, Default)]
#[into_params(parameter_in = Query)]
pub struct IatiQuery {
    pub province: Option<String>,
    pub county: Option<String>,
    /// Projects docked in this year (China Standard Time).
    #[param(schema_with = crate::bounds::year)]
    pub year: Option<i64>,
}

type Member = (String, String, String, ProjectRole, LegalForm);

/// The activities of a page of projects, with their organisations, places and disbursements.
fn activities(conn: &mut DbConn, rows: &[ProjectRow]) -> ApiResult<Vec<Activity>> {
    let ids: Vec<&str> = rows.iter().map(|r| r.id.as_str()).collect();
    let members: Vec<Member> = project_organizations::table
        .inner_join(organizations::table.on(organizations::id.eq(project_organizations::organization_id)))
        .filter(project_organizations::project_id.eq_any(&ids))
        .filter(project_organizations::consent.eq(Consent::Accepted))
        .order((project_organizations::project_id, organizations::name))
        .select((
            project_organizations::project_id,
            organizations::name,
            organizations::credit_code,
            project_organizations::role,
            organizations::legal_form,
        ))
        .load(conn)?;
    let mut participants: HashMap<String, Vec<Participant>> = HashMap::new();
    for (project, name, credit_code, role, legal_form) in members {
        participants.entry(project).or_default().push(Participant { name, credit_code, legal_form, lead: role == ProjectRole::Lead });
    }
    let codes: Vec<&str> = rows.iter().map(|r| r.county_code.as_str()).collect();
    let places: HashMap<String, (String, Option<f64>, Option<f64>)> = counties::table
        .filter(counties::code.eq_any(&codes))
        .select((counties::code, counties::name, counties::latitude, counties::longitude))
        .load::<(String, String, Option<f64>, Option<f64>)>(conn)?
        .into_iter()
        .map(|(code, name, lat, lon)| (code, (name, lat, lon)))
        .collect();
    let mut disbursements: HashMap<String, Vec<(NaiveDate, Money)>> = HashMap::new();
    let updates: Vec<(String, NaiveDate, i64)> = project_updates::table
        .filter(project_updates::project_id.eq_any(&ids))
        .filter(project_updates::funds_delta_fen.gt(0))
        .order((project_updates::project_id, project_updates::update_date))
        .select((project_updates::project_id, project_updates::update_date, project_updates::funds_delta_fen))
        .load(conn)?;
    for (project, date, fen) in updates {
        disbursements.entry(project).or_default().push((date, Money::from_fen(fen)));
    }
    Ok(rows
        .iter()
        .map(|r| {
            let (name, latitude, longitude) = places.get(&r.county_code).cloned().unwrap_or_default();
            Activity {
                id: r.id.clone(),
                title: r.title.clone(),
                description: r.sustainability.clone(),
                status: r.status,
                assistance_type: r.assistance_type,
                started: crate::clock::in_china(r.signed_at.unwrap_or(r.created_at)).date(),
                updated: r.updated_at,
                planned_funds: Money::from_fen(r.planned_funds_fen),
                beneficiaries_planned: r.beneficiaries_planned,
                beneficiaries_reached: r.beneficiaries_reached,
                government_purchase: r.government_purchase,
                participants: participants.remove(&r.id).unwrap_or_default(),
                place: Place { code: r.county_code.clone(), name, latitude, longitude },
                disbursements: disbursements.remove(&r.id).unwrap_or_default(),
            }
        })
        .collect())
}

/// The activities of the page after `after`, and the cursor of the next page (`None` at the end).
fn page(conn: &mut DbConn, caller: &Caller, query: &ProjectQuery, after: Option<&str>) -> ApiResult<(Vec<Activity>, Option<String>)> {
    let rows: Vec<_> = store::page(conn, caller, query, after, PAGE, caller.now)?.into_iter().map(|l| l.row).collect();
    let more = rows.len() as i64 > PAGE;
    let rows = &rows[..rows.len().min(PAGE as usize)];
    let next = if more { rows.last().map(|r| store::cursor_key(r, ProjectSort::UpdatedDesc)) } else { None };
    Ok((activities(conn, rows)?, next))
}

fn chunk(activities: &[Activity]) -> web::Bytes {
    let mut out = String::new();
    for a in activities {
        iati::activity(&mut out, a);
    }
    web::Bytes::from(out)
}

/// Writes the pages after `after` to `send` until the end, or until the client goes away.
fn write_rest(pool: &DbPool, caller: &Caller, query: &ProjectQuery, mut after: Option<String>, mut send: impl FnMut(web::Bytes) -> bool) -> ApiResult<()> {
    let mut conn = pool.get()?;
    while let Some(cursor) = after {
        let (activities, next) = page(&mut conn, caller, query, Some(&cursor))?;
        if !send(chunk(&activities)) {
            return Ok(());
        }
        after = next;
    }
    Ok(())
}

/// The published projects as IATI 2.03 activities
///
/// No login: open data. Landed and completed projects (those every visitor may read), newest
/// change first, as an `iati-activities` document of IATI activity standard 2.03, streamed.
/// The publisher's mappings (identifiers, organisation types and roles, GB/T 2260 county
/// locations, DAC sectors from assistance types, budgets, disbursements from progress updates,
/// beneficiaries as a result indicator) are documented in `backend/src/open_data/iati.rs`.
#[utoipa::path(
    get, path = "/api/v1/open-data/iati.xml", tag = "open-data", operation_id = "getIatiActivities",
    params(IatiQuery),
    responses(
        (status = 200, description = "The activities", content((crate::http::RawFile = "application/xml"))),
        (status = 404, description = "No published project matches", body = crate::error::Problem, content_type = "application/problem+json"),
        ListErrors,
    ),
    security(())
)]
pub async fn get_iati_activities(state: web::Data<AppState>, query: crate::extractors::Query<IatiQuery>) -> ApiResult<HttpResponse> {
    let q = query.into_inner();
    let projects = ProjectQuery { province: q.province, county: q.county, year: q.year, ..ProjectQuery::default() };
    projects.check()?;
    let caller = Caller::public(state.clock.now());
    // The first page before answering: an IATI file holds at least one activity, so a query
    // that matches none is a 404, not an invalid file.
    let (first, next) = {
        let (caller, projects) = (caller.clone(), projects.clone());
        state.db(move |conn| page(conn, &caller, &projects, None)).await?
    };
    if first.is_empty() {
        return Err(ApiError::NotFound);
    }
    let pool = state.pool.clone();
    let (tx, rx) = tokio::sync::mpsc::channel::<Result<web::Bytes, ApiError>>(4);
    std::thread::spawn(move || {
        if tx.blocking_send(Ok(web::Bytes::from(iati::head(caller.now)))).is_err() || tx.blocking_send(Ok(chunk(&first))).is_err() {
            return;
        }
        let result = write_rest(&pool, &caller, &projects, next, |bytes| tx.blocking_send(Ok(bytes)).is_ok());
        let _ = match result {
            Ok(()) => tx.blocking_send(Ok(web::Bytes::from_static(iati::TAIL.as_bytes()))),
            Err(e) => tx.blocking_send(Err(e)),
        };
    });
    let body = futures_util::stream::unfold(rx, |mut rx| async move { rx.recv().await.map(|item| (item, rx)) });
    Ok(HttpResponse::Ok()
        .content_type("application/xml; charset=utf-8")
        .insert_header((header::CONTENT_DISPOSITION, "inline; filename=\"zhuxiang-iati-activities.xml\""))
        .insert_header((header::CACHE_CONTROL, "public, max-age=300"))
        .streaming(body))
}
