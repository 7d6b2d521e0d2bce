use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};

use super::model::{CreateOrganization, OrgQuery, OrgRow, OrgSort, OrgTransition, Organization, PatchOrganization};
use super::store;
use crate::audit;
use crate::auth::Caller;
use crate::domain::text_enum::list_to_json;
use crate::domain::{CreditCode, Role};
use crate::error::{ApiError, ApiResult, ChangeErrors, CreateErrors, ListErrors, Problem, ReadErrors};
use crate::extractors::Json;
use crate::http::{self, Page};
use crate::state::AppState;
use crate::tr;

pub fn org_etag(o: &OrgRow) -> String {
    http::etag("organization", &o.id, o.version)
}

fn respond(mut res: actix_web::HttpResponseBuilder, o: &OrgRow) -> HttpResponse {
    res.insert_header((header::ETAG, org_etag(o))).json(Organization::from(o))
}

/// List social organizations
///
/// Visible to every signed-in role: organizations are registered public bodies.
#[utoipa::path(
    get, path = "/api/v1/organizations", tag = "organizations", operation_id = "listOrganizations",
    params(OrgQuery),
    responses(
        (status = 200, description = "A page of organizations", body = Page<Organization>),
        ListErrors,
    ),
    security(("bearer" = []))
)]
pub async fn list_organizations(
    state: web::Data<AppState>,
    _caller: Caller,
    query: crate::extractors::Query<OrgQuery>,
) -> ApiResult<web::Json<Page<Organization>>> {
    let limit = http::limit(query.limit)?;
    let after = http::decode_cursor(query.cursor.as_deref())?;
    let query = query.into_inner();
    let sort = query.sort.unwrap_or(OrgSort::Name);
    let (rows, total) = state.db(move |conn| store::list(conn, &query, after.as_deref(), limit)).await?;
    let (rows, next_cursor) = http::page(rows, limit, |o| store::cursor_key(o, sort));
    Ok(web::Json(Page { items: rows.iter().map(Organization::from).collect(), next_cursor, total }))
}

/// Register a social organization
///
/// National admins, and provincial officers for organizations registered in their province.
/// A malformed credit code is refused (422); one whose check character fails is kept and
/// flagged (`credit_code_check_failed`); a code already registered is a conflict (409).
#[utoipa::path(
    post, path = "/api/v1/organizations", tag = "organizations", operation_id = "createOrganization",
    request_body = CreateOrganization,
    responses(
        (status = 201, description = "Registered", body = Organization, headers(("ETag" = String), ("Location" = String))),
        (status = 403, description = "Not a coordinator of the organization's province", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The credit code is already registered", body = Problem, content_type = "application/problem+json"),
        CreateErrors,
    ),
    security(("bearer" = []))
)]
pub async fn create_organization(
    state: web::Data<AppState>,
    caller: Caller,
    body: Json<CreateOrganization>,
) -> ApiResult<HttpResponse> {
    caller.require_role(&[Role::NationalAdmin, Role::ProvincialOfficer])?;
    let body = body.into_inner();
    let row = state
        .tx(move |conn| {
            let code = store::validate(conn, &body).map_err(ApiError::Validation)?;
            if !caller.administers_org(body.province_code.trim()) {
                return Err(ApiError::Forbidden(tr!(
                    "只能登记本省的社会组织。",
                    "You may register organizations of your own province only."
                )));
            }
            let row = store::new_row(&body, &code, caller.now);
            store::insert(conn, &row)?;
            audit::record(
                conn,
                &caller,
                "organization.create",
                "organization",
                &row.id,
                None::<&()>,
                Some(&Organization::from(&row)),
            )?;
            Ok(row)
        })
        .await?;
    state.matching.invalidate();
    let mut res = HttpResponse::Created();
    res.insert_header((header::LOCATION, format!("/api/v1/organizations/{}", row.id)));
    Ok(respond(res, &row))
}

