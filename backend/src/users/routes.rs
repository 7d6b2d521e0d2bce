use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};

use super::model::{CreateUser, PatchUser, User, UserQuery, UserRow};
use super::store;
use crate::audit;
use chrono::NaiveDateTime;

use crate::auth::{Caller, password, throttle};
use crate::domain::{Department, Role};
use crate::error::{ApiError, ApiResult, ChangeErrors, CreateErrors, Invalid, ListErrors, Problem, ReadErrors};
use crate::extractors::Json;
use crate::http::{self, Page};
use crate::state::AppState;
use crate::tr;

const MANAGERS: &[Role] = &[Role::NationalAdmin, Role::ProvincialOfficer];

fn user_etag(u: &UserRow) -> String {
    http::etag("user", &u.id, u.version)
}

fn with_etag(res: actix_web::HttpResponseBuilder, u: &UserRow) -> HttpResponse {
    with_lockout(res, u, None)
}

fn with_lockout(mut res: actix_web::HttpResponseBuilder, u: &UserRow, locked_until: Option<NaiveDateTime>) -> HttpResponse {
    let user = User { locked_until: locked_until.map(|t| t.and_utc()), ..User::from(u) };
    res.insert_header((header::ETAG, user_etag(u))).json(user)
}

fn check_username(name: &str, errors: &mut Vec<Invalid>) {
    if !crate::bounds::username_ok(name) {
        errors.push(Invalid::new(
            "username",
            tr!("3–64 个字符：字母、数字及 . _ - @", "3–64 characters: letters, digits, '.', '_', '-', '@'"),
        ));
    }
}

fn check_display_name(name: &str, errors: &mut Vec<Invalid>) {
    if !crate::bounds::SHORT_NAME.accepts(name) {
        errors.push(Invalid::new("display_name", tr!("1–100 个字符", "1–100 characters")));
    }
}

fn collect(errors: Vec<Invalid>) -> ApiResult<()> {
    if errors.is_empty() { Ok(()) } else { Err(ApiError::Validation(errors)) }
}

/// List user accounts
///
/// A national admin sees everyone; a provincial officer the county officers of its province.
#[utoipa::path(
    get, path = "/api/v1/users", tag = "users", operation_id = "listUsers",
    params(UserQuery),
    responses(
        (status = 200, description = "A page of users ordered by username", body = Page<User>),
        (status = 403, description = "The role may not manage users", body = Problem, content_type = "application/problem+json"),
        ListErrors,
    ),
    security(("bearer" = []))
)]
pub async fn list_users(
    state: web::Data<AppState>,
    caller: Caller,
    query: crate::extractors::Query<UserQuery>,
) -> ApiResult<web::Json<Page<User>>> {
    caller.require_role(MANAGERS)?;
    let limit = http::limit(query.limit)?;
    let after = http::decode_cursor(query.cursor.as_deref())?;
    let scope = caller.account_province_scope().map(str::to_owned);
    let query = query.into_inner();
    let now = caller.now;
    let (rows, total, locked) = state
        .db(move |conn| {
            let (rows, total) = store::list(conn, &query, scope.as_deref(), after.as_deref(), limit)?;
            let names: Vec<&str> = rows.iter().map(|u| u.username.as_str()).collect();
            let locked = throttle::lockouts(conn, &names, now)?;
            Ok((rows, total, locked))
        })
        .await?;
    let (rows, next_cursor) = http::page(rows, limit, |u| u.username.clone());
    let items = rows
        .iter()
        .map(|u| User { locked_until: locked.get(&u.username).map(|t| t.and_utc()), ..User::from(u) })
        .collect();
    Ok(web::Json(Page { items, next_cursor, total }))
}

