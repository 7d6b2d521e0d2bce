use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};
use diesel::prelude::*;

use super::model::{
    CreateNomination, CreateSelection, Nomination, NominationQuery, NominationRow, NominationTransition, PatchSelection,
    Selection, SelectionQuery, SelectionRow, SelectionTransition,
};
use super::store::{self, nomination_etag, selection_etag};
use crate::audit;
use crate::auth::Caller;
use crate::db::schema::{nominations, selections};
use crate::domain::Role;
use crate::domain::evaluation::{NominationStatus, SelectionKind, SelectionStatus};
use crate::domain::lifecycle;
use crate::error::{ApiError, ApiResult, ChangeErrors, CreateErrors, ListErrors, Problem, ReadErrors};
use crate::extractors::Json;
use crate::http::{self, Items, Page};
use crate::state::AppState;
use crate::tr;

/// List selections
///
/// Coordinators see every selection; everyone else the published ones. `subject=` lists the
/// published selections in which that organization or brand was selected (its honors).
#[utoipa::path(
    get, path = "/api/v1/selections", tag = "selections", operation_id = "listSelections",
    params(SelectionQuery),
    responses((status = 200, description = "A page of selections", body = Page<Selection>), ListErrors),
    security(("bearer" = []))
)]
pub async fn list_selections(
    state: web::Data<AppState>,
    caller: Caller,
    query: crate::extractors::Query<SelectionQuery>,
) -> ApiResult<web::Json<Page<Selection>>> {
    let limit = http::limit(query.limit)?;
    let after = http::decode_cursor(query.cursor.as_deref())?;
    let query = query.into_inner();
    let page = state
        .db(move |conn| {
            let rows = store::page(conn, &caller, &query, after.as_deref(), limit)?;
            let (rows, next_cursor) = http::page(rows, limit, store::cursor_key);
            Ok(Page { items: store::selection_dtos(conn, &caller, &rows, false)?, next_cursor, total: None })
        })
        .await?;
    Ok(web::Json(page))
}

/// Open a selection (nominating)
///
/// National admins; one selection per year and kind (409).
#[utoipa::path(
    post, path = "/api/v1/selections", tag = "selections", operation_id = "createSelection",
    request_body = CreateSelection,
    responses(
        (status = 201, description = "The selection", body = Selection, headers(("ETag" = String), ("Location" = String))),
        (status = 403, description = "National admins only", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "That year already has this selection", body = Problem, content_type = "application/problem+json"),
        CreateErrors,
    ),
    security(("bearer" = []))
)]
pub async fn create_selection(state: web::Data<AppState>, caller: Caller, body: Json<CreateSelection>) -> ApiResult<HttpResponse> {
    crate::evaluation::store::require_national(&caller)?;
    let b = body.into_inner();
    if !crate::bounds::YEARS.contains(&b.year) {
        return Err(ApiError::field("year", tr!("年份为 2021–2100", "a year from 2021 to 2100")));
    }
    let year = b.year;
    let title = match b.title.as_deref().map(str::trim) {
        Some(t) if !t.is_empty() => t.to_owned(),
        _ => match b.kind {
            SelectionKind::OutstandingOrganization => format!("{year} 年度优秀社会组织"),
            SelectionKind::WellKnownBrand => format!("{year} 年度知名公益品牌"),
        },
    };
    if !crate::bounds::TITLE.accepts(&title) {
        return Err(ApiError::field("title", tr!("标题最多 200 字", "at most 200 characters")));
    }
    let (etag, dto) = state
        .tx(move |conn| {
            if let Some(r) = &b.evaluation_round_id {
                store::check_round(conn, b.kind, r)?;
            }
            let taken: i64 = selections::table
                .filter(selections::year.eq(b.year))
                .filter(selections::kind.eq(b.kind))
                .count()
                .get_result(conn)?;
            if taken > 0 {
                return Err(ApiError::Conflict(tr!("{year} 年已有这一类选树。", "{year} already has this selection.")));
            }
            let row = SelectionRow {
                id: uuid::Uuid::now_v7().to_string(),
                year: b.year,
                kind: b.kind,
                title,
                evaluation_round_id: b.evaluation_round_id,
                status: SelectionStatus::Nominating,
                version: 1,
                created_at: caller.now,
                updated_at: caller.now,
            };
            diesel::insert_into(selections::table).values(&row).execute(conn).map_err(|e| {
                // The same selection opened at the same moment by another request.
                if crate::db::is_unique_violation(&e) {
                    ApiError::Conflict(tr!("{year} 年已有这一类选树。", "{year} already has this selection."))
                } else {
                    e.into()
                }
            })?;
            crate::history::record(conn, store::SELECTION, &row.id, &caller, None, SelectionStatus::Nominating, "")?;
            let dto = store::selection_dto(conn, &caller, &row)?;
            audit::record(conn, &caller, "selection.create", "selection", &row.id, None::<&()>, Some(&dto))?;
            Ok((selection_etag(&row), dto))
        })
        .await?;
    Ok(HttpResponse::Created()
        .insert_header((header::LOCATION, format!("/api/v1/selections/{}", dto.id)))
        .insert_header((header::ETAG, etag))
        .json(dto))
}

