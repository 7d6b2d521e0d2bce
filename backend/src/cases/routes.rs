use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};
use diesel::prelude::*;

use super::model::{Case, CaseQuery, CaseRow, CaseTransition, CreateCase, PatchCase};
use super::store::{self, case_etag};
use crate::attachments::{self, Attachment};
use crate::audit;
use crate::auth::Caller;
use crate::db::schema::cases;
use crate::domain::OrgStatus;
use crate::domain::case::{CaseStatus, CollectionStatus};
use crate::error::{ApiError, ApiResult, ChangeErrors, CreateErrors, ListErrors, Problem, ReadErrors};
use crate::extractors::Json;
use crate::http::{self, Items, Page};
use crate::organizations::store as orgs;
use crate::state::AppState;
use crate::tr;

/// List cases in the caller's view
///
/// Most recently changed first, in keyset pages.
#[utoipa::path(
    get, path = "/api/v1/cases", tag = "cases", operation_id = "listCases",
    params(CaseQuery),
    responses((status = 200, description = "A page of cases (without histories)", body = Page<Case>), ListErrors),
    security(("bearer" = []))
)]
pub async fn list_cases(
    state: web::Data<AppState>,
    caller: Caller,
    query: crate::extractors::Query<CaseQuery>,
) -> ApiResult<web::Json<Page<Case>>> {
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

/// Start a case
///
/// By the organization's members (or its province's coordinators), into an `open` collection
/// (409 otherwise); it starts as `draft`. Linked projects must be the organization's own, the
/// brand one of its brands.
#[utoipa::path(
    post, path = "/api/v1/cases", tag = "cases", operation_id = "createCase",
    request_body = CreateCase,
    responses(
        (status = 201, description = "The case", body = Case, headers(("ETag" = String), ("Location" = String))),
        (status = 403, description = "Not the organization's member or coordinator", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The collection is not open, or the organization is suspended", body = Problem, content_type = "application/problem+json"),
        CreateErrors,
    ),
    security(("bearer" = []))
)]
pub async fn create_case(state: web::Data<AppState>, caller: Caller, body: Json<CreateCase>) -> ApiResult<HttpResponse> {
    let b = body.into_inner();
    let title = b.title.trim().to_owned();
    let errors = store::validate(&title, [
        ("background", &b.background),
        ("approach", &b.approach),
        ("results", &b.results),
        ("lessons", &b.lessons),
    ]);
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let (etag, dto) = state
        .tx(move |conn| {
            let org = orgs::get(conn, &b.organization_id)?
                .ok_or_else(|| ApiError::field("organization_id", tr!("没有这个社会组织", "no such organization")))?;
            if !caller.acts_for_org(&org.id, &org.province_code) {
                return Err(ApiError::Forbidden(tr!(
                    "只有该组织的成员或其所在省的主管部门可以报送案例。",
                    "Only the organization's members or its province's coordinators may submit its cases."
                )));
            }
            let collection = store::load_collection(conn, &b.collection_id)?
                .ok_or_else(|| ApiError::field("collection_id", tr!("没有这个案例征集", "no such collection")))?;
            if collection.status != CollectionStatus::Open {
                return Err(ApiError::Conflict(tr!("该案例征集已结束。", "This collection is no longer open.")));
            }
            if org.status() != OrgStatus::Active {
                let name = org.name;
                return Err(ApiError::Conflict(tr!(
                    "{name} 已被暂停或撤销，不能报送案例。",
                    "{name} is suspended or revoked and cannot submit cases."
                )));
            }
            if b.consent_to_publish && !caller.is_member_of(&org.id) {
                return Err(consent_is_theirs());
            }
            let (project_ids, county_codes) =
                store::check_links(conn, &caller, &org.id, &b.project_ids, &b.county_codes, b.brand_id.as_deref())?;
            let row = CaseRow {
                id: uuid::Uuid::now_v7().to_string(),
                collection_id: collection.id,
                title,
                organization_id: org.id,
                province_code: org.province_code,
                brand_id: b.brand_id,
                line: b.line,
                county_codes: serde_json::to_string(&county_codes).unwrap_or_else(|_| "[]".into()),
                background: b.background.trim().to_owned(),
                approach: b.approach.trim().to_owned(),
                results: b.results.trim().to_owned(),
                lessons: b.lessons.trim().to_owned(),
                consent_to_publish: b.consent_to_publish,
                status: CaseStatus::Draft,
                version: 1,
                created_at: caller.now,
                updated_at: caller.now,
            };
            diesel::insert_into(cases::table).values(&row).execute(conn)?;
            store::set_projects(conn, &row.id, &project_ids)?;
            crate::history::record(conn, store::ENTITY, &row.id, &caller, None, CaseStatus::Draft, "")?;
            let dto = store::one(conn, &caller, &row)?;
            audit::record(conn, &caller, "case.create", "case", &row.id, None::<&()>, Some(&dto))?;
            Ok((case_etag(&row), dto))
        })
        .await?;
    Ok(HttpResponse::Created()
        .insert_header((header::LOCATION, format!("/api/v1/cases/{}", dto.id)))
        .insert_header((header::ETAG, etag))
        .json(dto))
}

