//! Rotating refresh tokens. Each use replaces the token with a new one of the same family;
//! presenting a token that was already rotated means it leaked, so the whole family is revoked.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::{random_token, token_digest};
use crate::db::DbConn;
use crate::db::schema::refresh_tokens;
use crate::error::ApiResult;

pub const REFRESH_TTL_DAYS: i64 = 30;

#[derive(Queryable, Selectable, Insertable)]
#[diesel(table_name = refresh_tokens)]
struct RefreshRow {
    id: String,
    family_id: String,
    user_id: String,
    token_hash: String,
    created_at: NaiveDateTime,
    expires_at: NaiveDateTime,
    rotated_at: Option<NaiveDateTime>,
    revoked_at: Option<NaiveDateTime>,
}

/// Issues a token in `family` (a new family at login); returns the secret to hand out.
pub fn issue(conn: &mut DbConn, user_id: &str, family: Option<&str>, now: NaiveDateTime) -> ApiResult<String> {
    let secret = random_token(32);
    let row = RefreshRow {
        id: uuid::Uuid::now_v7().to_string(),
        family_id: family.map(str::to_owned).unwrap_or_else(|| uuid::Uuid::now_v7().to_string()),
        user_id: user_id.into(),
        token_hash: token_digest(&secret),
        created_at: now,
        expires_at: now + chrono::Duration::days(REFRESH_TTL_DAYS),
        rotated_at: None,
        revoked_at: None,
    };
    diesel::insert_into(refresh_tokens::table).values(&row).execute(conn)?;
    Ok(secret)
}

pub enum Rotation {
    /// The user id and the successor secret.
    Rotated { user_id: String, next: String },
    /// Unknown, expired or revoked — or reused, in which case its family is now revoked.
    /// An `Ok` outcome, so the revocation commits; the caller answers 401.
    Refused,
}

/// Consumes a refresh token and issues its successor in the same family.
pub fn rotate(conn: &mut DbConn, secret: &str, now: NaiveDateTime) -> ApiResult<Rotation> {
    let row: Option<RefreshRow> = refresh_tokens::table
        .filter(refresh_tokens::token_hash.eq(token_digest(secret)))
        .select(RefreshRow::as_select())
        .first(conn)
        .optional()?;
    let Some(row) = row else { return Ok(Rotation::Refused) };
    if row.revoked_at.is_some() || row.expires_at <= now {
        return Ok(Rotation::Refused);
    }
    // The guard on rotated_at also makes two concurrent uses of one token rotate it only once.
    let n = diesel::update(refresh_tokens::table.find(&row.id).filter(refresh_tokens::rotated_at.is_null()))
        .set(refresh_tokens::rotated_at.eq(now))
        .execute(conn)?;
    if n == 0 {
        tracing::warn!(user_id = %row.user_id, family = %row.family_id, "rotated refresh token reused: revoking its family");
        revoke_family(conn, &row.family_id, now)?;
        return Ok(Rotation::Refused);
    }
    let next = issue(conn, &row.user_id, Some(&row.family_id), now)?;
    Ok(Rotation::Rotated { user_id: row.user_id, next })
}

/// Logout: revokes the family of the token, if it is known.
pub fn revoke(conn: &mut DbConn, secret: &str, now: NaiveDateTime) -> ApiResult<()> {
    let family: Option<String> = refresh_tokens::table
        .filter(refresh_tokens::token_hash.eq(token_digest(secret)))
        .select(refresh_tokens::family_id)
        .first(conn)
        .optional()?;
    if let Some(f) = family {
        revoke_family(conn, &f, now)?;
    }
    Ok(())
}

fn revoke_family(conn: &mut DbConn, family: &str, now: NaiveDateTime) -> ApiResult<()> {
    diesel::update(refresh_tokens::table.filter(refresh_tokens::family_id.eq(family)))
        .filter(refresh_tokens::revoked_at.is_null())
        .set(refresh_tokens::revoked_at.eq(now))
        .execute(conn)?;
    Ok(())
}
