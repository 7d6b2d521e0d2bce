use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};
use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::model::{
    ActionRow, CreateIncident, CreateIncidentAction, Incident, IncidentAction, IncidentQuery, IncidentRow,
    IncidentTransition, PatchIncident,
};
use super::{notices, store};
use crate::audit;
use crate::auth::Caller;
use crate::db::DbConn;
use crate::db::schema::{counties, incident_actions, incidents, pairing_members, pairings, project_organizations, projects};
use crate::domain::incident::IncidentStatus;
use crate::domain::{Consent, CountyCode, OrgStatus, Role, lifecycle};
use crate::error::{ApiError, ApiResult, ChangeErrors, CreateErrors, Invalid, ListErrors, Problem, ReadErrors};
use crate::extractors::Json;
use crate::http::{self, Items, Page};
use crate::organizations::store as orgs;
use crate::state::AppState;
use crate::tr;

/// Who follows incidents: coordinators, county officers and organizations' members (their own
/// reports). Experts and viewers have none to see.
const READERS: &[Role] = &[Role::NationalAdmin, Role::ProvincialOfficer, Role::CountyOfficer, Role::OrgMember];

/// The time something happened: not in the future (a few minutes of clock skew allowed).
fn occurred(at: chrono::DateTime<chrono::Utc>, now: NaiveDateTime, errors: &mut Vec<Invalid>) -> NaiveDateTime {
    let at = at.naive_utc();
    if at > now + chrono::Duration::minutes(5) || chrono::Datelike::year(&at) < 2000 {
        errors.push(Invalid::new("occurred_at", tr!("不能晚于现在，也不能早于 2000 年", "not in the future, nor before 2000")));
    }
    at
}

fn check_text(title: &str, description: &str, errors: &mut Vec<Invalid>) {
    if !crate::bounds::TITLE.accepts(title) {
        errors.push(Invalid::new("title", tr!("1–200 个字符", "1–200 characters")));
    }
    if !crate::bounds::REQUIRED_TEXT.accepts(description) {
        errors.push(Invalid::new("description", tr!("请说明经过（最多 5000 字）", "describe what happened (at most 5000 characters)")));
    }
}

/// List incidents in the caller's view
///
/// Most recently changed first, in keyset pages. National admins see all; a province its
/// counties'; a county its own; an organization's members what their organization reported.
#[utoipa::path(
    get, path = "/api/v1/incidents", tag = "incidents", operation_id = "listIncidents",
    params(IncidentQuery),
    responses(
        (status = 200, description = "A page of incidents (without histories)", body = Page<Incident>),
        (status = 403, description = "Experts and viewers follow no incidents", body = Problem, content_type = "application/problem+json"),
        ListErrors,
    ),
    security(("bearer" = []))
)]
pub async fn list_incidents(
    state: web::Data<AppState>,
    caller: Caller,
    query: crate::extractors::Query<IncidentQuery>,
) -> ApiResult<web::Json<Page<Incident>>> {
    caller.require_role(READERS)?;
    let limit = http::limit(query.limit)?;
    let after = http::decode_cursor(query.cursor.as_deref())?;
    let query = query.into_inner();
    let page = state
        .db(move |conn| {
            let rows = store::page(conn, &caller, &query, after.as_deref(), limit)?;
            let (rows, next_cursor) = http::page(rows, limit, store::cursor_key);
            let total = match query.count {
                Some(true) => Some(store::filtered(&caller, &query).count().get_result(conn)?),
                _ => None,
            };
            Ok(Page { items: store::to_dtos(conn, &caller, &rows, false)?, next_cursor, total })
        })
        .await?;
    Ok(web::Json(page))
}

