//! Case collections (案例征集): opened, changed and moved along `open → closed → published` by
//! national admins; read by every signed-in role.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};
use diesel::prelude::*;

use super::model::{CaseCollection, CollectionRow, CollectionTransition, CreateCollection, PatchCollection};
use super::store::{self, COLLECTION, collection_etag};
use crate::audit;
use crate::auth::Caller;
use crate::db::DbConn;
use crate::db::schema::case_collections;
use crate::domain::case::CollectionStatus;
use crate::domain::lifecycle;
use crate::domain::{Party, Role};
use crate::error::{ApiError, ApiResult, ChangeErrors, CreateErrors, Invalid, Problem, ReadErrors, Unauthenticated};
use crate::extractors::Json;
use crate::http::{self, Items};
use crate::state::AppState;
use crate::tr;

fn parties(caller: &Caller) -> Vec<Party> {
    if caller.role == Role::NationalAdmin { vec![Party::National] } else { vec![] }
}

fn to_dtos(conn: &mut DbConn, caller: &Caller, rows: &[CollectionRow], with_history: bool) -> ApiResult<Vec<CaseCollection>> {
    let ids: Vec<&str> = rows.iter().map(|r| r.id.as_str()).collect();
    let mut history = if with_history { crate::history::of(conn, COLLECTION, &ids)? } else { Default::default() };
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let query = super::model::CaseQuery { collection: Some(r.id.clone()), ..Default::default() };
        let cases: i64 = store::filtered(caller, &query).count().get_result(conn)?;
        out.push(CaseCollection {
            id: r.id.clone(),
            title: r.title.clone(),
            year: r.year,
            deadline: r.deadline,
            description: r.description.clone(),
            status: r.status,
            cases,
            allowed_transitions: lifecycle::allowed_for(r.status, &parties(caller)),
            history: history.remove(&r.id).unwrap_or_default(),
            created_at: r.created_at.and_utc(),
            updated_at: r.updated_at.and_utc(),
        });
    }
    Ok(out)
}

fn one(conn: &mut DbConn, caller: &Caller, row: &CollectionRow) -> ApiResult<CaseCollection> {
    to_dtos(conn, caller, std::slice::from_ref(row), true)?.pop().ok_or(ApiError::NotFound)
}

fn validate(title: &str, year: i64, description: &str) -> Vec<Invalid> {
    let mut errors = vec![];
    if !crate::bounds::TITLE.accepts(title) {
        errors.push(Invalid::new("title", tr!("标题应为 1–200 个字符", "1–200 characters")));
    }
    if !crate::bounds::YEARS.contains(&year) {
        errors.push(Invalid::new("year", tr!("年份应在 2021–2100 之间", "a year from 2021 to 2100")));
    }
    if !crate::bounds::DESCRIPTION.accepts(description) {
        errors.push(Invalid::new("description", tr!("最多 5000 个字符", "at most 5000 characters")));
    }
    errors
}

fn require_national(caller: &Caller) -> ApiResult<()> {
    caller.require_role(&[Role::NationalAdmin])
}

/// List case collections
///
/// Newest year first; each with the number of its cases the caller can see.
#[utoipa::path(
    get, path = "/api/v1/case-collections", tag = "cases", operation_id = "listCaseCollections",
    responses((status = 200, description = "Every collection", body = Items<CaseCollection>), Unauthenticated),
    security(("bearer" = []))
)]
pub async fn list_collections(state: web::Data<AppState>, caller: Caller) -> ApiResult<web::Json<Items<CaseCollection>>> {
    let items = state
        .db(move |conn| {
            let rows: Vec<CollectionRow> = case_collections::table
                .order((case_collections::year.desc(), case_collections::created_at.desc()))
                .limit(500)
                .select(CollectionRow::as_select())
                .load(conn)?;
            to_dtos(conn, &caller, &rows, false)
        })
        .await?;
    Ok(web::Json(Items { items }))
}

/// Open a case collection
///
/// National admins; it starts `open`.
#[utoipa::path(
    post, path = "/api/v1/case-collections", tag = "cases", operation_id = "createCaseCollection",
    request_body = CreateCollection,
    responses(
        (status = 201, description = "The collection", body = CaseCollection, headers(("ETag" = String), ("Location" = String))),
        (status = 403, description = "Not a national admin", body = Problem, content_type = "application/problem+json"),
        CreateErrors,
    ),
    security(("bearer" = []))
)]
pub async fn create_collection(
    state: web::Data<AppState>,
    caller: Caller,
    body: Json<CreateCollection>,
) -> ApiResult<HttpResponse> {
    require_national(&caller)?;
    let b = body.into_inner();
    let errors = validate(b.title.trim(), b.year, &b.description);
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let (etag, dto) = state
        .tx(move |conn| {
            let row = CollectionRow {
                id: uuid::Uuid::now_v7().to_string(),
                title: b.title.trim().to_owned(),
                year: b.year,
                deadline: b.deadline,
                description: b.description.trim().to_owned(),
                status: CollectionStatus::Open,
                version: 1,
                created_at: caller.now,
                updated_at: caller.now,
            };
            diesel::insert_into(case_collections::table).values(&row).execute(conn)?;
            crate::history::record(conn, COLLECTION, &row.id, &caller, None, CollectionStatus::Open, "")?;
            let dto = one(conn, &caller, &row)?;
            audit::record(conn, &caller, "case_collection.create", "case_collection", &row.id, None::<&()>, Some(&dto))?;
            Ok((collection_etag(&row), dto))
        })
        .await?;
    Ok(HttpResponse::Created()
        .insert_header((header::LOCATION, format!("/api/v1/case-collections/{}", dto.id)))
        .insert_header((header::ETAG, etag))
        .json(dto))
}

