//! Offers (资源供给): what an organization can give — assistance types, preferred provinces or
//! regions, and capacity in yuan. Matching reads them.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};
use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::store as orgs;
use crate::audit;
use crate::auth::Caller;
use crate::db::DbConn;
use crate::db::schema::offers;
use crate::domain::text_enum::{list_from_json, list_to_json};
use crate::domain::{AssistanceType, Money, ProvinceCode, Region};
use crate::error::{ApiError, ApiResult, ChangeErrors, Invalid, Problem, ReadErrors};
use crate::extractors::Json;
use crate::http::{self, Items};
use crate::state::AppState;
use crate::tr;

#[derive(Queryable, Selectable, Insertable, Clone, Debug)]
#[diesel(table_name = offers)]
pub struct OfferRow {
    pub id: String,
    pub organization_id: String,
    pub title: String,
    pub assistance_types: String,
    pub preferred_province_codes: String,
    pub preferred_regions: String,
    pub capacity_fen: i64,
    pub description: String,
    pub active: bool,
    pub version: i64,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Serialize, Deserialize, ToSchema, Debug)]
pub struct Offer {
    pub id: String,
    pub organization_id: String,
    pub title: String,
    pub assistance_types: Vec<AssistanceType>,
    /// Provinces the organization prefers to work in.
    pub preferred_province_codes: Vec<String>,
    pub preferred_regions: Vec<Region>,
    /// What the organization can commit, in yuan.
    pub capacity: Money,
    pub description: String,
    /// Inactive offers are kept but not matched.
    pub active: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<&OfferRow> for Offer {
    fn from(r: &OfferRow) -> Self {
        Self {
            id: r.id.clone(),
            organization_id: r.organization_id.clone(),
            title: r.title.clone(),
            assistance_types: list_from_json(&r.assistance_types),
            preferred_province_codes: serde_json::from_str(&r.preferred_province_codes).unwrap_or_default(),
            preferred_regions: list_from_json(&r.preferred_regions),
            capacity: Money::from_fen(r.capacity_fen),
            description: r.description.clone(),
            active: r.active,
            created_at: r.created_at.and_utc(),
            updated_at: r.updated_at.and_utc(),
        }
    }
}

#[derive(Deserialize, ToSchema, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct CreateOffer {
    #[schema(schema_with = crate::bounds::title)]
    pub title: String,
    #[schema(min_items = 1)]
    pub assistance_types: Vec<AssistanceType>,
    #[serde(default)]
    #[schema(schema_with = crate::bounds::province_codes)]
    pub preferred_province_codes: Vec<String>,
    #[serde(default)]
    pub preferred_regions: Vec<Region>,
    pub capacity: Money,
    #[serde(default)]
    #[schema(schema_with = crate::bounds::description)]
    pub description: String,
}

#[derive(Deserialize, ToSchema, Debug, Default)]
#[serde(deny_unknown_fields)]
pub struct PatchOffer {
    #[schema(schema_with = crate::bounds::title_or_null)]
    pub title: Option<String>,
    #[schema(min_items = 1)]
    pub assistance_types: Option<Vec<AssistanceType>>,
    #[schema(schema_with = crate::bounds::province_codes_or_null)]
    pub preferred_province_codes: Option<Vec<String>>,
    pub preferred_regions: Option<Vec<Region>>,
    pub capacity: Option<Money>,
    #[schema(schema_with = crate::bounds::description_or_null)]
    pub description: Option<String>,
    pub active: Option<bool>,
}

fn validate(o: &CreateOffer) -> ApiResult<()> {
    let mut errors = vec![];
    if !crate::bounds::TITLE.accepts(&o.title) {
        errors.push(Invalid::new("title", tr!("标题应为 1–200 个字符", "1–200 characters")));
    }
    if o.assistance_types.is_empty() {
        errors
            .push(Invalid::new("assistance_types", tr!("至少选择一种帮扶类型", "choose at least one assistance type")));
    }
    for (i, p) in o.preferred_province_codes.iter().enumerate() {
        if let Err(m) = ProvinceCode::parse(p) {
            errors.push(Invalid::new(format!("preferred_province_codes[{i}]"), m));
        }
    }
    if errors.is_empty() { Ok(()) } else { Err(ApiError::Validation(errors)) }
}

