use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};
use diesel::prelude::*;

use super::model::{Brand, BrandQuery, BrandRow, BrandSort, BrandTransition, CreateBrand, PatchBrand};
use super::store::{self, brand_etag};
use crate::domain::WebhookEvent;
use crate::webhooks::outbox::{self, Event};
use crate::attachments::{self, Attachment};
use crate::audit;
use crate::auth::Caller;
use crate::domain::OrgStatus;
use crate::domain::brand::BrandStatus;
use crate::error::{ApiError, ApiResult, ChangeErrors, CreateErrors, ListErrors, Problem, ReadErrors};
use crate::extractors::Json;
use crate::http::{self, Items, Page};
use crate::organizations::store as orgs;
use crate::projects::model::{ProjectQuery, ProjectSummary};
use crate::state::AppState;
use crate::tr;

/// List brands in the caller's view
///
/// Keyset pages sorted by `-updated_at` (default), `name`, `-funds_in_place` or
/// `-counties_reached`. Each brand carries its dossier.
#[utoipa::path(
    get, path = "/api/v1/brands", tag = "brands", operation_id = "listBrands",
    params(BrandQuery),
    responses((status = 200, description = "A page of brands (without histories)", body = Page<Brand>), ListErrors),
    security(("bearer" = []))
)]
pub async fn list_brands(
    state: web::Data<AppState>,
    caller: Caller,
    query: crate::extractors::Query<BrandQuery>,
) -> ApiResult<web::Json<Page<Brand>>> {
    let limit = http::limit(query.limit)?;
    let after = http::decode_cursor(query.cursor.as_deref())?;
    let query = query.into_inner();
    let sort = query.sort.unwrap_or(BrandSort::UpdatedDesc);
    let page = state
        .db(move |conn| {
            let rows = store::page(conn, &caller, &query, after.as_deref(), limit)?;
            let (rows, next_cursor) = http::page(rows, limit, |r| store::cursor_key(r, sort));
            let total = match query.count {
                Some(true) => Some(store::filtered(&caller, &query).count().get_result(conn)?),
                _ => None,
            };
            Ok(Page { items: store::to_dtos(conn, &caller, &rows, false)?, next_cursor, total })
        })
        .await?;
    Ok(web::Json(page))
}

/// Register a brand
///
/// By its owner's members or the coordinators of the owner's province; starts as `draft`. The
/// `focus` values must belong to the `line` (422 naming `focus`). A suspended or revoked owner
/// cannot register brands (409).
#[utoipa::path(
    post, path = "/api/v1/brands", tag = "brands", operation_id = "createBrand",
    request_body = CreateBrand,
    responses(
        (status = 201, description = "The brand", body = Brand, headers(("ETag" = String), ("Location" = String))),
        (status = 403, description = "Not the owner's member or coordinator", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The owner is suspended or revoked", body = Problem, content_type = "application/problem+json"),
        CreateErrors,
    ),
    security(("bearer" = []))
)]
pub async fn create_brand(state: web::Data<AppState>, caller: Caller, body: Json<CreateBrand>) -> ApiResult<HttpResponse> {
    let b = body.into_inner();
    let name = b.name.trim().to_owned();
    let errors = store::validate(&name, b.line, &b.focus, &b.description, b.started_year);
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let (etag, dto) = state
        .tx(move |conn| {
            let owner = orgs::get(conn, &b.owner_organization_id)?.ok_or_else(|| {
                ApiError::field("owner_organization_id", tr!("没有这个社会组织", "no such organization"))
            })?;
            if !caller.acts_for_org(&owner.id, &owner.province_code) {
                return Err(ApiError::Forbidden(tr!(
                    "只有该组织的成员或其所在省的主管部门可以登记品牌。",
                    "Only the organization's members or its province's coordinators may register its brands."
                )));
            }
            if owner.status() != OrgStatus::Active {
                let name = owner.name;
                return Err(ApiError::Conflict(tr!(
                    "{name} 已被暂停或撤销，不能登记品牌。",
                    "{name} is suspended or revoked and cannot register brands."
                )));
            }
            let partners = store::check_partners(conn, &owner.id, &b.partner_organization_ids)?;
            let now = caller.now;
            let row = BrandRow {
                id: uuid::Uuid::now_v7().to_string(),
                name,
                line: b.line,
                focus: crate::domain::text_enum::list_to_json(&dedup(b.focus)),
                owner_organization_id: owner.id,
                description: b.description.trim().to_owned(),
                started_year: b.started_year,
                status: BrandStatus::Draft,
                province_code: owner.province_code,
                review_flag: false,
                review_reason: None,
                version: 1,
                created_at: now,
                updated_at: now,
                dossier: "{}".into(),
                dossier_at: now,
                funds_in_place_fen: 0,
                counties_reached: 0,
            };
            diesel::insert_into(crate::db::schema::brands::table).values(&row).execute(conn)?;
            store::set_partners(conn, &row.id, &partners)?;
            crate::history::record(conn, store::ENTITY, &row.id, &caller, None, BrandStatus::Draft, "")?;
            super::dossier::refresh(conn, &row.id, now)?;
            let row = store::load(conn, &row.id)?.ok_or(ApiError::NotFound)?;
            let dto = store::one(conn, &caller, &row)?;
            audit::record(conn, &caller, "brand.create", "brand", &row.id, None::<&()>, Some(&dto))?;
            Ok((brand_etag(&row), dto))
        })
        .await?;
    Ok(HttpResponse::Created()
        .insert_header((header::LOCATION, format!("/api/v1/brands/{}", dto.id)))
        .insert_header((header::ETAG, etag))
        .json(dto))
}

