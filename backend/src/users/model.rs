use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::db::schema::users;
use crate::domain::{Department, Role};

#[derive(Queryable, Selectable, Insertable, Clone, Debug)]
#[diesel(table_name = users)]
pub struct UserRow {
    pub id: String,
    pub username: String,
    pub password_hash: String,
    pub display_name: String,
    pub role: Role,
    pub province_code: Option<String>,
    pub county_code: Option<String>,
    pub organization_id: Option<String>,
    pub disabled: bool,
    pub version: i64,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub department: Option<Department>,
}

impl UserRow {
    /// Rows are only written through `Role`, so an unknown value means a corrupted row;
    /// it is treated as the least-privileged role rather than failing every request.
    pub fn role(&self) -> Role {
        self.role
    }
}

/// A user account as the API shows it (never the password hash).
#[derive(Serialize, Deserialize, ToSchema, Debug, Clone)]
pub struct User {
    pub id: String,
    pub username: String,
    pub display_name: String,
    pub role: Role,
    /// The province of a provincial officer, or the province of a county officer's county.
    pub province_code: Option<String>,
    pub county_code: Option<String>,
    pub organization_id: Option<String>,
    /// The department of a national admin or a provincial or county officer (乡村振兴 or 民政);
    /// null for the other roles.
    pub department: Option<Department>,
    pub disabled: bool,
    /// Set while some address may not try to log in as this user (too many failed attempts
    /// from it): when that ends. Listed and read by account managers, who may clear it
    /// (`DELETE /api/v1/users/{id}/lockout`); null otherwise.
    pub locked_until: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<&UserRow> for User {
    fn from(r: &UserRow) -> Self {
        Self {
            id: r.id.clone(),
            username: r.username.clone(),
            display_name: r.display_name.clone(),
            role: r.role(),
            province_code: r.province_code.clone(),
            county_code: r.county_code.clone(),
            organization_id: r.organization_id.clone(),
            department: r.department,
            disabled: r.disabled,
            locked_until: None,
            created_at: r.created_at.and_utc(),
            updated_at: r.updated_at.and_utc(),
        }
    }
}

#[derive(Deserialize, ToSchema, Debug)]
#[serde(deny_unknown_fields)]
pub struct CreateUser {
    /// 3–64 characters: letters, digits, `.`, `_`, `-`, `@`.
    #[schema(schema_with = crate::bounds::username)]
    pub username: String,
    /// At least 10 characters. Write-only: never returned.
    #[schema(schema_with = crate::bounds::password)]
    pub password: String,
    #[schema(schema_with = crate::bounds::short_name)]
    pub display_name: String,
    pub role: Role,
    /// Required for `provincial_officer`.
    #[schema(schema_with = crate::bounds::province_code_or_null)]
    pub province_code: Option<String>,
    /// Required for `county_officer`; the province follows from the county.
    #[schema(schema_with = crate::bounds::county_code_or_null)]
    pub county_code: Option<String>,
    /// Required for `org_member`.
    pub organization_id: Option<String>,
    /// For national admins and provincial and county officers: `rural_revitalization` when not
    /// given. Ignored for the other roles.
    pub department: Option<Department>,
}

/// JSON merge patch of a user. Changing the role re-derives the scope fields from the values
/// given here and the current ones.
#[derive(Deserialize, ToSchema, Debug, Default)]
#[serde(deny_unknown_fields)]
pub struct PatchUser {
    #[schema(schema_with = crate::bounds::short_name_or_null)]
    pub display_name: Option<String>,
    #[schema(schema_with = crate::bounds::password_or_null)]
    pub password: Option<String>,
    pub role: Option<Role>,
    #[schema(schema_with = crate::bounds::province_code_or_null)]
    pub province_code: Option<String>,
    #[schema(schema_with = crate::bounds::county_code_or_null)]
    pub county_code: Option<String>,
    pub organization_id: Option<String>,
    /// For national admins and provincial and county officers; ignored for the other roles.
    pub department: Option<Department>,
    pub disabled: Option<bool>,
}

#[derive(Deserialize, IntoParams, Debug)]
#[into_params(parameter_in = Query)]
pub struct UserQuery {
    /// Matches username or display name.
    pub q: Option<String>,
    pub role: Option<Role>,
    /// Province code, e.g. `510000`.
    pub province: Option<String>,
    pub disabled: Option<bool>,
    pub department: Option<Department>,
    /// Page size, 1–200 (default 50).
    #[param(schema_with = crate::bounds::list_limit)]
    pub limit: Option<i64>,
    pub cursor: Option<String>,
    /// Include `total`, the number of matching users.
    pub count: Option<bool>,
}