/// Where a new incident happened and what it is linked to, checked: the project and the pairing
/// must be the organization's, in that county. Errors name the field.
fn place(conn: &mut DbConn, b: &CreateIncident, errors: &mut Vec<Invalid>) -> ApiResult<Option<(String, String)>> {
    let mut county = b.county_code.clone();
    if let Some(p) = &b.project_id {
        let found: Option<String> = projects::table
            .inner_join(project_organizations::table)
            .filter(projects::id.eq(p))
            .filter(project_organizations::organization_id.eq(&b.organization_id))
            .filter(project_organizations::consent.eq(Consent::Accepted))
            .select(projects::county_code)
            .first(conn)
            .optional()?;
        match (found, &county) {
            (None, _) => errors.push(Invalid::new("project_id", tr!("不是该组织参与的项目", "not a project the organization takes part in"))),
            (Some(c), Some(given)) if &c != given => {
                errors.push(Invalid::new("county_code", tr!("与项目所在县不一致", "not the project's county")))
            }
            (Some(c), _) => county = Some(c),
        }
    }
    let Some(county) = county else {
        errors.push(Invalid::new("county_code", tr!("请填写发生地所在县", "the county where it happened is required")));
        return Ok(None);
    };
    let code = match CountyCode::parse(&county) {
        Ok(c) => c.to_string(),
        Err(m) => {
            errors.push(Invalid::new("county_code", m));
            return Ok(None);
        }
    };
    let province: Option<String> = counties::table.find(&code).select(counties::province_code).first(conn).optional()?;
    let Some(province) = province else {
        errors.push(Invalid::new("county_code", tr!("没有这个县", "no such county")));
        return Ok(None);
    };
    if let Some(p) = &b.pairing_id {
        let ours: i64 = pairings::table
            .inner_join(pairing_members::table)
            .filter(pairings::id.eq(p))
            .filter(pairings::county_code.eq(&code))
            .filter(pairing_members::organization_id.eq(&b.organization_id))
            .count()
            .get_result(conn)?;
        if ours == 0 {
            errors.push(Invalid::new("pairing_id", tr!("不是该组织与该县的结对", "not a pairing of the organization with the county")));
        }
    }
    Ok(Some((code, province)))
}

/// Report an incident
///
/// By a coordinator of the county (national admins, the province's officers), its county
/// officer, or a member of the organization about one of its own projects. A `high` or
/// `critical` one is told at once to the national admins and the province's officers.
#[utoipa::path(
    post, path = "/api/v1/incidents", tag = "incidents", operation_id = "createIncident",
    request_body = CreateIncident,
    responses(
        (status = 201, description = "The incident, `reported`", body = Incident, headers(("ETag" = String), ("Location" = String))),
        (status = 403, description = "Not the county's, its coordinators', or the organization's about its own project", body = Problem, content_type = "application/problem+json"),
        CreateErrors,
    ),
    security(("bearer" = []))
)]
pub async fn create_incident(state: web::Data<AppState>, caller: Caller, body: Json<CreateIncident>) -> ApiResult<HttpResponse> {
    let b = body.into_inner();
    let (etag, dto) = state
        .tx(move |conn| {
            let mut errors = vec![];
            let title = b.title.trim().to_owned();
            check_text(&title, &b.description, &mut errors);
            let at = occurred(b.occurred_at, caller.now, &mut errors);
            let org = orgs::get(conn, &b.organization_id)?;
            if org.is_none() {
                errors.push(Invalid::new("organization_id", tr!("没有这个社会组织", "no such organization")));
            }
            let place = place(conn, &b, &mut errors)?;
            let (Some(org), Some((county, province)), true) = (org, place, errors.is_empty()) else {
                return Err(ApiError::Validation(errors));
            };
            let own_project = caller.is_member_of(&org.id) && b.project_id.is_some();
            if !(caller.coordinates_county(&county) || caller.is_county(&county) || own_project) {
                return Err(ApiError::Forbidden(tr!(
                    "只有该县、其主管部门，或该组织就自己的项目可以报告事件。",
                    "Only the county, its coordinators, or the organization about its own project may report an incident."
                )));
            }
            let row = IncidentRow {
                id: uuid::Uuid::now_v7().to_string(),
                title,
                kind: b.kind,
                severity: b.severity,
                organization_id: org.id,
                project_id: b.project_id,
                pairing_id: b.pairing_id,
                county_code: county,
                province_code: province,
                occurred_at: at,
                description: b.description.trim().to_owned(),
                status: IncidentStatus::Reported,
                reporter_id: caller.actor_id.clone(),
                reported_by: caller.name.clone(),
                reporter_organization_id: own_project.then(|| caller.organization_id.clone()).flatten(),
                resolved_at: None,
                version: 1,
                created_at: caller.now,
                updated_at: caller.now,
            };
            diesel::insert_into(incidents::table).values(&row).execute(conn)?;
            crate::history::record(conn, store::ENTITY, &row.id, &caller, None, IncidentStatus::Reported, "")?;
            notices::changed(conn, &caller, None, &row)?;
            let dto = store::one(conn, &caller, &row)?;
            audit::record(conn, &caller, "incident.create", "incident", &row.id, None::<&()>, Some(&dto))?;
            Ok((store::etag(&row), dto))
        })
        .await?;
    Ok(HttpResponse::Created()
        .insert_header((header::LOCATION, format!("/api/v1/incidents/{}", dto.id)))
        .insert_header((header::ETAG, etag))
        .json(dto))
}