fn offer_etag(o: &OfferRow) -> String {
    http::etag("offer", &o.id, o.version)
}

fn load(conn: &mut DbConn, id: &str) -> ApiResult<OfferRow> {
    offers::table.find(id).select(OfferRow::as_select()).first(conn).optional()?.ok_or(ApiError::NotFound)
}

/// An organization's offers
///
/// For the organization's members, the coordinators of its province, and — while it is active
/// and so may be paired — every national, provincial and county coordinator. Evaluators,
/// viewers and other organizations get 404.
#[utoipa::path(
    get, path = "/api/v1/organizations/{id}/offers", tag = "organizations", operation_id = "listOffers",
    params(("id" = String, Path, description = "Organization id")),
    responses(
        (status = 200, description = "Its offers, newest first", body = Items<Offer>),
        ReadErrors,
    ),
    security(("bearer" = []))
)]
pub async fn list_offers(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> ApiResult<web::Json<Items<Offer>>> {
    let id = id.into_inner();
    let rows: Vec<OfferRow> = state
        .db(move |conn| {
            orgs::with_readable_offers(conn, &caller, &id)?;
            Ok(offers::table
                .filter(offers::organization_id.eq(&id))
                .select(OfferRow::as_select())
                .order(offers::id.desc())
                .load(conn)?)
        })
        .await?;
    Ok(web::Json(Items { items: rows.iter().map(Offer::from).collect() }))
}

/// Describe what an organization can give
#[utoipa::path(
    post, path = "/api/v1/organizations/{id}/offers", tag = "organizations", operation_id = "createOffer",
    params(("id" = String, Path, description = "Organization id")),
    request_body = CreateOffer,
    responses(
        (status = 201, description = "The offer", body = Offer, headers(("ETag" = String), ("Location" = String))),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not this organization's member or coordinator", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
        ReadErrors,
    ),
    security(("bearer" = []))
)]
pub async fn create_offer(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    body: Json<CreateOffer>,
) -> ApiResult<HttpResponse> {
    let body = body.into_inner();
    validate(&body)?;
    let org_id = id.into_inner();
    let row = state
        .tx(move |conn| {
            let org = orgs::get(conn, &org_id)?.ok_or(ApiError::NotFound)?;
            if !caller.acts_for_org(&org.id, &org.province_code) {
                return Err(ApiError::Forbidden(tr!(
                    "只能为本组织发布资源。",
                    "You may describe offers of your own organization only."
                )));
            }
            let row = OfferRow {
                id: uuid::Uuid::now_v7().to_string(),
                organization_id: org.id,
                title: body.title.trim().to_owned(),
                assistance_types: list_to_json(&body.assistance_types),
                preferred_province_codes: serde_json::to_string(&body.preferred_province_codes)
                    .unwrap_or_else(|_| "[]".into()),
                preferred_regions: list_to_json(&body.preferred_regions),
                capacity_fen: body.capacity.fen(),
                description: body.description.trim().to_owned(),
                active: true,
                version: 1,
                created_at: caller.now,
                updated_at: caller.now,
            };
            diesel::insert_into(offers::table).values(&row).execute(conn)?;
            audit::record(conn, &caller, "offer.create", "offer", &row.id, None::<&()>, Some(&Offer::from(&row)))?;
            Ok(row)
        })
        .await?;
    state.matching.invalidate();
    Ok(HttpResponse::Created()
        .insert_header((header::LOCATION, format!("/api/v1/offers/{}", row.id)))
        .insert_header((header::ETAG, offer_etag(&row)))
        .json(Offer::from(&row)))
}