fn dedup<T: Ord>(mut v: Vec<T>) -> Vec<T> {
    v.sort();
    v.dedup();
    v
}

/// Read a brand with its dossier and history
#[utoipa::path(
    get, path = "/api/v1/brands/{id}", tag = "brands", operation_id = "getBrand",
    params(("id" = String, Path, description = "Brand id")),
    responses((status = 200, description = "The brand", body = Brand, headers(("ETag" = String))), ReadErrors),
    security(("bearer" = []))
)]
pub async fn get_brand(state: web::Data<AppState>, caller: Caller, id: web::Path<String>) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let (etag, dto) = state
        .db(move |conn| {
            let row = store::visible_row(conn, &caller, &id)?;
            Ok((brand_etag(&row), store::one(conn, &caller, &row)?))
        })
        .await?;
    Ok(HttpResponse::Ok().insert_header((header::ETAG, etag)).json(dto))
}

/// Change a brand (JSON merge patch)
///
/// By its owner's members or coordinators while it is `draft` or `returned` (403 otherwise).
#[utoipa::path(
    patch, path = "/api/v1/brands/{id}", tag = "brands", operation_id = "updateBrand",
    params(("id" = String, Path, description = "Brand id"), ("If-Match" = String, Header, description = "The ETag last read")),
    request_body(content = PatchBrand, content_type = "application/merge-patch+json"),
    responses(
        (status = 200, description = "The changed brand", body = Brand, headers(("ETag" = String))),
        (status = 403, description = "Not the owner's, or no longer a draft", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
        ChangeErrors,
    ),
    security(("bearer" = []))
)]
pub async fn patch_brand(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<String>,
    body: Json<PatchBrand>,
) -> ApiResult<HttpResponse> {
    let if_match = http::if_match_value(&req)?;
    let p = body.into_inner();
    let id = id.into_inner();
    let (etag, dto) = state
        .tx(move |conn| {
            let before = store::visible_row(conn, &caller, &id)?;
            if !store::may_edit(&caller, &before) {
                return Err(ApiError::Forbidden(tr!(
                    "只有品牌所属组织或其主管部门可以修改草稿或已退回的品牌。",
                    "Only the owner or its coordinators change a brand, and only while it is a draft or returned."
                )));
            }
            http::require_if_match_value(&if_match, &brand_etag(&before))?;
            let before_dto = store::one(conn, &caller, &before)?;
            let mut after = before.clone();
            if let Some(n) = &p.name {
                after.name = n.trim().to_owned();
            }
            if let Some(l) = p.line {
                after.line = l;
            }
            if let Some(f) = p.focus.clone() {
                after.focus = crate::domain::text_enum::list_to_json(&dedup(f));
            }
            if let Some(d) = &p.description {
                after.description = d.trim().to_owned();
            }
            if let Some(y) = p.started_year {
                after.started_year = y;
            }
            let errors = store::validate(&after.name, after.line, &after.focus(), &after.description, after.started_year);
            if !errors.is_empty() {
                return Err(ApiError::Validation(errors));
            }
            if let Some(ids) = &p.partner_organization_ids {
                let partners = store::check_partners(conn, &after.owner_organization_id, ids)?;
                store::set_partners(conn, &after.id, &partners)?;
            }
            after.version += 1;
            after.updated_at = caller.now;
            store::save(conn, &after, before.version)?;
            let dto = store::one(conn, &caller, &after)?;
            audit::record(conn, &caller, "brand.update", "brand", &after.id, Some(&before_dto), Some(&dto))?;
            Ok((brand_etag(&after), dto))
        })
        .await?;
    Ok(HttpResponse::Ok().insert_header((header::ETAG, etag)).json(dto))
}