/// Read an incident
#[utoipa::path(
    get, path = "/api/v1/incidents/{id}", tag = "incidents", operation_id = "getIncident",
    params(("id" = String, Path, description = "Incident id")),
    responses((status = 200, description = "The incident with its history", body = Incident, headers(("ETag" = String))), ReadErrors),
    security(("bearer" = []))
)]
pub async fn get_incident(state: web::Data<AppState>, caller: Caller, id: web::Path<String>) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let (etag, dto) = state
        .db(move |conn| {
            let row = store::visible_row(conn, &caller, &id)?;
            Ok((store::etag(&row), store::one(conn, &caller, &row)?))
        })
        .await?;
    Ok(HttpResponse::Ok().insert_header((header::ETAG, etag)).json(dto))
}

/// Correct an incident (JSON merge patch)
///
/// By whoever handles it while it is open, and by the reporting organization while it is new.
/// Raising it to `high` or `critical` tells the national admins and the province.
#[utoipa::path(
    patch, path = "/api/v1/incidents/{id}", tag = "incidents", operation_id = "updateIncident",
    params(("id" = String, Path, description = "Incident id"), ("If-Match" = String, Header, description = "The ETag last read")),
    request_body(content = PatchIncident, content_type = "application/merge-patch+json"),
    responses(
        (status = 200, description = "The changed incident", body = Incident, headers(("ETag" = String))),
        (status = 403, description = "Not the caller's to change, or no longer open", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
        ChangeErrors,
    ),
    security(("bearer" = []))
)]
pub async fn update_incident(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<String>,
    body: Json<PatchIncident>,
) -> ApiResult<HttpResponse> {
    let if_match = http::if_match_value(&req)?;
    let p = body.into_inner();
    let id = id.into_inner();
    let (etag, dto) = state
        .tx(move |conn| {
            let before = store::visible_row(conn, &caller, &id)?;
            if !store::may_edit(&caller, &before) {
                return Err(ApiError::Forbidden(tr!(
                    "只有处置方在事件未办结时、或报告组织在受理前可以修改。",
                    "Only those handling it change an open incident, and the reporting organization before it is taken up."
                )));
            }
            http::require_if_match_value(&if_match, &store::etag(&before))?;
            let before_dto = store::one(conn, &caller, &before)?;
            let mut after = before.clone();
            let mut errors = vec![];
            if let Some(t) = &p.title {
                after.title = t.trim().to_owned();
            }
            if let Some(d) = &p.description {
                after.description = d.trim().to_owned();
            }
            check_text(&after.title, &after.description, &mut errors);
            if let Some(at) = p.occurred_at {
                after.occurred_at = occurred(at, caller.now, &mut errors);
            }
            if !errors.is_empty() {
                return Err(ApiError::Validation(errors));
            }
            after.kind = p.kind.unwrap_or(before.kind);
            after.severity = p.severity.unwrap_or(before.severity);
            after.version += 1;
            after.updated_at = caller.now;
            store::save(conn, &after, before.version)?;
            notices::changed(conn, &caller, Some(&before), &after)?;
            let dto = store::one(conn, &caller, &after)?;
            audit::record(conn, &caller, "incident.update", "incident", &after.id, Some(&before_dto), Some(&dto))?;
            Ok((store::etag(&after), dto))
        })
        .await?;
    Ok(HttpResponse::Ok().insert_header((header::ETAG, etag)).json(dto))
}

