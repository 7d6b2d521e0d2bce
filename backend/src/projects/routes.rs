use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};
use diesel::prelude::*;

use super::create;
use super::model::{
    ConsentTransition, CreateProject, PatchProject, Project, ProjectQuery, ProjectRow, ProjectSort, ProjectSummary, ProjectTransition,
};
use super::store::{self, project_etag};
use crate::audit;
use crate::auth::Caller;
use crate::db::DbConn;
use crate::db::schema::project_organizations;
use crate::domain::Party;
use crate::domain::lifecycle;
use crate::domain::project::ProjectRole;
use crate::domain::{Consent, CountyCode, OrgStatus};
use crate::error::{ApiError, ApiResult, ChangeErrors, CreateErrors, Invalid, ListErrors, Problem, ReadErrors};
use crate::extractors::Json;
use crate::http::{self, Page};
use crate::organizations::store as orgs;
use crate::state::AppState;
use crate::tr;

pub fn one(conn: &mut DbConn, caller: &Caller, row: &ProjectRow) -> ApiResult<Project> {
    store::to_dtos(conn, caller, std::slice::from_ref(row), true)?.pop().ok_or(ApiError::NotFound)
}

/// List projects in the caller's view
///
/// Keyset pagination by `-updated_at` (default) or `-funds_in_place`: every page costs the same.
#[utoipa::path(
    get, path = "/api/v1/projects", tag = "projects", operation_id = "listProjects",
    params(ProjectQuery),
    responses((status = 200, description = "A page of projects, as lists show them", body = Page<ProjectSummary>), ListErrors),
    security(("bearer" = []))
)]
pub async fn list_projects(
    state: web::Data<AppState>,
    caller: Caller,
    query: crate::extractors::Query<ProjectQuery>,
) -> ApiResult<web::Json<Page<ProjectSummary>>> {
    let limit = http::limit(query.limit)?;
    let after = http::decode_cursor(query.cursor.as_deref())?;
    let query = query.into_inner();
    query.check()?;
    let sort = query.sort.unwrap_or(ProjectSort::UpdatedDesc);
    let now = caller.now;
    let (items, next_cursor, total) = state
        .db(move |conn| {
            let rows = store::page(conn, &caller, &query, after.as_deref(), limit, now)?;
            let (rows, next) = http::page(rows, limit, |l| store::cursor_key(&l.row, sort));
            let total = if query.count == Some(true) {
                Some(store::filtered(&caller, &query, now).count().get_result(conn)?)
            } else {
                None
            };
            Ok((store::summaries(&caller, rows)?, next, total))
        })
        .await?;
    Ok(web::Json(Page { items, next_cursor, total }))
}

/// The rules a project's own fields follow, on create and on change.
fn validate(
    title: &str,
    roles: &[ProjectRole],
    beneficiaries: i64,
    government_purchase: bool,
    contract: Option<&str>,
) -> Vec<Invalid> {
    let mut errors = vec![];
    if !crate::bounds::TITLE.accepts(title) {
        errors.push(Invalid::new("title", tr!("标题应为 1–200 个字符", "1–200 characters")));
    }
    if roles.iter().filter(|r| **r == ProjectRole::Lead).count() != 1 {
        errors.push(Invalid::new(
            "organizations",
            tr!("须有且只有一个牵头组织（lead）", "exactly one organization must lead"),
        ));
    }
    if beneficiaries < 0 {
        errors.push(Invalid::new("beneficiaries_planned", tr!("不能为负数", "must not be negative")));
    }
    if government_purchase && contract.is_none_or(|c| c.trim().is_empty()) {
        errors.push(Invalid::new(
            "contract_number",
            tr!("政府购买服务须填写合同编号", "required for a government purchase of services"),
        ));
    }
    errors
}

/// Dock a project
///
/// By its organizations (a suspended or revoked one cannot start projects: 409), the county or
/// its coordinators. Starts as `docking`. The creator's own organization takes part at once;
/// every other organization named is invited and takes part once one of its members accepts
/// (`POST /api/v1/projects/{id}/organizations/{organization_id}/transitions`); the project is
/// signed only once its lead has accepted.
#[utoipa::path(
    post, path = "/api/v1/projects", tag = "projects", operation_id = "createProject",
    request_body = CreateProject,
    responses(
        (status = 201, description = "The project", body = Project, headers(("ETag" = String), ("Location" = String))),
        (status = 403, description = "Not a party to this project", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "An organization is suspended or revoked", body = Problem, content_type = "application/problem+json"),
        CreateErrors,
    ),
    security(("bearer" = []))
)]
pub async fn create_project(
    state: web::Data<AppState>,
    caller: Caller,
    body: Json<CreateProject>,
) -> ApiResult<HttpResponse> {
    let b = body.into_inner();
    let roles: Vec<ProjectRole> = b.organizations.iter().map(|o| o.role).collect();
    let mut errors =
        validate(&b.title, &roles, b.beneficiaries_planned, b.government_purchase, b.contract_number.as_deref());
    let county = CountyCode::parse(&b.county_code).map_err(|m| ApiError::field("county_code", m));
    let county = match county {
        Ok(c) => Some(c),
        Err(ApiError::Validation(mut e)) => {
            errors.append(&mut e);
            None
        }
        Err(e) => return Err(e),
    };
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let county = county.ok_or(ApiError::NotFound)?;
    let (etag, dto) = state
        .tx(move |conn| {
            let (row, dto) = create::create(conn, &caller, &county, &b)?;
            audit::record(conn, &caller, "project.create", "project", &row.id, None::<&()>, Some(&dto))?;
            Ok((project_etag(&row), dto))
        })
        .await?;
    Ok(HttpResponse::Created()
        .insert_header((header::LOCATION, format!("/api/v1/projects/{}", dto.id)))
        .insert_header((header::ETAG, etag))
        .json(dto))
}

