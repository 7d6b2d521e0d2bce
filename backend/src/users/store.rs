use diesel::prelude::*;

use super::model::{UserQuery, UserRow};
use crate::db::DbConn;
use crate::db::schema::{counties, organizations, provinces, refresh_tokens, users};
use crate::db::sql::like_pattern;
use crate::domain::{CountyCode, ProvinceCode, Role};
use crate::error::{ApiError, ApiResult};
use crate::tr;

pub fn get(conn: &mut DbConn, id: &str) -> ApiResult<Option<UserRow>> {
    Ok(users::table.find(id).select(UserRow::as_select()).first(conn).optional()?)
}

pub fn by_username(conn: &mut DbConn, username: &str) -> ApiResult<Option<UserRow>> {
    Ok(users::table.filter(users::username.eq(username)).select(UserRow::as_select()).first(conn).optional()?)
}

/// An enabled account with this role, if any (the oldest).
pub fn first_enabled_with_role(conn: &mut DbConn, role: Role) -> ApiResult<Option<UserRow>> {
    Ok(users::table
        .filter(users::role.eq(role))
        .filter(users::disabled.eq(false))
        .order(users::created_at)
        .select(UserRow::as_select())
        .first(conn)
        .optional()?)
}

/// The scope fields a role needs, checked against the reference data:
/// (province_code, county_code, organization_id) with the fields the role does not use cleared.
pub type Scope = (Option<String>, Option<String>, Option<String>);

pub fn resolve_scope(
    conn: &mut DbConn,
    role: Role,
    province_code: Option<&str>,
    county_code: Option<&str>,
    organization_id: Option<&str>,
) -> ApiResult<Scope> {
    let missing = |field: &str| ApiError::field(field, tr!("角色 {role} 必须填写此项", "required for the role {role}"));
    match role {
        Role::ProvincialOfficer => {
            let raw = province_code.ok_or_else(|| missing("province_code"))?;
            let code = ProvinceCode::parse(raw).map_err(|m| ApiError::field("province_code", m))?;
            let exists: i64 = provinces::table.filter(provinces::code.eq(code.as_str())).count().get_result(conn)?;
            if exists == 0 {
                return Err(ApiError::field("province_code", tr!("没有这个省份", "no such province")));
            }
            Ok((Some(code.to_string()), None, None))
        }
        Role::CountyOfficer => {
            let raw = county_code.ok_or_else(|| missing("county_code"))?;
            let code = CountyCode::parse(raw).map_err(|m| ApiError::field("county_code", m))?;
            let province: Option<String> =
                counties::table.find(code.as_str()).select(counties::province_code).first(conn).optional()?;
            let province =
                province.ok_or_else(|| ApiError::field("county_code", tr!("没有这个县", "no such county")))?;
            if let Some(p) = province_code
                && p != province
            {
                return Err(ApiError::field(
                    "province_code",
                    tr!("与该县所属省份不一致", "does not match the county's province"),
                ));
            }
            Ok((Some(province), Some(code.to_string()), None))
        }
        Role::OrgMember => {
            let id = organization_id.ok_or_else(|| missing("organization_id"))?;
            let exists: i64 = organizations::table.filter(organizations::id.eq(id)).count().get_result(conn)?;
            if exists == 0 {
                return Err(ApiError::field("organization_id", tr!("没有这个社会组织", "no such organization")));
            }
            Ok((None, None, Some(id.to_owned())))
        }
        Role::NationalAdmin | Role::Evaluator | Role::Viewer => Ok((None, None, None)),
    }
}

/// The scope a person grants an integration (an API token, a webhook subscription): the fields
/// its role needs, checked, and within what the caller may issue (`Caller::may_issue_token`), or
/// 403 with `refused`.
pub fn granted_scope(
    conn: &mut DbConn,
    caller: &crate::auth::Caller,
    role: Role,
    (province_code, county_code, organization_id): (Option<&str>, Option<&str>, Option<&str>),
    refused: crate::i18n::Text,
) -> ApiResult<Scope> {
    let scope = resolve_scope(conn, role, province_code, county_code, organization_id)?;
    if !caller.may_issue_token(role, scope.0.as_deref()) {
        return Err(ApiError::Forbidden(refused));
    }
    Ok(scope)
}