/// Move an incident along its lifecycle
///
/// `reported → handling → resolved → closed`: the county and its coordinators take it up and
/// resolve it, the province (or a national admin) closes it; `resolved → handling` reopens it
/// and `reported → closed` dismisses an unfounded report, both with a reason.
#[utoipa::path(
    post, path = "/api/v1/incidents/{id}/transitions", tag = "incidents", operation_id = "transitionIncident",
    params(("id" = String, Path, description = "Incident id"), ("If-Match" = String, Header, description = "The ETag last read")),
    request_body = IncidentTransition,
    responses(
        (status = 200, description = "The incident after the move", body = Incident, headers(("ETag" = String))),
        (status = 403, description = "The move exists but not for the caller", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not a move from the current status", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Reason missing", body = Problem, content_type = "application/problem+json"),
        ChangeErrors,
    ),
    security(("bearer" = []))
)]
pub async fn transition_incident(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<String>,
    body: Json<IncidentTransition>,
) -> ApiResult<HttpResponse> {
    let if_match = http::if_match_value(&req)?;
    let IncidentTransition { to, reason } = body.into_inner();
    let id = id.into_inner();
    let (etag, dto) = state
        .tx(move |conn| {
            let before = store::visible_row(conn, &caller, &id)?;
            http::require_if_match_value(&if_match, &store::etag(&before))?;
            lifecycle::check(before.status, to, &store::parties(&caller, &before), &reason)?;
            let mut after = before.clone();
            after.status = to;
            after.resolved_at = match to {
                IncidentStatus::Resolved => Some(caller.now),
                IncidentStatus::Handling => None,
                _ => before.resolved_at,
            };
            after.version += 1;
            after.updated_at = caller.now;
            store::save(conn, &after, before.version)?;
            crate::history::record(conn, store::ENTITY, &after.id, &caller, Some(before.status), to, &reason)?;
            notices::changed(conn, &caller, Some(&before), &after)?;
            let dto = store::one(conn, &caller, &after)?;
            let change = serde_json::json!({"status": to, "reason": reason.trim()});
            audit::record(conn, &caller, "incident.transition", "incident", &after.id, Some(&before.status), Some(&change))?;
            Ok((store::etag(&after), dto))
        })
        .await?;
    Ok(HttpResponse::Ok().insert_header((header::ETAG, etag)).json(dto))
}

/// An incident's handling log
#[utoipa::path(
    get, path = "/api/v1/incidents/{id}/actions", tag = "incidents", operation_id = "listIncidentActions",
    params(("id" = String, Path, description = "Incident id")),
    responses((status = 200, description = "What was done, oldest first", body = Items<IncidentAction>), ReadErrors),
    security(("bearer" = []))
)]
pub async fn list_incident_actions(state: web::Data<AppState>, caller: Caller, id: web::Path<String>) -> ApiResult<web::Json<Items<IncidentAction>>> {
    let id = id.into_inner();
    let rows = state
        .db(move |conn| {
            let row = store::visible_row(conn, &caller, &id)?;
            store::actions(conn, &row.id)
        })
        .await?;
    Ok(web::Json(Items { items: rows.into_iter().map(IncidentAction::from).collect() }))
}

