use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};
use diesel::prelude::*;

use super::model::{CreateNeed, Invitation, Need, NeedQuery, NeedRow, NeedTransition, PatchNeed};
use super::store;
use crate::domain::WebhookEvent;
use crate::webhooks::outbox::{self, Event};
use crate::audit;
use crate::auth::Caller;
use crate::db::DbConn;
use crate::db::schema::{counties, needs};
use crate::domain::codes::province_of;
use crate::domain::pairing::PairingStatus;
use crate::domain::{Channel, CountyCode, NeedStatus, OrgStatus, Party, Role, lifecycle};
use crate::error::{ApiError, ApiResult, ChangeErrors, CreateErrors, Invalid, ListErrors, Problem, ReadErrors};
use crate::extractors::Json;
use crate::http::{self, Items, Page};
use crate::matching::{self, Match};
use crate::matching::{MatchParams, match_limit};
use crate::organizations::store as orgs;
use crate::pairings::model::{CreatePairing, Pairing};
use crate::state::AppState;
use crate::tr;

fn need_etag(n: &NeedRow) -> String {
    http::etag("need", &n.id, n.version)
}

fn one(conn: &mut DbConn, row: &NeedRow) -> ApiResult<Need> {
    store::to_dtos(conn, std::slice::from_ref(row))?.pop().ok_or(ApiError::NotFound)
}

fn validate(n: &CreateNeed) -> ApiResult<()> {
    let mut errors = vec![];
    if !crate::bounds::TITLE.accepts(&n.title) {
        errors.push(Invalid::new("title", tr!("标题应为 1–200 个字符", "1–200 characters")));
    }
    if n.beneficiaries < 0 {
        errors.push(Invalid::new("beneficiaries", tr!("不能为负数", "must not be negative")));
    }
    if !crate::bounds::DESCRIPTION.accepts(&n.description) {
        errors.push(Invalid::new("description", tr!("最多 5000 个字符", "at most 5000 characters")));
    }
    if errors.is_empty() { Ok(()) } else { Err(ApiError::Validation(errors)) }
}

/// List needs in the caller's view
#[utoipa::path(
    get, path = "/api/v1/needs", tag = "needs", operation_id = "listNeeds",
    params(NeedQuery),
    responses(
        (status = 200, description = "A page of needs, newest first", body = Page<Need>),
        ListErrors,
    ),
    security(("bearer" = []))
)]
pub async fn list_needs(
    state: web::Data<AppState>,
    caller: Caller,
    query: crate::extractors::Query<NeedQuery>,
) -> ApiResult<web::Json<Page<Need>>> {
    let limit = http::limit(query.limit)?;
    let before = http::decode_cursor(query.cursor.as_deref())?;
    let query = query.into_inner();
    let (items, next_cursor, total) = state
        .db(move |conn| {
            let (rows, total) = store::list(conn, &caller, &query, before.as_deref(), limit)?;
            let (rows, next) = http::page(rows, limit, |r| r.id.clone());
            Ok((store::to_dtos(conn, &rows)?, next, total))
        })
        .await?;
    Ok(web::Json(Page { items, next_cursor, total }))
}