/// Consent to publish is the organization's own word: only its members give or withdraw it.
fn consent_is_theirs() -> ApiError {
    ApiError::Forbidden(tr!(
        "只有社会组织本身可以同意公开其案例。",
        "Only the organization's own members consent to publishing its case."
    ))
}

/// Read a case with its figures and history
#[utoipa::path(
    get, path = "/api/v1/cases/{id}", tag = "cases", operation_id = "getCase",
    params(("id" = String, Path, description = "Case id")),
    responses((status = 200, description = "The case", body = Case, headers(("ETag" = String))), ReadErrors),
    security(("bearer" = []))
)]
pub async fn get_case(state: web::Data<AppState>, caller: Caller, id: web::Path<String>) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let (etag, dto) = state
        .db(move |conn| {
            let row = store::visible_row(conn, &caller, &id)?;
            Ok((case_etag(&row), store::one(conn, &caller, &row)?))
        })
        .await?;
    Ok(HttpResponse::Ok().insert_header((header::ETAG, etag)).json(dto))
}

/// Change a case (JSON merge patch)
///
/// By the organization's members or coordinators while it is `draft` or `returned` (403 otherwise).
#[utoipa::path(
    patch, path = "/api/v1/cases/{id}", tag = "cases", operation_id = "updateCase",
    params(("id" = String, Path, description = "Case id"), ("If-Match" = String, Header, description = "The ETag last read")),
    request_body(content = PatchCase, content_type = "application/merge-patch+json"),
    responses(
        (status = 200, description = "The changed case", body = Case, headers(("ETag" = String))),
        (status = 403, description = "Not the organization's, or no longer a draft", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
        ChangeErrors,
    ),
    security(("bearer" = []))
)]
pub async fn patch_case(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<String>,
    body: Json<PatchCase>,
) -> ApiResult<HttpResponse> {
    let if_match = http::if_match_value(&req)?;
    let p = body.into_inner();
    let id = id.into_inner();
    let (etag, dto) = state
        .tx(move |conn| {
            let before = store::visible_row(conn, &caller, &id)?;
            if !store::may_edit(&caller, &before) {
                return Err(ApiError::Forbidden(tr!(
                    "只有报送组织或其主管部门可以修改草稿或已退回的案例。",
                    "Only the organization or its coordinators change a case, and only while it is a draft or returned."
                )));
            }
            http::require_if_match_value(&if_match, &case_etag(&before))?;
            let before_dto = store::one(conn, &caller, &before)?;
            let mut after = before.clone();
            let set = |field: &mut String, v: &Option<String>| {
                if let Some(v) = v {
                    *field = v.trim().to_owned();
                }
            };
            set(&mut after.title, &p.title);
            set(&mut after.background, &p.background);
            set(&mut after.approach, &p.approach);
            set(&mut after.results, &p.results);
            set(&mut after.lessons, &p.lessons);
            if let Some(l) = p.line {
                after.line = l;
            }
            if let Some(c) = p.consent_to_publish {
                if c != before.consent_to_publish && !caller.is_member_of(&before.organization_id) {
                    return Err(consent_is_theirs());
                }
                after.consent_to_publish = c;
            }
            if let Some(b) = &p.brand_id {
                after.brand_id = b.clone().filter(|b| !b.trim().is_empty());
            }
            let errors = store::validate(&after.title, [
                ("background", &after.background),
                ("approach", &after.approach),
                ("results", &after.results),
                ("lessons", &after.lessons),
            ]);
            if !errors.is_empty() {
                return Err(ApiError::Validation(errors));
            }
            let projects = match &p.project_ids {
                Some(ids) => ids.clone(),
                None => store::linked_project_ids(conn, &after.id)?,
            };
            let counties = p.county_codes.clone().unwrap_or_else(|| before.county_codes());
            let (projects, counties) =
                store::check_links(conn, &caller, &after.organization_id, &projects, &counties, after.brand_id.as_deref())?;
            after.county_codes = serde_json::to_string(&counties).unwrap_or_else(|_| "[]".into());
            if p.project_ids.is_some() {
                store::set_projects(conn, &after.id, &projects)?;
            }
            after.version += 1;
            after.updated_at = caller.now;
            store::save(conn, &after, before.version)?;
            let dto = store::one(conn, &caller, &after)?;
            audit::record(conn, &caller, "case.update", "case", &after.id, Some(&before_dto), Some(&dto))?;
            Ok((case_etag(&after), dto))
        })
        .await?;
    Ok(HttpResponse::Ok().insert_header((header::ETAG, etag)).json(dto))
}

