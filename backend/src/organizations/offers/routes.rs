use super::super::store as orgs;
use super::model::{CreateOffer, Offer, OfferRow, PatchOffer};
use super::store::{self, load, offer_etag, validate};
use crate::audit;
use crate::auth::Caller;
use crate::domain::text_enum::list_to_json;
use crate::error::{ApiError, ApiResult, ChangeErrors, Problem, ReadErrors};
use crate::extractors::Json;
use crate::http::{self, Items};
use crate::state::AppState;
use crate::tr;
use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};

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
            store::of_organization(conn, &id)
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
            store::insert(conn, &row)?;
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
            store::update(conn, &after, before.version)?;
            audit::record(conn, &caller, "offer.update", "offer", &after.id, Some(&cur), Some(&Offer::from(&after)))?;
            Ok(after)
        })
        .await?;
    state.matching.invalidate();
    Ok(HttpResponse::Ok().insert_header((header::ETAG, offer_etag(&row))).json(Offer::from(&row)))
}