/// Raise a county's need
///
/// The county's officer, or the coordinators of its province.
#[utoipa::path(
    post, path = "/api/v1/needs", tag = "needs", operation_id = "createNeed",
    request_body = CreateNeed,
    responses(
        (status = 201, description = "The need, open", body = Need, headers(("ETag" = String), ("Location" = String))),
        (status = 403, description = "Not the county or its coordinators", body = Problem, content_type = "application/problem+json"),
        CreateErrors,
    ),
    security(("bearer" = []))
)]
pub async fn create_need(
    state: web::Data<AppState>,
    caller: Caller,
    body: Json<CreateNeed>,
) -> ApiResult<HttpResponse> {
    let body = body.into_inner();
    validate(&body)?;
    let county = CountyCode::parse(&body.county_code).map_err(|m| ApiError::field("county_code", m))?;
    let (etag, dto) = state
        .tx(move |conn| {
            let exists: i64 = counties::table.filter(counties::code.eq(county.as_str())).count().get_result(conn)?;
            if exists == 0 {
                return Err(ApiError::field("county_code", tr!("没有这个县", "no such county")));
            }
            if !store::manages(&caller, county.as_str()) {
                return Err(ApiError::Forbidden(tr!(
                    "只能为本县提出需求。",
                    "You may raise needs for your own county only."
                )));
            }
            let row = NeedRow {
                id: uuid::Uuid::now_v7().to_string(),
                county_code: county.to_string(),
                assistance_type: body.assistance_type,
                title: body.title.trim().to_owned(),
                description: body.description.trim().to_owned(),
                budget_estimate_fen: body.budget_estimate.fen(),
                beneficiaries: body.beneficiaries,
                priority: body.priority,
                status: NeedStatus::Open,
                version: 1,
                created_at: caller.now,
                updated_at: caller.now,
            };
            diesel::insert_into(needs::table).values(&row).execute(conn)?;
            let dto = one(conn, &row)?;
            audit::record(conn, &caller, "need.create", "need", &row.id, None::<&()>, Some(&dto))?;
            let event = Event {
                kind: WebhookEvent::NeedCreated,
                entity_type: "need",
                entity_id: &row.id,
                subject: &row.title,
                href: format!("/api/v1/needs/{}", row.id),
            };
            outbox::emit(conn, &caller, event, |_, to| Ok(store::visible(to, &row)))?;
            Ok((need_etag(&row), dto))
        })
        .await?;
    Ok(HttpResponse::Created()
        .insert_header((header::LOCATION, format!("/api/v1/needs/{}", dto.id)))
        .insert_header((header::ETAG, etag))
        .json(dto))
}

/// Read a need
#[utoipa::path(
    get, path = "/api/v1/needs/{id}", tag = "needs", operation_id = "getNeed",
    params(("id" = String, Path, description = "Need id")),
    responses(
        (status = 200, description = "The need", body = Need, headers(("ETag" = String))),
        ReadErrors,
    ),
    security(("bearer" = []))
)]
pub async fn get_need(state: web::Data<AppState>, caller: Caller, id: web::Path<String>) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let (etag, dto) = state
        .db(move |conn| {
            let row = store::load_visible(conn, &caller, &id)?;
            Ok((need_etag(&row), one(conn, &row)?))
        })
        .await?;
    Ok(HttpResponse::Ok().insert_header((header::ETAG, etag)).json(dto))
}

/// Change a need (JSON merge patch)
#[utoipa::path(
    patch, path = "/api/v1/needs/{id}", tag = "needs", operation_id = "updateNeed",
    params(("id" = String, Path, description = "Need id"), ("If-Match" = String, Header, description = "The ETag last read")),
    request_body(content = PatchNeed, content_type = "application/merge-patch+json"),
    responses(
        (status = 200, description = "The changed need", body = Need, headers(("ETag" = String))),
        (status = 403, description = "Not the county or its coordinators", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
        ChangeErrors,
    ),
    security(("bearer" = []))
)]
pub async fn patch_need(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<String>,
    body: Json<PatchNeed>,
) -> ApiResult<HttpResponse> {
    let if_match = http::if_match_value(&req)?;
    let patch = body.into_inner();
    let id = id.into_inner();
    let (etag, dto) = state
        .tx(move |conn| {
            let before = store::load_visible(conn, &caller, &id)?;
            if !store::manages(&caller, &before.county_code) {
                return Err(ApiError::Forbidden(tr!(
                    "只能修改本县的需求。",
                    "You may change your own county's needs only."
                )));
            }
            http::require_if_match_value(&if_match, &need_etag(&before))?;
            let cur = one(conn, &before)?;
            let draft = CreateNeed {
                county_code: before.county_code.clone(),
                assistance_type: patch.assistance_type.unwrap_or(cur.assistance_type),
                title: patch.title.clone().unwrap_or(cur.title.clone()),
                description: patch.description.clone().unwrap_or(cur.description.clone()),
                budget_estimate: patch.budget_estimate.unwrap_or(cur.budget_estimate),
                beneficiaries: patch.beneficiaries.unwrap_or(cur.beneficiaries),
                priority: patch.priority.unwrap_or(cur.priority),
            };
            validate(&draft)?;
            let mut after = before.clone();
            after.assistance_type = draft.assistance_type;
            after.title = draft.title.trim().to_owned();
            after.description = draft.description.trim().to_owned();
            after.budget_estimate_fen = draft.budget_estimate.fen();
            after.beneficiaries = draft.beneficiaries;
            after.priority = draft.priority;
            after.version += 1;
            after.updated_at = caller.now;
            store::update(conn, &after, before.version)?;
            let dto = one(conn, &after)?;
            audit::record(conn, &caller, "need.update", "need", &after.id, Some(&cur), Some(&dto))?;
            Ok((need_etag(&after), dto))
        })
        .await?;
    Ok(HttpResponse::Ok().insert_header((header::ETAG, etag)).json(dto))
}