/// Move a case along its lifecycle
///
/// `draft → submitted` (its organization, into an open collection up to its deadline: 409
/// after it, naming the date) `→ shortlisted` (the officer of its province, or a national
/// admin) `→ typical` (national admins); `returned` with a reason from `submitted` or
/// `shortlisted`, after which it is submitted again. A typical case is public once its
/// organization consented and its collection is published.
#[utoipa::path(
    post, path = "/api/v1/cases/{id}/transitions", tag = "cases", operation_id = "transitionCase",
    params(("id" = String, Path, description = "Case id"), ("If-Match" = String, Header, description = "The ETag last read")),
    request_body = CaseTransition,
    responses(
        (status = 200, description = "The case after the move", body = Case, headers(("ETag" = String))),
        (status = 403, description = "The move exists but not for the caller", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not a move from the current status, or past the deadline", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Reason missing", body = Problem, content_type = "application/problem+json"),
        ChangeErrors,
    ),
    security(("bearer" = []))
)]
pub async fn transition_case(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<String>,
    body: Json<CaseTransition>,
) -> ApiResult<HttpResponse> {
    let if_match = http::if_match_value(&req)?;
    let t = body.into_inner();
    let id = id.into_inner();
    let (etag, dto) = state
        .tx(move |conn| {
            let before = store::visible_row(conn, &caller, &id)?;
            http::require_if_match_value(&if_match, &case_etag(&before))?;
            let mut after = before.clone();
            let change = serde_json::json!({"status": t.to, "reason": t.reason.trim()});
            store::transition(conn, &caller, &mut after, t)?;
            after.version += 1;
            after.updated_at = caller.now;
            store::save(conn, &after, before.version)?;
            let dto = store::one(conn, &caller, &after)?;
            audit::record(conn, &caller, "case.transition", "case", &after.id, Some(&before.status), Some(&change))?;
            Ok((case_etag(&after), dto))
        })
        .await?;
    Ok(HttpResponse::Ok().insert_header((header::ETAG, etag)).json(dto))
}

/// A case's evidence: seen by whoever sees the case; added and removed by its organization's
/// members and the coordinators of its province while it is a draft or returned.
pub struct CaseEvidence;