/// Read a selection
#[utoipa::path(
    get, path = "/api/v1/selections/{id}", tag = "selections", operation_id = "getSelection",
    params(("id" = String, Path, description = "Selection id")),
    responses((status = 200, description = "The selection", body = Selection, headers(("ETag" = String))), ReadErrors),
    security(("bearer" = []))
)]
pub async fn get_selection(state: web::Data<AppState>, caller: Caller, id: web::Path<String>) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let (etag, dto) = state
        .db(move |conn| {
            let row = store::visible(conn, &caller, &id)?;
            Ok((selection_etag(&row), store::selection_dto(conn, &caller, &row)?))
        })
        .await?;
    Ok(HttpResponse::Ok().insert_header((header::ETAG, etag)).json(dto))
}

/// Change a selection's title or round (JSON merge patch)
///
/// National admins, until it is published (409).
#[utoipa::path(
    patch, path = "/api/v1/selections/{id}", tag = "selections", operation_id = "updateSelection",
    params(("id" = String, Path, description = "Selection id"), ("If-Match" = String, Header, description = "The ETag last read")),
    request_body(content = PatchSelection, content_type = "application/merge-patch+json"),
    responses(
        (status = 200, description = "The changed selection", body = Selection, headers(("ETag" = String))),
        (status = 403, description = "National admins only", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Published", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
        ChangeErrors,
    ),
    security(("bearer" = []))
)]
pub async fn update_selection(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<String>,
    body: Json<PatchSelection>,
) -> ApiResult<HttpResponse> {
    let if_match = http::if_match_value(&req)?;
    let p = body.into_inner();
    let id = id.into_inner();
    let (etag, dto) = state
        .tx(move |conn| {
            let before = store::visible(conn, &caller, &id)?;
            crate::evaluation::store::require_national(&caller)?;
            http::require_if_match_value(&if_match, &selection_etag(&before))?;
            if before.status == SelectionStatus::Published {
                return Err(ApiError::Conflict(tr!("已发布的选树不能修改。", "A published selection does not change.")));
            }
            let before_dto = store::selection_dto(conn, &caller, &before)?;
            let mut after = before.clone();
            if let Some(t) = &p.title {
                if !crate::bounds::TITLE.accepts(t) {
                    return Err(ApiError::field("title", tr!("标题不能为空，最多 200 字", "a title of 1–200 characters")));
                }
                after.title = t.trim().to_owned();
            }
            if let Some(r) = &p.evaluation_round_id {
                if let Some(r) = r {
                    store::check_round(conn, after.kind, r)?;
                }
                after.evaluation_round_id = r.clone();
            }
            after.version += 1;
            after.updated_at = caller.now;
            store::save(conn, &after, before.version)?;
            let dto = store::selection_dto(conn, &caller, &after)?;
            audit::record(conn, &caller, "selection.update", "selection", &after.id, Some(&before_dto), Some(&dto))?;
            Ok((selection_etag(&after), dto))
        })
        .await?;
    Ok(HttpResponse::Ok().insert_header((header::ETAG, etag)).json(dto))
}