/// Read a project with its history
#[utoipa::path(
    get, path = "/api/v1/projects/{id}", tag = "projects", operation_id = "getProject",
    params(("id" = String, Path, description = "Project id")),
    responses((status = 200, description = "The project", body = Project, headers(("ETag" = String))), ReadErrors),
    security(("bearer" = []))
)]
pub async fn get_project(state: web::Data<AppState>, caller: Caller, id: web::Path<String>) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let (etag, dto) = state
        .db(move |conn| {
            let (row, project) = store::visible_detail(conn, &caller, &id)?;
            Ok((project_etag(&row), project))
        })
        .await?;
    Ok(HttpResponse::Ok().insert_header((header::ETAG, etag)).json(dto))
}

/// Change a project (JSON merge patch)
///
/// Funds in place and beneficiaries reached come only from progress updates.
#[utoipa::path(
    patch, path = "/api/v1/projects/{id}", tag = "projects", operation_id = "updateProject",
    params(("id" = String, Path, description = "Project id"), ("If-Match" = String, Header, description = "The ETag last read")),
    request_body(content = PatchProject, content_type = "application/merge-patch+json"),
    responses(
        (status = 200, description = "The changed project", body = Project, headers(("ETag" = String))),
        (status = 403, description = "Not a party to this project", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
        ChangeErrors,
    ),
    security(("bearer" = []))
)]
pub async fn patch_project(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<String>,
    body: Json<PatchProject>,
) -> ApiResult<HttpResponse> {
    let if_match = http::if_match_value(&req)?;
    let p = body.into_inner();
    let id = id.into_inner();
    let (etag, dto) = state
        .tx(move |conn| {
            let (before, orgs) = store::visible_row(conn, &caller, &id)?;
            if store::parties(&caller, &before, &orgs).is_empty() {
                return Err(ApiError::Forbidden(tr!("您不能修改该项目。", "You may not change this project.")));
            }
            http::require_if_match_value(&if_match, &project_etag(&before))?;
            let before_dto = one(conn, &caller, &before)?;
            let mut after = before.clone();
            if let Some(t) = &p.title {
                after.title = t.trim().to_owned();
            }
            if let Some(t) = p.assistance_type {
                after.assistance_type = t;
            }
            if let Some(m) = p.planned_funds {
                after.planned_funds_fen = m.fen();
            }
            if let Some(n) = p.beneficiaries_planned {
                after.beneficiaries_planned = n;
            }
            if let Some(g) = p.government_purchase {
                after.government_purchase = g;
            }
            if let Some(c) = &p.contract_number {
                after.contract_number = Some(c.trim().to_owned()).filter(|c| !c.is_empty());
            }
            if let Some(m) = p.contract_amount {
                after.contract_amount_fen = Some(m.fen());
            }
            if let Some(s) = &p.sustainability {
                after.sustainability = s.trim().to_owned();
            }
            if let Some(brand) = &p.brand_id {
                after.brand_id = brand.clone().filter(|b| !b.trim().is_empty());
                if let Some(b) = after.brand_id.as_deref().filter(|b| Some(*b) != before.brand_id.as_deref()) {
                    let named: Vec<(String, Consent)> =
                        orgs.iter().map(|o| (o.organization_id.clone(), o.consent)).collect();
                    crate::brands::store::check_for_project(conn, &caller, b, &named)?;
                }
            }
            let roles: Vec<ProjectRole> = orgs.iter().map(|o| o.role).collect();
            let errors = validate(
                &after.title,
                &roles,
                after.beneficiaries_planned,
                after.government_purchase,
                after.contract_number.as_deref(),
            );
            if !errors.is_empty() {
                return Err(ApiError::Validation(errors));
            }
            after.version += 1;
            after.updated_at = caller.now;
            store::save_relinked(conn, &after, before.version, before.brand_id.as_deref())?;
            let dto = one(conn, &caller, &after)?;
            audit::record(conn, &caller, "project.update", "project", &after.id, Some(&before_dto), Some(&dto))?;
            Ok((project_etag(&after), dto))
        })
        .await?;
    Ok(HttpResponse::Ok().insert_header((header::ETAG, etag)).json(dto))
}

