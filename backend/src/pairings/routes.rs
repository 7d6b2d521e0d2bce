use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};
use diesel::prelude::*;

use super::apply::apply;
use super::model::{CreatePairing, Pairing, PairingQuery, PairingRow, PairingTransition};
use super::store;
use crate::webhooks::outbox::{self, Event};
use crate::domain::WebhookEvent;
use crate::audit;
use crate::auth::Caller;
use crate::db::DbConn;
use crate::db::schema::pairings;
use crate::domain::pairing::{self, PairingStatus};
use crate::domain::{Consent, OrgStatus};
use crate::error::{ApiError, ApiResult, ChangeErrors, CreateErrors, ListErrors, Problem, ReadErrors};
use crate::extractors::Json;
use crate::http::{self, Page};
use crate::organizations::store as orgs;
use crate::state::AppState;
use crate::tr;

pub fn pairing_etag(p: &PairingRow) -> String {
    http::etag("pairing", &p.id, p.version)
}

fn one(conn: &mut DbConn, caller: &Caller, row: &PairingRow) -> ApiResult<Pairing> {
    store::to_dtos(conn, caller, std::slice::from_ref(row))?.pop().ok_or(ApiError::NotFound)
}

/// List pairings in the caller's view
///
/// Coordinators see the pairings of their area; counties and organizations their own; every
/// role sees published (active and concluded) pairings.
#[utoipa::path(
    get, path = "/api/v1/pairings", tag = "pairings", operation_id = "listPairings",
    params(PairingQuery),
    responses(
        (status = 200, description = "A page of pairings, newest first", body = Page<Pairing>),
        ListErrors,
    ),
    security(("bearer" = []))
)]
pub async fn list_pairings(
    state: web::Data<AppState>,
    caller: Caller,
    query: crate::extractors::Query<PairingQuery>,
) -> ApiResult<web::Json<Page<Pairing>>> {
    let limit = http::limit(query.limit)?;
    let before = http::decode_cursor(query.cursor.as_deref())?;
    let query = query.into_inner();
    let (items, next_cursor, total) = state
        .db(move |conn| {
            let (rows, total) = store::list(conn, &caller, &query, before.as_deref(), limit)?;
            let (rows, next) = http::page(rows, limit, |r| r.id.clone());
            Ok((store::to_dtos(conn, &caller, &rows)?, next, total))
        })
        .await?;
    Ok(web::Json(Page { items, next_cursor, total }))
}

/// Propose a pairing (结对申请)
///
/// An organization applies for itself (or its group); coordinators recommend; a county invites.
/// An applicant's own organization accepts by applying (recorded with who and when); every
/// other organization named is only invited and takes part once it accepts. Suspended or
/// revoked organizations cannot start pairings (409); an organization may have accepted one
/// live pairing per county (409); the east–west channel needs an east–west province pair (422).
#[utoipa::path(
    post, path = "/api/v1/pairings", tag = "pairings", operation_id = "createPairing",
    request_body = CreatePairing,
    responses(
        (status = 201, description = "The proposed pairing", body = Pairing, headers(("ETag" = String), ("Location" = String))),
        (status = 403, description = "Not a party to this pairing", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Duplicate live pairing, or an organization is suspended", body = Problem, content_type = "application/problem+json"),
        CreateErrors,
    ),
    security(("bearer" = []))
)]
pub async fn create_pairing(
    state: web::Data<AppState>,
    caller: Caller,
    body: Json<CreatePairing>,
) -> ApiResult<HttpResponse> {
    let body = body.into_inner();
    let (etag, dto) = state
        .tx(move |conn| {
            let row = apply(conn, &caller, &body, None)?;
            let dto = one(conn, &caller, &row)?;
            audit::record(conn, &caller, "pairing.create", "pairing", &row.id, None::<&()>, Some(&dto))?;
            Ok((pairing_etag(&row), dto))
        })
        .await?;
    state.matching.invalidate();
    Ok(HttpResponse::Created()
        .insert_header((header::LOCATION, format!("/api/v1/pairings/{}", dto.id)))
        .insert_header((header::ETAG, etag))
        .json(dto))
}

/// Read a pairing with its history
#[utoipa::path(
    get, path = "/api/v1/pairings/{id}", tag = "pairings", operation_id = "getPairing",
    params(("id" = String, Path, description = "Pairing id")),
    responses(
        (status = 200, description = "The pairing", body = Pairing, headers(("ETag" = String))),
        ReadErrors,
    ),
    security(("bearer" = []))
)]
pub async fn get_pairing(state: web::Data<AppState>, caller: Caller, id: web::Path<String>) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let (etag, dto) = state
        .db(move |conn| {
            let row = visible_row(conn, &caller, &id)?;
            Ok((pairing_etag(&row), one(conn, &caller, &row)?))
        })
        .await?;
    Ok(HttpResponse::Ok().insert_header((header::ETAG, etag)).json(dto))
}

/// A pairing the caller may see, or 404.
pub fn visible_row(conn: &mut DbConn, caller: &Caller, id: &str) -> ApiResult<PairingRow> {
    let row = store::load(conn, id)?.ok_or(ApiError::NotFound)?;
    let members = store::members(conn, std::slice::from_ref(&row))?;
    let named = members.get(&row.id).map(Vec::as_slice).unwrap_or_default();
    if store::visible(caller, &row, named) { Ok(row) } else { Err(ApiError::NotFound) }
}