/// Create a user account
#[utoipa::path(
    post, path = "/api/v1/users", tag = "users", operation_id = "createUser",
    request_body = CreateUser,
    responses(
        (status = 201, description = "Created; `Location` names the new user", body = User,
         headers(("ETag" = String), ("Location" = String))),
        (status = 403, description = "The caller may not create an account with this role or scope", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The username is taken", body = Problem, content_type = "application/problem+json"),
        CreateErrors,
    ),
    security(("bearer" = []))
)]
pub async fn create_user(
    state: web::Data<AppState>,
    caller: Caller,
    body: Json<CreateUser>,
) -> ApiResult<HttpResponse> {
    caller.require_role(MANAGERS)?;
    let body = body.into_inner();
    let mut errors = vec![];
    check_username(&body.username, &mut errors);
    check_display_name(&body.display_name, &mut errors);
    if let Err(ApiError::Validation(mut e)) = password::check_policy("password", &body.password) {
        errors.append(&mut e);
    }
    collect(errors)?;
    let password_hash = password::hash_apart(body.password.clone()).await?;
    let row = state
        .tx(move |conn| {
            let (province_code, county_code, organization_id) = store::resolve_scope(
                conn,
                body.role,
                body.province_code.as_deref(),
                body.county_code.as_deref(),
                body.organization_id.as_deref(),
            )?;
            if !caller.manages_account(body.role, province_code.as_deref()) {
                return Err(ApiError::Forbidden(tr!(
                    "您不能创建该角色或本省以外的账号。",
                    "You may not create an account with this role or outside your province."
                )));
            }
            let row = UserRow {
                id: uuid::Uuid::now_v7().to_string(),
                username: body.username,
                password_hash,
                display_name: body.display_name.trim().to_owned(),
                role: body.role,
                province_code,
                county_code,
                organization_id,
                disabled: false,
                version: 1,
                created_at: caller.now,
                updated_at: caller.now,
                department: Department::resolve(body.role, body.department),
            };
            store::insert(conn, &row)?;
            audit::record(conn, &caller, "user.create", "user", &row.id, None::<&User>, Some(&User::from(&row)))?;
            Ok(row)
        })
        .await?;
    let mut res = HttpResponse::Created();
    res.insert_header((header::LOCATION, format!("/api/v1/users/{}", row.id)));
    Ok(with_etag(res, &row))
}

/// Load a user the caller may see, or 404 (existence is not revealed outside the scope).
fn visible(caller: &Caller, row: Option<UserRow>) -> ApiResult<UserRow> {
    row.filter(|u| caller.manages_account(u.role(), u.province_code.as_deref())).ok_or(ApiError::NotFound)
}

/// Read a user account
#[utoipa::path(
    get, path = "/api/v1/users/{id}", tag = "users", operation_id = "getUser",
    params(("id" = String, Path, description = "User id")),
    responses(
        (status = 200, description = "The user", body = User, headers(("ETag" = String))),
        (status = 403, description = "The role may not manage users", body = Problem, content_type = "application/problem+json"),
        ReadErrors,
    ),
    security(("bearer" = []))
)]
pub async fn get_user(state: web::Data<AppState>, caller: Caller, id: web::Path<String>) -> ApiResult<HttpResponse> {
    caller.require_role(MANAGERS)?;
    let id = id.into_inner();
    let now = caller.now;
    let (row, locked) = state
        .db(move |conn| {
            let row = visible(&caller, store::get(conn, &id)?)?;
            let locked = throttle::lockouts(conn, &[row.username.as_str()], now)?.remove(&row.username);
            Ok((row, locked))
        })
        .await?;
    Ok(with_lockout(HttpResponse::Ok(), &row, locked))
}