/// Move a project along its lifecycle
///
/// `docking → signed → landed → completed`, with `suspended` (and back) and `cancelled`.
/// Landing is two-sided: `{"to": "landed"}` from the organization declares it (the status stays
/// `signed`), the same from the county officer confirms it; both are recorded with who and when.
#[utoipa::path(
    post, path = "/api/v1/projects/{id}/transitions", tag = "projects", operation_id = "transitionProject",
    params(("id" = String, Path, description = "Project id"), ("If-Match" = String, Header, description = "The ETag last read")),
    request_body = ProjectTransition,
    responses(
        (status = 200, description = "The project after the move", body = Project, headers(("ETag" = String))),
        (status = 403, description = "The move exists but not for the caller", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not a move from the current status, or a landing not declared", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Reason missing", body = Problem, content_type = "application/problem+json"),
        ChangeErrors,
    ),
    security(("bearer" = []))
)]
pub async fn transition_project(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<String>,
    body: Json<ProjectTransition>,
) -> ApiResult<HttpResponse> {
    let if_match = http::if_match_value(&req)?;
    let ProjectTransition { to, reason } = body.into_inner();
    let id = id.into_inner();
    let (etag, dto) = state
        .tx(move |conn| {
            let (before, orgs) = store::visible_row(conn, &caller, &id)?;
            http::require_if_match_value(&if_match, &project_etag(&before))?;
            let mut after = before.clone();
            store::transition(conn, &caller, &mut after, &orgs, to, &reason)?;
            after.version += 1;
            after.updated_at = caller.now;
            store::save(conn, &after, before.version)?;
            super::events::announce(conn, &caller, &after, before.status(), false)?;
            let dto = store::to_dto(conn, &caller, &after, orgs)?;
            let change = serde_json::json!({"status": dto.status, "landing": dto.landing, "reason": reason.trim()});
            audit::record(
                conn,
                &caller,
                "project.transition",
                "project",
                &after.id,
                Some(&before.status),
                Some(&change),
            )?;
            Ok((project_etag(&after), dto))
        })
        .await?;
    Ok(HttpResponse::Ok().insert_header((header::ETAG, etag)).json(dto))
}

/// Answer a project's invitation
///
/// A member of an organization named in the project, while it is invited, accepts (it takes
/// part from now on) or declines; the answer is recorded with who and when, and given once.
/// Nobody answers for another organization (403). Requires the project's `If-Match`.
#[utoipa::path(
    post, path = "/api/v1/projects/{id}/organizations/{organization_id}/transitions", tag = "projects",
    operation_id = "answerProjectInvitation",
    params(
        ("id" = String, Path, description = "Project id"),
        ("organization_id" = String, Path, description = "The invited organization"),
        ("If-Match" = String, Header, description = "The project's ETag last read"),
    ),
    request_body = ConsentTransition,
    responses(
        (status = 200, description = "The project with the answer recorded", body = Project, headers(("ETag" = String))),
        (status = 403, description = "Not a member of this organization", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Already answered, or the organization is suspended or revoked", body = Problem, content_type = "application/problem+json"),
        ChangeErrors,
    ),
    security(("bearer" = []))
)]
pub async fn answer_invitation(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    path: web::Path<(String, String)>,
    body: Json<ConsentTransition>,
) -> ApiResult<HttpResponse> {
    let if_match = http::if_match_value(&req)?;
    let ConsentTransition { to, reason } = body.into_inner();
    let (id, organization_id) = path.into_inner();
    let (etag, dto) = state
        .tx(move |conn| {
            let (before, orgs) = store::visible_row(conn, &caller, &id)?;
            let named = orgs.iter().find(|o| o.organization_id == organization_id).ok_or(ApiError::NotFound)?;
            http::require_if_match_value(&if_match, &project_etag(&before))?;
            let own = if caller.is_member_of(&organization_id) { &[Party::Invitee][..] } else { &[] };
            let current = named.consent;
            lifecycle::check(current, to, own, &reason)?;
            if to == Consent::Accepted
                && let Some(org) = orgs::get(conn, &organization_id)?
                && org.status() != OrgStatus::Active
            {
                let name = org.name;
                return Err(ApiError::Conflict(tr!(
                    "{name} 已被暂停或撤销，不能参与新项目。",
                    "{name} is suspended or revoked and cannot join projects."
                )));
            }
            let mut after = before.clone();
            after.version += 1;
            after.updated_at = caller.now;
            store::save(conn, &after, before.version)?;
            diesel::update(project_organizations::table.find((&after.id, &organization_id)))
                .set((
                    project_organizations::consent.eq(to),
                    project_organizations::consent_at.eq(caller.now),
                    project_organizations::consent_by.eq(&caller.name),
                ))
                .execute(conn)?;
            store::refresh_parties(conn, &after.id)?;
            let dto = one(conn, &caller, &after)?;
            let change =
                serde_json::json!({"organization_id": organization_id, "consent": to, "reason": reason.trim()});
            audit::record(conn, &caller, "project.consent", "project", &after.id, Some(&current), Some(&change))?;
            Ok((project_etag(&after), dto))
        })
        .await?;
    Ok(HttpResponse::Ok().insert_header((header::ETAG, etag)).json(dto))
}