/// Move a brand along its lifecycle
///
/// `draft → applied` (the owner's members) `→ recommended` (the officer of the owner's province;
/// a national admin for a national organization) `→ recognized → demonstration` (national
/// admins); `returned` with a reason from `applied` (the province) or `recommended` (national);
/// `revoked` with a reason from `recognized` or `demonstration`. A returned brand is applied for
/// again by its owner.
#[utoipa::path(
    post, path = "/api/v1/brands/{id}/transitions", tag = "brands", operation_id = "transitionBrand",
    params(("id" = String, Path, description = "Brand id"), ("If-Match" = String, Header, description = "The ETag last read")),
    request_body = BrandTransition,
    responses(
        (status = 200, description = "The brand after the move", body = Brand, headers(("ETag" = String))),
        (status = 403, description = "The move exists but not for the caller", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not a move from the current status", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Reason missing", body = Problem, content_type = "application/problem+json"),
        ChangeErrors,
    ),
    security(("bearer" = []))
)]
pub async fn transition_brand(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<String>,
    body: Json<BrandTransition>,
) -> ApiResult<HttpResponse> {
    let if_match = http::if_match_value(&req)?;
    let BrandTransition { to, reason } = body.into_inner();
    let id = id.into_inner();
    let (etag, dto) = state
        .tx(move |conn| {
            let before = store::visible_row(conn, &caller, &id)?;
            http::require_if_match_value(&if_match, &brand_etag(&before))?;
            let mut after = before.clone();
            store::transition(conn, &caller, &mut after, to, &reason)?;
            after.version += 1;
            after.updated_at = caller.now;
            store::save(conn, &after, before.version)?;
            if after.status == BrandStatus::Recognized && before.status != BrandStatus::Recognized {
                let event = Event {
                    kind: WebhookEvent::BrandRecognized,
                    entity_type: "brand",
                    entity_id: &after.id,
                    subject: &after.name,
                    href: format!("/api/v1/brands/{}", after.id),
                };
                outbox::emit(conn, &caller, event, |conn, to| outbox::found(store::visible_row(conn, to, &after.id)))?;
            }
            let dto = store::one(conn, &caller, &after)?;
            let change = serde_json::json!({"status": to, "reason": reason.trim()});
            audit::record(conn, &caller, "brand.transition", "brand", &after.id, Some(&before.status), Some(&change))?;
            Ok((brand_etag(&after), dto))
        })
        .await?;
    Ok(HttpResponse::Ok().insert_header((header::ETAG, etag)).json(dto))
}

#[derive(serde::Deserialize, utoipa::IntoParams, Debug)]
#[into_params(parameter_in = Query)]
pub struct PageParams {
    #[param(schema_with = crate::bounds::list_limit)]
    pub limit: Option<i64>,
    pub cursor: Option<String>,
}

/// The projects that carry a brand
///
/// Those the caller may read, most recently changed first.
#[utoipa::path(
    get, path = "/api/v1/brands/{id}/projects", tag = "brands", operation_id = "listBrandProjects",
    params(("id" = String, Path, description = "Brand id"), PageParams),
    responses((status = 200, description = "A page of projects", body = Page<ProjectSummary>), ReadErrors),
    security(("bearer" = []))
)]
pub async fn list_brand_projects(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    params: crate::extractors::Query<PageParams>,
) -> ApiResult<web::Json<Page<ProjectSummary>>> {
    let limit = http::limit(params.limit)?;
    let after = http::decode_cursor(params.cursor.as_deref())?;
    let id = id.into_inner();
    let page = state
        .db(move |conn| {
            let brand = store::visible_row(conn, &caller, &id)?;
            let query = ProjectQuery { brand: Some(brand.id), ..ProjectQuery::default() };
            let rows = crate::projects::store::page(conn, &caller, &query, after.as_deref(), limit, caller.now)?;
            let (rows, next_cursor) = http::page(rows, limit, |l| {
                crate::projects::store::cursor_key(&l.row, crate::projects::model::ProjectSort::UpdatedDesc)
            });
            Ok(Page { items: crate::projects::store::summaries(&caller, rows)?, next_cursor, total: None })
        })
        .await?;
    Ok(web::Json(page))
}

/// A brand's evidence: seen by whoever sees the brand; added and removed by its organization's
/// members and the coordinators of its province while it is a draft or returned.
pub struct BrandEvidence;