/// Read an organization
#[utoipa::path(
    get, path = "/api/v1/organizations/{id}", tag = "organizations", operation_id = "getOrganization",
    params(("id" = String, Path, description = "Organization id")),
    responses(
        (status = 200, description = "The organization", body = Organization, headers(("ETag" = String))),
        ReadErrors,
    ),
    security(("bearer" = []))
)]
pub async fn get_organization(
    state: web::Data<AppState>,
    _caller: Caller,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let row = state.db(move |conn| store::get(conn, &id)).await?.ok_or(ApiError::NotFound)?;
    Ok(respond(HttpResponse::Ok(), &row))
}

/// Change an organization's profile (JSON merge patch)
///
/// Its members edit the profile; the credit code, registering province and recommendation are
/// changed by the coordinators of its province. Requires `If-Match`.
#[utoipa::path(
    patch, path = "/api/v1/organizations/{id}", tag = "organizations", operation_id = "updateOrganization",
    params(("id" = String, Path, description = "Organization id"), ("If-Match" = String, Header, description = "The ETag last read")),
    request_body(content = PatchOrganization, content_type = "application/merge-patch+json"),
    responses(
        (status = 200, description = "The changed organization", body = Organization, headers(("ETag" = String))),
        (status = 403, description = "Not allowed to change this organization or these fields", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The credit code is already registered", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
        ChangeErrors,
    ),
    security(("bearer" = []))
)]
pub async fn patch_organization(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<String>,
    body: Json<PatchOrganization>,
) -> ApiResult<HttpResponse> {
    let if_match = http::if_match_value(&req)?;
    let patch = body.into_inner();
    let id = id.into_inner();
    let row = state
        .tx(move |conn| {
            let before = store::get(conn, &id)?.ok_or(ApiError::NotFound)?;
            let admin_fields =
                patch.credit_code.is_some() || patch.province_code.is_some() || patch.recommended_by.is_some();
            caller
                .may_change_org(&before.id, &before.province_code, &before.province_code, admin_fields)
                .map_err(ApiError::Forbidden)?;
            http::require_if_match_value(&if_match, &org_etag(&before))?;
            let current = Organization::from(&before);
            let draft = CreateOrganization {
                name: patch.name.clone().unwrap_or(current.name.clone()),
                credit_code: patch.credit_code.clone().unwrap_or(current.credit_code.clone()),
                legal_form: patch.legal_form.unwrap_or(current.legal_form),
                registration_level: patch.registration_level.unwrap_or(current.registration_level),
                province_code: patch.province_code.clone().unwrap_or(current.province_code.clone()),
                category: patch.category.unwrap_or(current.category),
                specialties: patch.specialties.clone().unwrap_or(current.specialties.clone()),
                party_org: patch.party_org.unwrap_or(current.party_org),
                recommended_by: patch.recommended_by.unwrap_or(current.recommended_by),
            };
            let code: CreditCode = store::validate(conn, &draft).map_err(ApiError::Validation)?;
            // Now that the target province is known to be valid: a move needs the right over both.
            caller
                .may_change_org(&before.id, &before.province_code, draft.province_code.trim(), admin_fields)
                .map_err(ApiError::Forbidden)?;
            let mut after = before.clone();
            after.name = draft.name.trim().to_owned();
            after.credit_code = code.as_str().to_owned();
            after.credit_code_check_failed = code.check_failed;
            if after.credit_code != before.credit_code {
                // A new code is checked afresh: an earlier confirmation was of the old one.
                after.credit_code_confirmed_by = None;
                after.credit_code_confirmed_at = None;
            }
            after.legal_form = draft.legal_form;
            after.registration_level = draft.registration_level;
            after.province_code = draft.province_code.trim().to_owned();
            after.category = draft.category;
            after.specialties = list_to_json(&draft.specialties);
            after.party_org = draft.party_org;
            after.recommended_by = draft.recommended_by;
            after.version += 1;
            after.updated_at = caller.now;
            store::update(conn, &after, before.version)?;
            audit::record(
                conn,
                &caller,
                "organization.update",
                "organization",
                &after.id,
                Some(&current),
                Some(&Organization::from(&after)),
            )?;
            Ok(after)
        })
        .await?;
    state.matching.invalidate();
    Ok(respond(HttpResponse::Ok(), &row))
}