pub fn insert(conn: &mut DbConn, row: &UserRow) -> ApiResult<()> {
    crate::db::effects::users_written();
    diesel::insert_into(users::table).values(row).execute(conn).map_err(|e| {
        if crate::db::is_unique_violation(&e) {
            {
                let name = &row.username;
                ApiError::Conflict(tr!("用户名 {name} 已被占用。", "The username {name} is taken."))
            }
        } else {
            e.into()
        }
    })?;
    Ok(())
}

/// Writes the changed row if it is still at `expected_version` (optimistic concurrency).
pub fn update(conn: &mut DbConn, row: &UserRow, expected_version: i64) -> ApiResult<()> {
    crate::db::effects::users_written();
    let n = diesel::update(users::table.find(&row.id).filter(users::version.eq(expected_version)))
        .set((
            users::display_name.eq(&row.display_name),
            users::password_hash.eq(&row.password_hash),
            users::role.eq(&row.role),
            users::province_code.eq(&row.province_code),
            users::county_code.eq(&row.county_code),
            users::organization_id.eq(&row.organization_id),
            users::disabled.eq(row.disabled),
            users::department.eq(row.department),
            users::version.eq(row.version),
            users::updated_at.eq(row.updated_at),
        ))
        .execute(conn)?;
    if n == 0 { Err(ApiError::PreconditionFailed) } else { Ok(()) }
}

/// Ends every session of a user (password change, disabling).
pub fn revoke_sessions(conn: &mut DbConn, user_id: &str, now: chrono::NaiveDateTime) -> ApiResult<()> {
    diesel::update(refresh_tokens::table.filter(refresh_tokens::user_id.eq(user_id)))
        .filter(refresh_tokens::revoked_at.is_null())
        .set(refresh_tokens::revoked_at.eq(now))
        .execute(conn)?;
    Ok(())
}

fn filtered<'a>(query: &UserQuery, province_scope: Option<&str>) -> users::BoxedQuery<'a, crate::db::MultiBackend> {
    let mut q = users::table.into_boxed();
    if let Some(p) = province_scope {
        q = q.filter(users::province_code.eq(p.to_owned())).filter(users::role.eq(Role::CountyOfficer));
    }
    if let Some(text) = query.q.as_deref().filter(|t| !t.trim().is_empty()) {
        let pattern = like_pattern(text);
        q = q.filter(
            users::username.like(pattern.clone()).escape('\\').or(users::display_name.like(pattern).escape('\\')),
        );
    }
    if let Some(role) = query.role {
        q = q.filter(users::role.eq(role));
    }
    if let Some(p) = &query.province {
        q = q.filter(users::province_code.eq(p.clone()));
    }
    if let Some(d) = query.disabled {
        q = q.filter(users::disabled.eq(d));
    }
    if let Some(d) = query.department {
        q = q.filter(users::department.eq(d));
    }
    q
}

/// Users ordered by username; `province_scope` restricts a provincial officer to the county
/// officers of its province. The total is counted only when asked for.
pub fn list(
    conn: &mut DbConn,
    query: &UserQuery,
    province_scope: Option<&str>,
    after: Option<&str>,
    limit: i64,
) -> ApiResult<(Vec<UserRow>, Option<i64>)> {
    let mut q = filtered(query, province_scope).select(UserRow::as_select());
    if let Some(after) = after {
        q = q.filter(users::username.gt(after.to_owned()));
    }
    let rows = q.order(users::username.asc()).limit(limit + 1).load(conn)?;
    let total =
        if query.count == Some(true) { Some(filtered(query, province_scope).count().get_result(conn)?) } else { None };
    Ok((rows, total))
}