/// Move a need: open → matched → closed
#[utoipa::path(
    post, path = "/api/v1/needs/{id}/transitions", tag = "needs", operation_id = "transitionNeed",
    params(("id" = String, Path, description = "Need id"), ("If-Match" = String, Header, description = "The ETag last read")),
    request_body = NeedTransition,
    responses(
        (status = 200, description = "The need in its new status", body = Need, headers(("ETag" = String))),
        (status = 403, description = "Not the county or its coordinators", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not a move from the current status", body = Problem, content_type = "application/problem+json"),
        ChangeErrors,
    ),
    security(("bearer" = []))
)]
pub async fn transition_need(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<String>,
    body: Json<NeedTransition>,
) -> ApiResult<HttpResponse> {
    let if_match = http::if_match_value(&req)?;
    let NeedTransition { to, reason } = body.into_inner();
    let id = id.into_inner();
    let (etag, dto) = state
        .tx(move |conn| {
            let before = store::load_visible(conn, &caller, &id)?;
            if !store::manages(&caller, &before.county_code) {
                return Err(ApiError::Forbidden(tr!(
                    "只能变更本县的需求。",
                    "You may move your own county's needs only."
                )));
            }
            http::require_if_match_value(&if_match, &need_etag(&before))?;
            let from = before.status();
            // `manages` above: the county officer or a coordinator of its province.
            let party = if caller.role == Role::CountyOfficer { Party::County } else { Party::Coordinator };
            lifecycle::check(from, to, &[party], &reason)?;
            let mut after = before.clone();
            after.status = to;
            after.version += 1;
            after.updated_at = caller.now;
            store::update(conn, &after, before.version)?;
            let dto = one(conn, &after)?;
            let change = serde_json::json!({ "from": from, "to": to, "reason": reason.trim() });
            audit::record(conn, &caller, "need.transition", "need", &after.id, Some(&from), Some(&change))?;
            Ok((need_etag(&after), dto))
        })
        .await?;
    Ok(HttpResponse::Ok().insert_header((header::ETAG, etag)).json(dto))
}

/// Organizations ranked for a need, with the reason for each score
///
/// Deterministic for the same data; suspended and revoked organizations never appear. A score
/// is read from the organization's offers, so only organizations whose offers the caller may
/// read are listed (see `listOffers`): all of them for coordinators, its own for an
/// organization's member, none for evaluators and viewers.
#[utoipa::path(
    get, path = "/api/v1/needs/{id}/matches", tag = "needs", operation_id = "listNeedMatches",
    params(("id" = String, Path, description = "Need id"), MatchParams),
    responses(
        (status = 200, description = "Best matches first", body = Items<Match>),
        (status = 422, description = "Invalid limit", body = Problem, content_type = "application/problem+json"),
        ReadErrors,
    ),
    security(("bearer" = []))
)]
pub async fn need_matches(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    params: crate::extractors::Query<MatchParams>,
) -> ApiResult<web::Json<Items<Match>>> {
    let limit = match_limit(params.limit)?;
    let id = id.into_inner();
    let cache = state.matching.clone();
    let items = state
        .db(move |conn| {
            let need = store::load_visible(conn, &caller, &id)?;
            let index = cache.index(conn)?;
            // A match is read from the organization's offers: list only the organizations whose
            // offers the caller may read (every one, for coordinators; its own, for a member).
            // The index holds active organizations only.
            let shown = |c: &matching::Candidate| {
                caller.reads_offers_of(&c.id, &index.provinces[usize::from(c.province)], OrgStatus::Active)
            };
            Ok(matching::rank_for_need(&index, &matching::NeedFeatures::of(&index, &need), limit, shown))
        })
        .await?;
    Ok(web::Json(Items { items }))
}