/// Confirm a credit code that failed its check
///
/// Some legal early codes fail the GB 32100-2015 check character; such a code is kept and waits
/// for a national admin to confirm it against the registration certificate. The confirmation
/// is recorded with who and when (and audited); changing the code later clears it. National
/// admins only; requires `If-Match`. A code that passed its check, or one already confirmed,
/// is a conflict (409).
#[utoipa::path(
    post, path = "/api/v1/organizations/{id}/credit-code-confirmation", tag = "organizations",
    operation_id = "confirmCreditCode",
    params(("id" = String, Path, description = "Organization id"), ("If-Match" = String, Header, description = "The ETag last read")),
    responses(
        (status = 200, description = "The organization with the confirmation", body = Organization, headers(("ETag" = String))),
        (status = 403, description = "Not a national admin", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The code passed its check, or is confirmed already", body = Problem, content_type = "application/problem+json"),
        ChangeErrors,
    ),
    security(("bearer" = []))
)]
pub async fn confirm_credit_code(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let if_match = http::if_match_value(&req)?;
    let id = id.into_inner();
    let row = state
        .tx(move |conn| {
            let before = store::get(conn, &id)?.ok_or(ApiError::NotFound)?;
            if caller.role != Role::NationalAdmin {
                return Err(ApiError::Forbidden(tr!(
                    "只有全国管理员可以确认信用代码。",
                    "Only national admins confirm credit codes."
                )));
            }
            http::require_if_match_value(&if_match, &org_etag(&before))?;
            if !before.credit_code_to_confirm() {
                return Err(ApiError::Conflict(tr!(
                    "该信用代码通过了校验或已确认，无需确认。",
                    "This credit code passed its check or is confirmed already."
                )));
            }
            let mut after = before.clone();
            after.credit_code_confirmed_by = Some(caller.name.clone());
            after.credit_code_confirmed_at = Some(caller.now);
            after.version += 1;
            after.updated_at = caller.now;
            store::update(conn, &after, before.version)?;
            audit::record(
                conn,
                &caller,
                "organization.credit_code_confirmed",
                "organization",
                &after.id,
                Some(&Organization::from(&before)),
                Some(&Organization::from(&after)),
            )?;
            Ok(after)
        })
        .await?;
    Ok(respond(HttpResponse::Ok(), &row))
}

/// Suspend, revoke or reinstate an organization
///
/// With a reason. A suspended or revoked organization cannot start new pairings or projects;
/// its live pairings and open projects are flagged for review, and reinstating it clears the
/// flags it caused. Coordinators of its province only; requires `If-Match`.
#[utoipa::path(
    post, path = "/api/v1/organizations/{id}/transitions", tag = "organizations", operation_id = "transitionOrganization",
    params(("id" = String, Path, description = "Organization id"), ("If-Match" = String, Header, description = "The ETag last read")),
    request_body = OrgTransition,
    responses(
        (status = 200, description = "The organization in its new status", body = Organization, headers(("ETag" = String))),
        (status = 403, description = "Not a coordinator of the organization's province", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not a move from the current status", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Reason missing", body = Problem, content_type = "application/problem+json"),
        ChangeErrors,
    ),
    security(("bearer" = []))
)]
pub async fn transition_organization(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<String>,
    body: Json<OrgTransition>,
) -> ApiResult<HttpResponse> {
    let if_match = http::if_match_value(&req)?;
    let OrgTransition { to, reason } = body.into_inner();
    if !crate::bounds::REQUIRED_TEXT.accepts(&reason) {
        return Err(ApiError::field(
            "reason",
            tr!("请说明原因（最多 5000 字）", "a reason is required (at most 5000 characters)"),
        ));
    }
    let id = id.into_inner();
    let row = state
        .tx(move |conn| {
            let before = store::get(conn, &id)?.ok_or(ApiError::NotFound)?;
            if !caller.administers_org(&before.province_code) {
                return Err(ApiError::Forbidden(tr!(
                    "只有本省主管部门可以变更该组织的状态。",
                    "Only the coordinators of the organization's province change its status."
                )));
            }
            http::require_if_match_value(&if_match, &org_etag(&before))?;
            store::move_status(conn, &caller, &before, to, &reason)
        })
        .await?;
    state.matching.invalidate();
    Ok(respond(HttpResponse::Ok(), &row))
}