/// Read a case collection
#[utoipa::path(
    get, path = "/api/v1/case-collections/{id}", tag = "cases", operation_id = "getCaseCollection",
    params(("id" = String, Path, description = "Collection id")),
    responses((status = 200, description = "The collection", body = CaseCollection, headers(("ETag" = String))), ReadErrors),
    security(("bearer" = []))
)]
pub async fn get_collection(state: web::Data<AppState>, caller: Caller, id: web::Path<String>) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let (etag, dto) = state
        .db(move |conn| {
            let row = store::load_collection(conn, &id)?.ok_or(ApiError::NotFound)?;
            Ok((collection_etag(&row), one(conn, &caller, &row)?))
        })
        .await?;
    Ok(HttpResponse::Ok().insert_header((header::ETAG, etag)).json(dto))
}

/// Change a case collection (JSON merge patch)
///
/// National admins: its title, year, deadline (extending it lets organizations submit again)
/// and description.
#[utoipa::path(
    patch, path = "/api/v1/case-collections/{id}", tag = "cases", operation_id = "updateCaseCollection",
    params(("id" = String, Path, description = "Collection id"), ("If-Match" = String, Header, description = "The ETag last read")),
    request_body(content = PatchCollection, content_type = "application/merge-patch+json"),
    responses(
        (status = 200, description = "The changed collection", body = CaseCollection, headers(("ETag" = String))),
        (status = 403, description = "Not a national admin", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
        ChangeErrors,
    ),
    security(("bearer" = []))
)]
pub async fn patch_collection(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<String>,
    body: Json<PatchCollection>,
) -> ApiResult<HttpResponse> {
    let if_match = http::if_match_value(&req)?;
    let p = body.into_inner();
    let id = id.into_inner();
    let (etag, dto) = state
        .tx(move |conn| {
            let before = store::load_collection(conn, &id)?.ok_or(ApiError::NotFound)?;
            require_national(&caller)?;
            http::require_if_match_value(&if_match, &collection_etag(&before))?;
            let mut after = before.clone();
            if let Some(t) = &p.title {
                after.title = t.trim().to_owned();
            }
            if let Some(y) = p.year {
                after.year = y;
            }
            if let Some(d) = p.deadline {
                after.deadline = d;
            }
            if let Some(d) = &p.description {
                after.description = d.trim().to_owned();
            }
            let errors = validate(&after.title, after.year, &after.description);
            if !errors.is_empty() {
                return Err(ApiError::Validation(errors));
            }
            after.version += 1;
            after.updated_at = caller.now;
            save(conn, &after, before.version)?;
            let dto = one(conn, &caller, &after)?;
            audit::record(conn, &caller, "case_collection.update", "case_collection", &after.id, Some(&before.title), Some(&dto))?;
            Ok((collection_etag(&after), dto))
        })
        .await?;
    Ok(HttpResponse::Ok().insert_header((header::ETAG, etag)).json(dto))
}

fn save(conn: &mut DbConn, row: &CollectionRow, expected_version: i64) -> ApiResult<()> {
    let n = diesel::update(case_collections::table.find(&row.id).filter(case_collections::version.eq(expected_version)))
        .set((
            case_collections::title.eq(&row.title),
            case_collections::year.eq(row.year),
            case_collections::deadline.eq(row.deadline),
            case_collections::description.eq(&row.description),
            case_collections::status.eq(row.status),
            case_collections::version.eq(row.version),
            case_collections::updated_at.eq(row.updated_at),
        ))
        .execute(conn)?;
    if n == 0 { Err(ApiError::PreconditionFailed) } else { Ok(()) }
}

/// Move a case collection along its lifecycle
///
/// National admins: `open → closed → published` (publishing makes its consented typical cases
/// public), and `closed → open` again with a reason.
#[utoipa::path(
    post, path = "/api/v1/case-collections/{id}/transitions", tag = "cases", operation_id = "transitionCaseCollection",
    params(("id" = String, Path, description = "Collection id"), ("If-Match" = String, Header, description = "The ETag last read")),
    request_body = CollectionTransition,
    responses(
        (status = 200, description = "The collection after the move", body = CaseCollection, headers(("ETag" = String))),
        (status = 403, description = "Not a national admin", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not a move from the current status", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Reason missing", body = Problem, content_type = "application/problem+json"),
        ChangeErrors,
    ),
    security(("bearer" = []))
)]
pub async fn transition_collection(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<String>,
    body: Json<CollectionTransition>,
) -> ApiResult<HttpResponse> {
    let if_match = http::if_match_value(&req)?;
    let CollectionTransition { to, reason } = body.into_inner();
    let id = id.into_inner();
    let (etag, dto) = state
        .tx(move |conn| {
            let before = store::load_collection(conn, &id)?.ok_or(ApiError::NotFound)?;
            require_national(&caller)?;
            http::require_if_match_value(&if_match, &collection_etag(&before))?;
            lifecycle::check(before.status, to, &parties(&caller), &reason)?;
            let mut after = before.clone();
            after.status = to;
            after.version += 1;
            after.updated_at = caller.now;
            save(conn, &after, before.version)?;
            crate::history::record(conn, COLLECTION, &after.id, &caller, Some(before.status), to, &reason)?;
            let dto = one(conn, &caller, &after)?;
            let change = serde_json::json!({"status": to, "reason": reason.trim()});
            audit::record(conn, &caller, "case_collection.transition", "case_collection", &after.id, Some(&before.status), Some(&change))?;
            Ok((collection_etag(&after), dto))
        })
        .await?;
    Ok(HttpResponse::Ok().insert_header((header::ETAG, etag)).json(dto))
}