impl attachments::Holder for CaseEvidence {
    const ENTITY: &'static str = store::ENTITY;
    fn find(conn: &mut crate::db::DbConn, caller: &Caller, id: &str, changing: bool) -> ApiResult<String> {
        let row = store::visible_row(conn, caller, id)?;
        if !changing {
            return Ok(row.id);
        }
        // Evidence is part of what is reviewed: it changes with the case's text, while a draft or
        // returned, and what reviewers and the public saw stays as it was.
        if !store::may_edit(caller, &row) {
            return Err(ApiError::Forbidden(tr!(
                "只有所属组织或其主管部门可以在草稿或退回状态下管理佐证材料。",
                "Only its organization or that organization's coordinators manage its evidence, while it is a draft or returned."
            )));
        }
        // Holds the case's row until the transaction ends, so that concurrent uploads count
        // one another against the limits (PostgreSQL; SQLite has one writer anyway).
        diesel::update(crate::db::schema::cases::table.find(&row.id))
            .set(crate::db::schema::cases::version.eq(crate::db::schema::cases::version))
            .execute(conn)?;
        Ok(row.id)
    }
}

/// A case's attachments
#[utoipa::path(
    get, path = "/api/v1/cases/{id}/attachments", tag = "cases", operation_id = "listCaseAttachments",
    params(("id" = String, Path, description = "Case id")),
    responses((status = 200, description = "Its attachments, oldest first", body = Items<Attachment>), ReadErrors),
    security(("bearer" = []))
)]
pub async fn list_case_attachments(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> ApiResult<web::Json<Items<Attachment>>> {
    attachments::list_of::<CaseEvidence>(&state, caller, id.into_inner()).await
}

/// Add an attachment to a case
///
/// A JPEG, PNG or WebP photo or a PDF, as the raw body (name in `?filename=`) or as the `file`
/// part of a multipart form; the type is read from the content.
#[utoipa::path(
    post, path = "/api/v1/cases/{id}/attachments", tag = "cases", operation_id = "createCaseAttachment",
    params(("id" = String, Path, description = "Case id"), ("filename" = Option<String>, Query, description = "The file's name, for a raw body")),
    request_body(content((crate::sheets::UploadForm = "multipart/form-data"), (crate::http::RawFile = "application/octet-stream"))),
    responses(
        (status = 201, description = "The attachment", body = Attachment),
        (status = 400, description = "A malformed multipart body", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the organization's member or coordinator", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "Larger than 5 MiB, or the case would hold more than 20 files or 25 MiB", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Not a JPEG, PNG, WebP or PDF file", body = Problem, content_type = "application/problem+json"),
        ReadErrors,
    ),
    security(("bearer" = []))
)]
pub async fn create_case_attachment(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    file: crate::attachments::Upload,
) -> ApiResult<HttpResponse> {
    attachments::upload_to::<CaseEvidence>(&state, caller, id.into_inner(), file).await
}

/// Download a case's attachment
#[utoipa::path(
    get, path = "/api/v1/cases/{id}/attachments/{attachment_id}", tag = "cases", operation_id = "getCaseAttachment",
    params(("id" = String, Path, description = "Case id"), ("attachment_id" = String, Path, description = "Attachment id")),
    responses(
        (status = 200, description = "The file, as an attachment with its sniffed type",
         content((crate::http::RawFile = "image/jpeg"), (crate::http::RawFile = "image/png"), (crate::http::RawFile = "image/webp"), (crate::http::RawFile = "application/pdf"))),
        ReadErrors,
    ),
    security(("bearer" = []))
)]
pub async fn get_case_attachment(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<(String, String)>,
) -> ApiResult<HttpResponse> {
    let (id, attachment_id) = path.into_inner();
    attachments::download_from::<CaseEvidence>(&state, caller, id, attachment_id).await
}

/// Remove a case's attachment
#[utoipa::path(
    delete, path = "/api/v1/cases/{id}/attachments/{attachment_id}", tag = "cases", operation_id = "deleteCaseAttachment",
    params(("id" = String, Path, description = "Case id"), ("attachment_id" = String, Path, description = "Attachment id")),
    responses(
        (status = 204, description = "Removed"),
        (status = 403, description = "Not the organization's member or coordinator", body = Problem, content_type = "application/problem+json"),
        ReadErrors,
    ),
    security(("bearer" = []))
)]
pub async fn delete_case_attachment(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<(String, String)>,
) -> ApiResult<HttpResponse> {
    let (id, attachment_id) = path.into_inner();
    attachments::remove_from::<CaseEvidence>(&state, caller, id, attachment_id).await
}