/// Invite a matched organization: a pairing for the need, waiting for its answer
///
/// The organization is only invited: it sees the pairing among its invitations
/// (`GET /api/v1/pairings?awaiting_organization=…`) and takes part once one of its members
/// accepts; until then it is not attached to anything. A second invitation of the same
/// organization for the same need, while the first stands or after it was declined, is 409.
#[utoipa::path(
    post, path = "/api/v1/needs/{id}/invitations", tag = "needs", operation_id = "inviteForNeed",
    params(("id" = String, Path, description = "Need id")),
    request_body = Invitation,
    responses(
        (status = 201, description = "The pairing, proposed and waiting for the organization", body = Pairing, headers(("Location" = String))),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the county or its coordinators", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Already invited for this need, or the organization is suspended", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
        ReadErrors,
    ),
    security(("bearer" = []))
)]
pub async fn invite(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    body: Json<Invitation>,
) -> ApiResult<HttpResponse> {
    let body = body.into_inner();
    let id = id.into_inner();
    let dto = state
        .tx(move |conn| {
            let need = store::load_visible(conn, &caller, &id)?;
            if !store::manages(&caller, &need.county_code) {
                return Err(ApiError::Forbidden(tr!(
                    "只能为本县的需求发出邀请。",
                    "You may invite for your own county's needs only."
                )));
            }
            let org = orgs::get(conn, &body.organization_id)?
                .ok_or_else(|| ApiError::field("organization_id", tr!("没有这个社会组织", "no such organization")))?;
            // One invitation per organization and need: taken in turn, so two at once cannot both pass.
            crate::pairings::store::lock_organization(conn, &org.id)?;
            if let Some((at, status)) = crate::pairings::store::first_invitation(conn, &need.id, &org.id)? {
                let (name, zh_at, en_at) = (org.name.clone(), beijing_time(at), at.format("%Y-%m-%d %H:%M UTC"));
                return Err(ApiError::Conflict(if status == PairingStatus::Declined {
                    tr!(
                        "已于 {zh_at} 就该需求邀请过{name}，对方已拒绝。",
                        "{name} was invited for this need on {en_at} and declined."
                    )
                } else {
                    tr!(
                        "已于 {zh_at} 就该需求邀请过{name}，不能重复邀请。",
                        "{name} was already invited for this need on {en_at}."
                    )
                }));
            }
            let partners = crate::geo::store::assists(conn, &org.province_code, &province_of(&need.county_code))?;
            let channel =
                body.channel.unwrap_or(if partners { Channel::EastWestCooperation } else { Channel::NationalOrg });
            let request = CreatePairing {
                county_code: need.county_code.clone(),
                lead_organization_id: org.id.clone(),
                organization_ids: vec![],
                assistance_types: vec![need.assistance_type()],
                channel,
                planned_funds: crate::domain::Money::from_fen(need.budget_estimate_fen),
                planned_projects: 1,
                commitment: need.title.clone(),
                start_date: None,
                end_date: None,
            };
            let row = crate::pairings::apply::apply(conn, &caller, &request, Some(need.id.clone()))?;
            let dto = crate::pairings::store::to_dtos(conn, &caller, std::slice::from_ref(&row))?
                .pop()
                .ok_or(ApiError::NotFound)?;
            audit::record(conn, &caller, "need.invite", "pairing", &row.id, None::<&()>, Some(&dto))?;
            Ok(dto)
        })
        .await?;
    state.matching.invalidate();
    Ok(HttpResponse::Created().insert_header((header::LOCATION, format!("/api/v1/pairings/{}", dto.id))).json(dto))
}

/// A stored UTC time as the platform's users read it: Beijing time (UTC+8).
fn beijing_time(at: chrono::NaiveDateTime) -> String {
    (at + chrono::Duration::hours(8)).format("%Y-%m-%d %H:%M（北京时间）").to_string()
}