/// Record a handling step
///
/// What was done, by the county or its coordinators while the incident is not closed. With
/// `suspend_organization`, a coordinator of the organization's province also suspends the
/// organization (the note is the reason): its pairings, projects and brands are flagged for
/// review, as when it is suspended from its own page, and the step is linked to the incident.
#[utoipa::path(
    post, path = "/api/v1/incidents/{id}/actions", tag = "incidents", operation_id = "createIncidentAction",
    params(("id" = String, Path, description = "Incident id")),
    request_body = CreateIncidentAction,
    responses(
        (status = 201, description = "The step recorded", body = IncidentAction),
        (status = 404, description = "No such incident in the caller's view", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not handling it, or not a coordinator of the organization's province (to suspend)", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Closed, or the organization is not active (to suspend)", body = Problem, content_type = "application/problem+json"),
        CreateErrors,
    ),
    security(("bearer" = []))
)]
pub async fn create_incident_action(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    body: Json<CreateIncidentAction>,
) -> ApiResult<HttpResponse> {
    let b = body.into_inner();
    if !crate::bounds::REQUIRED_TEXT.accepts(&b.note) {
        return Err(ApiError::field("note", tr!("请说明采取的措施（最多 5000 字）", "say what was done (at most 5000 characters)")));
    }
    let id = id.into_inner();
    let suspending = b.suspend_organization;
    let action = state
        .tx(move |conn| {
            let incident = store::visible_row(conn, &caller, &id)?;
            if incident.status == IncidentStatus::Closed {
                return Err(ApiError::Conflict(tr!("事件已结案，不能再记录处置。", "The incident is closed: no more steps.")));
            }
            if !store::may_act(&caller, &incident) {
                return Err(ApiError::Forbidden(tr!(
                    "只有该县及其主管部门可以记录处置。",
                    "Only the county and its coordinators record handling steps."
                )));
            }
            let note = b.note.trim().to_owned();
            if b.suspend_organization {
                let org = orgs::get(conn, &incident.organization_id)?.ok_or(ApiError::NotFound)?;
                if !caller.administers_org(&org.province_code) {
                    return Err(ApiError::Forbidden(tr!(
                        "只有该组织所在省的主管部门可以暂停该组织。",
                        "Only the coordinators of the organization's province may suspend it."
                    )));
                }
                if org.status() != OrgStatus::Active {
                    let name = org.name;
                    return Err(ApiError::Conflict(tr!("{name} 已不在正常状态。", "{name} is not active.")));
                }
                let title = &incident.title;
                // the reason names the incident, within what an organization's own move takes
                let reason: String = format!("事件「{title}」：{note}").chars().take(5000).collect();
                orgs::move_status(conn, &caller, &org, OrgStatus::Suspended, &reason)?;
            }
            let row = ActionRow {
                id: uuid::Uuid::now_v7().to_string(),
                incident_id: incident.id.clone(),
                at: caller.now,
                actor_id: caller.actor_id.clone(),
                actor_name: caller.name.clone(),
                note,
                suspended_organization: b.suspend_organization,
            };
            diesel::insert_into(incident_actions::table).values(&row).execute(conn)?;
            // the incident's version moves: a page showing it reads the new step and status
            diesel::update(incidents::table.find(&incident.id))
                .set((incidents::version.eq(incidents::version + 1), incidents::updated_at.eq(caller.now)))
                .execute(conn)?;
            let dto = IncidentAction::from(row);
            audit::record(conn, &caller, "incident.action", "incident", &incident.id, None::<&()>, Some(&dto))?;
            Ok(dto)
        })
        .await?;
    if suspending {
        // a suspended organization is offered to no need from now on
        state.matching.invalidate();
    }
    Ok(HttpResponse::Created().json(action))
}