/// Move a selection along its lifecycle
///
/// `nominating → reviewing` closes nominations; `reviewing → nominating` reopens them (reason);
/// `reviewing → published` once every nomination is decided (409 saying how many are not),
/// which puts the selected on the showcase and on their pages. National admins.
#[utoipa::path(
    post, path = "/api/v1/selections/{id}/transitions", tag = "selections", operation_id = "transitionSelection",
    params(("id" = String, Path, description = "Selection id"), ("If-Match" = String, Header, description = "The ETag last read")),
    request_body = SelectionTransition,
    responses(
        (status = 200, description = "The selection after the move", body = Selection, headers(("ETag" = String))),
        (status = 403, description = "National admins only", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not a move from the current status, or undecided nominations", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Reason missing", body = Problem, content_type = "application/problem+json"),
        ChangeErrors,
    ),
    security(("bearer" = []))
)]
pub async fn transition_selection(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<String>,
    body: Json<SelectionTransition>,
) -> ApiResult<HttpResponse> {
    let if_match = http::if_match_value(&req)?;
    let SelectionTransition { to, reason } = body.into_inner();
    let id = id.into_inner();
    let (etag, dto) = state
        .tx(move |conn| {
            let before = store::visible(conn, &caller, &id)?;
            http::require_if_match_value(&if_match, &selection_etag(&before))?;
            lifecycle::check(before.status, to, &store::parties(&caller), &reason)?;
            if to == SelectionStatus::Published {
                let open: i64 = nominations::table
                    .filter(nominations::selection_id.eq(&before.id))
                    .filter(nominations::status.eq(NominationStatus::Nominated))
                    .count()
                    .get_result(conn)?;
                if open > 0 {
                    return Err(ApiError::Conflict(tr!(
                        "还有 {open} 个推荐对象未作决定。",
                        "{open} nominations are not decided yet."
                    )));
                }
            }
            let mut after = before.clone();
            after.status = to;
            after.version += 1;
            after.updated_at = caller.now;
            store::save(conn, &after, before.version)?;
            crate::history::record(conn, store::SELECTION, &after.id, &caller, Some(before.status), to, &reason)?;
            let dto = store::selection_dto(conn, &caller, &after)?;
            let change = serde_json::json!({"status": to, "reason": reason.trim()});
            audit::record(conn, &caller, "selection.transition", "selection", &after.id, Some(&before.status), Some(&change))?;
            Ok((selection_etag(&after), dto))
        })
        .await?;
    Ok(HttpResponse::Ok().insert_header((header::ETAG, etag)).json(dto))
}

/// A selection's nominations
///
/// National admins see all, with each nominee's evaluation result when the selection's round is
/// closed; a provincial officer their province's (and, once published, everyone selected);
/// everyone else the selected, once published.
#[utoipa::path(
    get, path = "/api/v1/selections/{id}/nominations", tag = "selections", operation_id = "listNominations",
    params(("id" = String, Path, description = "Selection id"), NominationQuery),
    responses((status = 200, description = "The nominations", body = Items<Nomination>), ReadErrors),
    security(("bearer" = []))
)]
pub async fn list_nominations(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    query: crate::extractors::Query<NominationQuery>,
) -> ApiResult<web::Json<Items<Nomination>>> {
    let id = id.into_inner();
    let query = query.into_inner();
    let items = state
        .db(move |conn| {
            let selection = store::visible(conn, &caller, &id)?;
            let rows = store::nominations_of(conn, &caller, &selection, &query)?;
            store::nomination_dtos(conn, &caller, &selection, &rows)
        })
        .await?;
    Ok(web::Json(Items { items }))
}