/// Read an offer
///
/// Visible to whom its organization's offers are (see `listOffers`); 404 otherwise.
#[utoipa::path(
    get, path = "/api/v1/offers/{id}", tag = "organizations", operation_id = "getOffer",
    params(("id" = String, Path, description = "Offer id")),
    responses(
        (status = 200, description = "The offer", body = Offer, headers(("ETag" = String))),
        ReadErrors,
    ),
    security(("bearer" = []))
)]
pub async fn get_offer(state: web::Data<AppState>, caller: Caller, id: web::Path<String>) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let row = state
        .db(move |conn| {
            let row = load(conn, &id)?;
            orgs::with_readable_offers(conn, &caller, &row.organization_id)?;
            Ok(row)
        })
        .await?;
    Ok(HttpResponse::Ok().insert_header((header::ETAG, offer_etag(&row))).json(Offer::from(&row)))
}

/// Change an offer (JSON merge patch)
#[utoipa::path(
    patch, path = "/api/v1/offers/{id}", tag = "organizations", operation_id = "updateOffer",
    params(("id" = String, Path, description = "Offer id"), ("If-Match" = String, Header, description = "The ETag last read")),
    request_body(content = PatchOffer, content_type = "application/merge-patch+json"),
    responses(
        (status = 200, description = "The changed offer", body = Offer, headers(("ETag" = String))),
        (status = 403, description = "Not this organization's member or coordinator", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
        ChangeErrors,
    ),
    security(("bearer" = []))
)]
pub async fn patch_offer(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<String>,
    body: Json<PatchOffer>,
) -> ApiResult<HttpResponse> {
    let if_match = http::if_match_value(&req)?;
    let patch = body.into_inner();
    let id = id.into_inner();
    let row = state
        .tx(move |conn| {
            let before = load(conn, &id)?;
            let org = orgs::with_readable_offers(conn, &caller, &before.organization_id)?;
            if !caller.acts_for_org(&org.id, &org.province_code) {
                return Err(ApiError::Forbidden(tr!(
                    "只能修改本组织的资源。",
                    "You may change offers of your own organization only."
                )));
            }
            http::require_if_match_value(&if_match, &offer_etag(&before))?;
            let cur = Offer::from(&before);
            let draft = CreateOffer {
                title: patch.title.clone().unwrap_or(cur.title.clone()),
                assistance_types: patch.assistance_types.clone().unwrap_or(cur.assistance_types.clone()),
                preferred_province_codes: patch
                    .preferred_province_codes
                    .clone()
                    .unwrap_or(cur.preferred_province_codes.clone()),
                preferred_regions: patch.preferred_regions.clone().unwrap_or(cur.preferred_regions.clone()),
                capacity: patch.capacity.unwrap_or(cur.capacity),
                description: patch.description.clone().unwrap_or(cur.description.clone()),
            };
            validate(&draft)?;
            let mut after = before.clone();
            after.title = draft.title.trim().to_owned();
            after.assistance_types = list_to_json(&draft.assistance_types);
            after.preferred_province_codes =
                serde_json::to_string(&draft.preferred_province_codes).unwrap_or_else(|_| "[]".into());
            after.preferred_regions = list_to_json(&draft.preferred_regions);
            after.capacity_fen = draft.capacity.fen();
            after.description = draft.description.trim().to_owned();
            after.active = patch.active.unwrap_or(before.active);
            after.version += 1;
            after.updated_at = caller.now;
            let n = diesel::update(offers::table.find(&after.id).filter(offers::version.eq(before.version)))
                .set((
                    offers::title.eq(&after.title),
                    offers::assistance_types.eq(&after.assistance_types),
                    offers::preferred_province_codes.eq(&after.preferred_province_codes),
                    offers::preferred_regions.eq(&after.preferred_regions),
                    offers::capacity_fen.eq(after.capacity_fen),
                    offers::description.eq(&after.description),
                    offers::active.eq(after.active),
                    offers::version.eq(after.version),
                    offers::updated_at.eq(after.updated_at),
                ))
                .execute(conn)?;
            if n == 0 {
                return Err(ApiError::PreconditionFailed);
            }
            audit::record(conn, &caller, "offer.update", "offer", &after.id, Some(&cur), Some(&Offer::from(&after)))?;
            Ok(after)
        })
        .await?;
    state.matching.invalidate();
    Ok(HttpResponse::Ok().insert_header((header::ETAG, offer_etag(&row))).json(Offer::from(&row)))
}