impl attachments::Holder for BrandEvidence {
    const ENTITY: &'static str = store::ENTITY;
    fn find(conn: &mut crate::db::DbConn, caller: &Caller, id: &str, changing: bool) -> ApiResult<String> {
        let row = store::visible_row(conn, caller, id)?;
        if !changing {
            return Ok(row.id);
        }
        // Evidence is part of what is reviewed: it changes with the brand's text, while a draft or
        // returned, and what reviewers and the public saw stays as it was.
        if !store::may_edit(caller, &row) {
            return Err(ApiError::Forbidden(tr!(
                "只有所属组织或其主管部门可以在草稿或退回状态下管理佐证材料。",
                "Only its organization or that organization's coordinators manage its evidence, while it is a draft or returned."
            )));
        }
        // Holds the brand's row until the transaction ends, so that concurrent uploads count
        // one another against the limits (PostgreSQL; SQLite has one writer anyway).
        diesel::update(crate::db::schema::brands::table.find(&row.id))
            .set(crate::db::schema::brands::version.eq(crate::db::schema::brands::version))
            .execute(conn)?;
        Ok(row.id)
    }
}

/// A brand's attachments
#[utoipa::path(
    get, path = "/api/v1/brands/{id}/attachments", tag = "brands", operation_id = "listBrandAttachments",
    params(("id" = String, Path, description = "Brand id")),
    responses((status = 200, description = "Its attachments, oldest first", body = Items<Attachment>), ReadErrors),
    security(("bearer" = []))
)]
pub async fn list_brand_attachments(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> ApiResult<web::Json<Items<Attachment>>> {
    attachments::list_of::<BrandEvidence>(&state, caller, id.into_inner()).await
}

/// Add an attachment to a brand
///
/// A JPEG, PNG or WebP photo or a PDF, as the raw body (name in `?filename=`) or as the `file`
/// part of a multipart form; the type is read from the content. Limits: `attachments.rs`.
#[utoipa::path(
    post, path = "/api/v1/brands/{id}/attachments", tag = "brands", operation_id = "createBrandAttachment",
    params(("id" = String, Path, description = "Brand id"), ("filename" = Option<String>, Query, description = "The file's name, for a raw body")),
    request_body(content((crate::sheets::UploadForm = "multipart/form-data"), (crate::http::RawFile = "application/octet-stream"))),
    responses(
        (status = 201, description = "The attachment", body = Attachment),
        (status = 400, description = "A malformed multipart body", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the owner's member or coordinator", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "Larger than 5 MiB, or the brand would hold more than 20 files or 25 MiB", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Not a JPEG, PNG, WebP or PDF file", body = Problem, content_type = "application/problem+json"),
        ReadErrors,
    ),
    security(("bearer" = []))
)]
pub async fn create_brand_attachment(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    file: crate::attachments::Upload,
) -> ApiResult<HttpResponse> {
    attachments::upload_to::<BrandEvidence>(&state, caller, id.into_inner(), file).await
}

/// Download a brand's attachment
#[utoipa::path(
    get, path = "/api/v1/brands/{id}/attachments/{attachment_id}", tag = "brands", operation_id = "getBrandAttachment",
    params(("id" = String, Path, description = "Brand id"), ("attachment_id" = String, Path, description = "Attachment id")),
    responses(
        (status = 200, description = "The file, as an attachment with its sniffed type",
         content((crate::http::RawFile = "image/jpeg"), (crate::http::RawFile = "image/png"), (crate::http::RawFile = "image/webp"), (crate::http::RawFile = "application/pdf"))),
        ReadErrors,
    ),
    security(("bearer" = []))
)]
pub async fn get_brand_attachment(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<(String, String)>,
) -> ApiResult<HttpResponse> {
    let (id, attachment_id) = path.into_inner();
    attachments::download_from::<BrandEvidence>(&state, caller, id, attachment_id).await
}

/// Remove a brand's attachment
#[utoipa::path(
    delete, path = "/api/v1/brands/{id}/attachments/{attachment_id}", tag = "brands", operation_id = "deleteBrandAttachment",
    params(("id" = String, Path, description = "Brand id"), ("attachment_id" = String, Path, description = "Attachment id")),
    responses(
        (status = 204, description = "Removed"),
        (status = 403, description = "Not the owner's member or coordinator", body = Problem, content_type = "application/problem+json"),
        ReadErrors,
    ),
    security(("bearer" = []))
)]
pub async fn delete_brand_attachment(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<(String, String)>,
) -> ApiResult<HttpResponse> {
    let (id, attachment_id) = path.into_inner();
    attachments::remove_from::<BrandEvidence>(&state, caller, id, attachment_id).await
}