/// Nominate an organization or a brand
///
/// While nominating: provincial officers their own province's organizations or brands (403
/// otherwise), national admins any; with a reason. An organization must be active, a brand
/// recognized (422 naming `subject_id`); each subject once per selection (409), a withdrawn
/// nomination being put forward again.
#[utoipa::path(
    post, path = "/api/v1/selections/{id}/nominations", tag = "selections", operation_id = "createNomination",
    params(("id" = String, Path, description = "Selection id")),
    request_body = CreateNomination,
    responses(
        (status = 201, description = "The nomination", body = Nomination, headers(("ETag" = String))),
        (status = 403, description = "Not the nominee's coordinator", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such selection", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not nominating, or already nominated", body = Problem, content_type = "application/problem+json"),
        CreateErrors,
    ),
    security(("bearer" = []))
)]
pub async fn create_nomination(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    body: Json<CreateNomination>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let b = body.into_inner();
    let (etag, dto) = state
        .tx(move |conn| {
            let selection = store::visible(conn, &caller, &id)?;
            if !matches!(caller.role, Role::NationalAdmin | Role::ProvincialOfficer) {
                return Err(ApiError::Forbidden(tr!("由省级主管部门或全国联络单位推荐。", "Provinces and national admins nominate.")));
            }
            if !crate::bounds::REQUIRED_TEXT.accepts(&b.reason) {
                return Err(ApiError::field("reason", tr!("请写明推荐理由（最多 5000 字）", "give the reason (up to 5,000 characters)")));
            }
            let (name, province, organization) = store::nominee(conn, selection.kind, &b.subject_id)?;
            if caller.role == Role::ProvincialOfficer && caller.province_code.as_deref() != Some(&province) {
                return Err(ApiError::Forbidden(tr!("只能推荐本省的组织或品牌。", "A province nominates its own organizations and brands.")));
            }
            if selection.status != SelectionStatus::Nominating {
                return Err(ApiError::Conflict(tr!("推荐已截止。", "Nominations are closed.")));
            }
            let earlier: Option<NominationRow> = nominations::table
                .filter(nominations::selection_id.eq(&selection.id))
                .filter(nominations::subject_id.eq(&b.subject_id))
                .select(NominationRow::as_select())
                .first(conn)
                .optional()?;
            match earlier {
                // A withdrawn nomination is put forward again, by whoever nominates now.
                Some(before) if before.status == NominationStatus::Withdrawn => {
                    let mut after = before.clone();
                    after.status = NominationStatus::Nominated;
                    after.reason = b.reason.trim().to_owned();
                    after.nominated_by = caller.name.clone();
                    after.nominated_by_id = caller.actor_id.clone();
                    after.decision_reason = String::new();
                    after.version += 1;
                    after.updated_at = caller.now;
                    diesel::update(nominations::table.find(&after.id).filter(nominations::version.eq(before.version)))
                        .set((
                            nominations::status.eq(after.status),
                            nominations::reason.eq(&after.reason),
                            nominations::nominated_by.eq(&after.nominated_by),
                            nominations::nominated_by_id.eq(&after.nominated_by_id),
                            nominations::decision_reason.eq(""),
                            nominations::version.eq(after.version),
                            nominations::updated_at.eq(after.updated_at),
                        ))
                        .execute(conn)?;
                    let dto = store::nomination_dtos(conn, &caller, &selection, std::slice::from_ref(&after))?
                        .pop()
                        .ok_or(ApiError::NotFound)?;
                    audit::record(conn, &caller, "nomination.create", "nomination", &after.id, Some(&before.status), Some(&dto))?;
                    return Ok((nomination_etag(&after), dto));
                }
                Some(_) => return Err(ApiError::Conflict(tr!("{name} 已被推荐。", "{name} is already nominated."))),
                None => {}
            }
            let row = NominationRow {
                id: uuid::Uuid::now_v7().to_string(),
                selection_id: selection.id.clone(),
                subject_id: b.subject_id,
                subject_name: name,
                province_code: province,
                organization_id: organization,
                reason: b.reason.trim().to_owned(),
                nominated_by: caller.name.clone(),
                nominated_by_id: caller.actor_id.clone(),
                status: NominationStatus::Nominated,
                decision_reason: String::new(),
                version: 1,
                created_at: caller.now,
                updated_at: caller.now,
            };
            diesel::insert_into(nominations::table).values(&row).execute(conn).map_err(|e| {
                // The same subject nominated at the same moment by another request.
                if crate::db::is_unique_violation(&e) {
                    let name = &row.subject_name;
                    ApiError::Conflict(tr!("{name} 已被推荐。", "{name} is already nominated."))
                } else {
                    e.into()
                }
            })?;
            let dto = store::nomination_dtos(conn, &caller, &selection, std::slice::from_ref(&row))?.pop().ok_or(ApiError::NotFound)?;
            audit::record(conn, &caller, "nomination.create", "nomination", &row.id, None::<&()>, Some(&dto))?;
            Ok((nomination_etag(&row), dto))
        })
        .await?;
    Ok(HttpResponse::Created().insert_header((header::ETAG, etag)).json(dto))
}