/// Clear a login lockout
///
/// Forgets the failed attempts made at this account from every address, so its owner can log
/// in again at once (after, say, a forgotten password was reset). Audited as `user.unlock`.
#[utoipa::path(
    delete, path = "/api/v1/users/{id}/lockout", tag = "users", operation_id = "clearUserLockout",
    params(("id" = String, Path, description = "User id")),
    responses(
        (status = 204, description = "Cleared (also when there was nothing to clear)"),
        (status = 403, description = "The role may not manage users", body = Problem, content_type = "application/problem+json"),
        ReadErrors,
    ),
    security(("bearer" = []))
)]
pub async fn clear_user_lockout(state: web::Data<AppState>, caller: Caller, id: web::Path<String>) -> ApiResult<HttpResponse> {
    caller.require_role(MANAGERS)?;
    let id = id.into_inner();
    state
        .tx(move |conn| {
            let user = visible(&caller, store::get(conn, &id)?)?;
            let before = throttle::lockouts(conn, &[user.username.as_str()], caller.now)?.remove(&user.username);
            let cleared = throttle::clear_account(conn, &user.username)?;
            let change = serde_json::json!({ "locked_until": before.map(|t| t.and_utc()), "addresses_cleared": cleared });
            audit::record(conn, &caller, "user.unlock", "user", &user.id, None::<&()>, Some(&change))
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Change a user account (JSON merge patch)
///
/// Requires `If-Match` with the ETag last read. A password change or disabling ends the
/// user's sessions.
#[utoipa::path(
    patch, path = "/api/v1/users/{id}", tag = "users", operation_id = "updateUser",
    params(
        ("id" = String, Path, description = "User id"),
        ("If-Match" = String, Header, description = "The ETag last read"),
    ),
    request_body(content = PatchUser, content_type = "application/merge-patch+json"),
    responses(
        (status = 200, description = "The changed user", body = User, headers(("ETag" = String))),
        (status = 403, description = "The change is outside what the caller may grant", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "You cannot disable or demote yourself", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
        ChangeErrors,
    ),
    security(("bearer" = []))
)]
pub async fn patch_user(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<String>,
    body: Json<PatchUser>,
) -> ApiResult<HttpResponse> {
    caller.require_role(MANAGERS)?;
    let if_match = http::if_match_value(&req)?;
    let patch = body.into_inner();
    let mut errors = vec![];
    if let Some(d) = &patch.display_name {
        check_display_name(d, &mut errors);
    }
    if let Some(p) = &patch.password
        && let Err(ApiError::Validation(mut e)) = password::check_policy("password", p)
    {
        errors.append(&mut e);
    }
    collect(errors)?;
    let new_hash = match &patch.password {
        Some(p) => Some(password::hash_apart(p.clone()).await?),
        None => None,
    };
    let id = id.into_inner();
    let row = state
        .tx(move |conn| {
            let before = visible(&caller, store::get(conn, &id)?)?;
            http::require_if_match_value(&if_match, &user_etag(&before))?;
            if before.id == caller.actor_id
                && (patch.disabled == Some(true) || patch.role.is_some_and(|r| r != before.role()))
            {
                return Err(ApiError::Conflict(tr!(
                    "不能停用自己的账号或修改自己的角色。",
                    "You cannot disable your own account or change your own role."
                )));
            }
            let role = patch.role.unwrap_or(before.role());
            let scope_changed = patch.role.is_some()
                || patch.province_code.is_some()
                || patch.county_code.is_some()
                || patch.organization_id.is_some();
            let (province_code, county_code, organization_id) = if scope_changed {
                store::resolve_scope(
                    conn,
                    role,
                    patch.province_code.as_deref().or(before.province_code.as_deref()),
                    patch.county_code.as_deref().or(before.county_code.as_deref()),
                    patch.organization_id.as_deref().or(before.organization_id.as_deref()),
                )?
            } else {
                (before.province_code.clone(), before.county_code.clone(), before.organization_id.clone())
            };
            if !caller.manages_account(role, province_code.as_deref()) {
                return Err(ApiError::Forbidden(tr!(
                    "您不能授予该角色或范围。",
                    "You may not grant this role or scope."
                )));
            }
            let mut after = before.clone();
            after.role = role;
            after.province_code = province_code;
            after.county_code = county_code;
            after.organization_id = organization_id;
            after.department = Department::resolve(role, patch.department.or(before.department));
            if let Some(d) = &patch.display_name {
                after.display_name = d.trim().to_owned();
            }
            if let Some(h) = new_hash {
                after.password_hash = h;
            }
            if let Some(d) = patch.disabled {
                after.disabled = d;
            }
            after.version += 1;
            after.updated_at = caller.now;
            store::update(conn, &after, before.version)?;
            if patch.password.is_some() || (after.disabled && !before.disabled) {
                store::revoke_sessions(conn, &after.id, caller.now)?;
            }
            audit::record(
                conn,
                &caller,
                "user.update",
                "user",
                &after.id,
                Some(&User::from(&before)),
                Some(&User::from(&after)),
            )?;
            Ok(after)
        })
        .await?;
    Ok(with_etag(HttpResponse::Ok(), &row))
}