/// Move a pairing along its lifecycle
///
/// Both sides consent, in either order: each organization named answers for itself
/// (`accepted` or `declined`, by one of its members), the county confirms (`confirmed`); the
/// last consent publishes the pairing (`active`) at once, and the history records each consent
/// with who and when. Coordinators (乡村振兴局 / 民政部) recommend, conclude and terminate (with
/// a reason); an organization that has accepted may withdraw (with a reason) until the pairing
/// is published. Requires `If-Match`. An illegal move is 409 naming the current status and the
/// allowed ones; a move that exists but is not the caller's is 403.
#[utoipa::path(
    post, path = "/api/v1/pairings/{id}/transitions", tag = "pairings", operation_id = "transitionPairing",
    params(("id" = String, Path, description = "Pairing id"), ("If-Match" = String, Header, description = "The ETag last read")),
    request_body = PairingTransition,
    responses(
        (status = 200, description = "The pairing after the move", body = Pairing, headers(("ETag" = String))),
        (status = 403, description = "The move exists but not for the caller", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not a move from the current status, an organization is suspended, or the accepting organization already has a live pairing with the county", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Reason missing", body = Problem, content_type = "application/problem+json"),
        ChangeErrors,
    ),
    security(("bearer" = []))
)]
pub async fn transition_pairing(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<String>,
    body: Json<PairingTransition>,
) -> ApiResult<HttpResponse> {
    let if_match = http::if_match_value(&req)?;
    let PairingTransition { to, reason } = body.into_inner();
    let id = id.into_inner();
    let (etag, dto) = state
        .tx(move |conn| {
            let before = visible_row(conn, &caller, &id)?;
            http::require_if_match_value(&if_match, &pairing_etag(&before))?;
            let members = store::members(conn, std::slice::from_ref(&before))?.remove(&before.id).unwrap_or_default();
            let from = before.status();
            let invited = members.iter().filter(|m| m.consent() == Consent::Invited).count();
            let next = pairing::decide(from, to, &store::parties(&caller, &before, &members), &reason, invited)?;
            // An answer is given by a member of the invited organization, for it alone.
            let answering = matches!(to, PairingStatus::Accepted | PairingStatus::Declined)
                .then(|| members.iter().find(|m| caller.is_member_of(&m.organization_id)))
                .flatten()
                .map(|m| m.organization_id.clone());
            // Consent needs every organization still named in good standing.
            if matches!(to, PairingStatus::Accepted | PairingStatus::Confirmed) {
                for m in members.iter().filter(|m| m.consent() != Consent::Declined) {
                    if let Some(org) = orgs::get(conn, &m.organization_id)?
                        && org.status() != OrgStatus::Active
                    {
                        let name = org.name;
                        return Err(ApiError::Conflict(tr!(
                            "{name} 已被暂停或撤销，不能推进该结对。",
                            "{name} is suspended or revoked; the pairing cannot proceed."
                        )));
                    }
                }
            }
            // Accepting is where an organization takes part: one live pairing per county.
            if let (PairingStatus::Accepted, Some(org)) = (to, &answering) {
                store::lock_organization(conn, org)?;
                if let Some(name) =
                    store::live_conflict(conn, &before.county_code, std::slice::from_ref(org), Some(&before.id))?
                {
                    return Err(super::apply::live_conflict(&name));
                }
            }
            let today = caller.now.date();
            let mut after = before.clone();
            after.status = next;
            if next == PairingStatus::Active && after.start_date.is_none() {
                after.start_date = Some(today);
            }
            if matches!(next, PairingStatus::Concluded | PairingStatus::Terminated) && after.end_date.is_none() {
                after.end_date = Some(today);
            }
            if to == PairingStatus::Confirmed {
                after.confirmed_at = Some(caller.now);
                after.confirmed_by = Some(caller.name.clone());
            }
            after.version += 1;
            after.updated_at = caller.now;
            let n = diesel::update(pairings::table.find(&after.id).filter(pairings::version.eq(before.version)))
                .set((
                    pairings::status.eq(&after.status),
                    pairings::start_date.eq(after.start_date),
                    pairings::end_date.eq(after.end_date),
                    pairings::confirmed_at.eq(after.confirmed_at),
                    pairings::confirmed_by.eq(&after.confirmed_by),
                    pairings::version.eq(after.version),
                    pairings::updated_at.eq(after.updated_at),
                ))
                .execute(conn)?;
            if n == 0 {
                return Err(ApiError::PreconditionFailed);
            }
            if let Some(org) = &answering {
                let consent = if to == PairingStatus::Accepted { Consent::Accepted } else { Consent::Declined };
                store::set_consent(conn, &after.id, org, consent, &caller)?;
            }
            let consent = pairing::consent_step(to).map(|c| (c, answering.as_deref()));
            store::record_event(conn, &after.id, &caller, (Some(from), next), &reason, consent)?;
            super::notices::moved(conn, &caller, &after, to, answering.as_deref())?;
            let dto = one(conn, &caller, &after)?;
            if next == PairingStatus::Active && from != PairingStatus::Active {
                let event = Event {
                    kind: WebhookEvent::PairingActivated,
                    entity_type: "pairing",
                    entity_id: &after.id,
                    subject: &dto.county_name,
                    href: format!("/api/v1/pairings/{}", after.id),
                };
                outbox::emit(conn, &caller, event, |conn, to| outbox::found(visible_row(conn, to, &after.id)))?;
            }
            let change = serde_json::json!({ "move": to, "status": next, "reason": reason.trim() });
            audit::record(conn, &caller, "pairing.transition", "pairing", &after.id, Some(&from), Some(&change))?;
            Ok((pairing_etag(&after), dto))
        })
        .await?;
    state.matching.invalidate();
    Ok(HttpResponse::Ok().insert_header((header::ETAG, etag)).json(dto))
}