/// Read a nomination
#[utoipa::path(
    get, path = "/api/v1/nominations/{id}", tag = "selections", operation_id = "getNomination",
    params(("id" = String, Path, description = "Nomination id")),
    responses((status = 200, description = "The nomination", body = Nomination, headers(("ETag" = String))), ReadErrors),
    security(("bearer" = []))
)]
pub async fn get_nomination(state: web::Data<AppState>, caller: Caller, id: web::Path<String>) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let (etag, dto) = state
        .db(move |conn| {
            let (selection, row) = store::visible_nomination(conn, &caller, &id)?;
            let dto = store::nomination_dtos(conn, &caller, &selection, std::slice::from_ref(&row))?.pop().ok_or(ApiError::NotFound)?;
            Ok((nomination_etag(&row), dto))
        })
        .await?;
    Ok(HttpResponse::Ok().insert_header((header::ETAG, etag)).json(dto))
}

/// Decide or withdraw a nomination
///
/// While reviewing, a national admin decides `selected` or `not_selected` with a reason, or
/// takes a decision back (`nominated`, with a reason); while nominating, the nominee's province
/// (or a national admin) withdraws it.
#[utoipa::path(
    post, path = "/api/v1/nominations/{id}/transitions", tag = "selections", operation_id = "transitionNomination",
    params(("id" = String, Path, description = "Nomination id"), ("If-Match" = String, Header, description = "The ETag last read")),
    request_body = NominationTransition,
    responses(
        (status = 200, description = "The nomination after the move", body = Nomination, headers(("ETag" = String))),
        (status = 403, description = "The move exists but not for the caller", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not a move from the current status, or not at this stage of the selection", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Reason missing", body = Problem, content_type = "application/problem+json"),
        ChangeErrors,
    ),
    security(("bearer" = []))
)]
pub async fn transition_nomination(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<String>,
    body: Json<NominationTransition>,
) -> ApiResult<HttpResponse> {
    let if_match = http::if_match_value(&req)?;
    let NominationTransition { to, reason } = body.into_inner();
    let id = id.into_inner();
    let (etag, dto) = state
        .tx(move |conn| {
            let (selection, before) = store::visible_nomination(conn, &caller, &id)?;
            http::require_if_match_value(&if_match, &nomination_etag(&before))?;
            lifecycle::check(before.status, to, &store::nomination_parties(&caller, &before), &reason)?;
            let stage = if to == NominationStatus::Withdrawn { SelectionStatus::Nominating } else { SelectionStatus::Reviewing };
            if selection.status != stage {
                return Err(ApiError::Conflict(tr!(
                    "推荐期内可以撤回推荐，评审期内作出决定。",
                    "Nominations are withdrawn while nominating and decided while reviewing."
                )));
            }
            let mut after = before.clone();
            after.status = to;
            after.decision_reason = reason.trim().to_owned();
            after.version += 1;
            after.updated_at = caller.now;
            store::save_nomination(conn, &after, before.version)?;
            let dto = store::nomination_dtos(conn, &caller, &selection, std::slice::from_ref(&after))?.pop().ok_or(ApiError::NotFound)?;
            let change = serde_json::json!({"status": to, "reason": reason.trim()});
            audit::record(conn, &caller, "nomination.transition", "nomination", &after.id, Some(&before.status), Some(&change))?;
            Ok((nomination_etag(&after), dto))
        })
        .await?;
    Ok(HttpResponse::Ok().insert_header((header::ETAG, etag)).json(dto))
}
