//! The national admin `admin` exists whatever ran first on a database.
//!
//! The invariant is "an enabled national admin exists", not "the database has no users": the
//! demo seed, `zhuxiang user create` or an import may add accounts before the first `serve`, and
//! a newcomer must still end up with an administrator. `serve` and `seed-demo` both call
//! [`ensure_national_admin`]; each says what it found or made.

use crate::auth::password;
use crate::config::Secret;
use crate::db::DbConn;
use crate::domain::Role;
use crate::error::{ApiError, ApiResult};
use crate::users::model::{User, UserRow};
use crate::users::store;

pub const ADMIN_USERNAME: &str = "admin";
/// How histories name the first administrator.
pub const ADMIN_DISPLAY_NAME: &str = "平台管理员";

/// What [`ensure_national_admin`] found or did.
#[derive(Debug, PartialEq, Eq)]
pub enum NationalAdmin {
    /// `admin` was created now. The password is there when it was generated (shown once);
    /// `None` when it came from `BOOTSTRAP_ADMIN_PASSWORD`.
    Created { generated_password: Option<String> },
    /// An enabled national admin was there already; its password is left alone.
    Exists { username: String },
    /// No enabled national admin, and the name `admin` belongs to another (or a disabled)
    /// account: nothing is created, the operator is told how to fix it.
    NameTaken,
}

pub fn ensure_national_admin(conn: &mut DbConn, configured: Option<&Secret>) -> anyhow::Result<NationalAdmin> {
    let (pw, generated) = match configured {
        Some(s) => (s.expose().to_owned(), false),
        None => (password::generate(), true),
    };
    let now = chrono::Utc::now().naive_utc();
    let outcome = crate::db::write_transaction::<_, ApiError, _>(conn, |conn| {
        if let Some(existing) = store::first_enabled_with_role(conn, Role::NationalAdmin)? {
            return Ok(NationalAdmin::Exists { username: existing.username });
        }
        if store::by_username(conn, ADMIN_USERNAME)?.is_some() {
            return Ok(NationalAdmin::NameTaken);
        }
        // Checked only when it is used: an unused setting is reported by `report_at_start`.
        password::check_policy("BOOTSTRAP_ADMIN_PASSWORD", &pw)?;
        let row = UserRow {
            id: uuid::Uuid::now_v7().to_string(),
            username: ADMIN_USERNAME.into(),
            password_hash: password::hash(&pw)?,
            display_name: ADMIN_DISPLAY_NAME.into(),
            role: Role::NationalAdmin,
            province_code: None,
            county_code: None,
            organization_id: None,
            disabled: false,
            version: 1,
            created_at: now,
            updated_at: now,
            department: crate::domain::Department::default_for(Role::NationalAdmin),
        };
        store::insert(conn, &row)?;
        audit_bootstrap(conn, &User::from(&row), now)?;
        Ok(NationalAdmin::Created { generated_password: generated.then(|| pw.clone()) })
    })
    .map_err(|e| match e {
        ApiError::Validation(errors) => anyhow::anyhow!("BOOTSTRAP_ADMIN_PASSWORD {}", errors[0].message),
        other => anyhow::anyhow!("cannot create the national admin: {other}"),
    })?;
    Ok(outcome)
}

impl NationalAdmin {
    /// What `serve` tells the operator at start. A generated password goes to stderr in a
    /// banner, once, on purpose: it is the only way a zero-set-up operator learns it.
    pub fn report_at_start(&self, configured: bool) {
        match self {
            Self::Created { generated_password: Some(pw) } => eprintln!(
                "\n==============================================================\n\
                 zhuxiang: created the national admin account\n  username: {ADMIN_USERNAME}\n  password: {pw}\n\
                 Store it now; it is not shown again. (Set BOOTSTRAP_ADMIN_PASSWORD to choose it.)\n\
                 ==============================================================\n"
            ),
            Self::Created { generated_password: None } => {
                tracing::info!("created the national admin account 'admin' from BOOTSTRAP_ADMIN_PASSWORD")
            }
            Self::Exists { username } if configured => tracing::warn!(
                username,
                "BOOTSTRAP_ADMIN_PASSWORD is not used: the national admin already exists \
                 (change its password with `zhuxiang user set-password --username {username}`)"
            ),
            Self::Exists { username } => tracing::info!(username, "national admin present"),
            Self::NameTaken => tracing::warn!(
                "no enabled national admin, and the username 'admin' is taken by another account: create one with \
                 `zhuxiang user create --username <name> --role national_admin`"
            ),
        }
    }

    /// One line for the account list `seed-demo` prints: `<username> password <password> <who>`.
    pub fn account_line(&self) -> String {
        match self {
            Self::Created { generated_password: Some(pw) } => {
                format!("{ADMIN_USERNAME:<11} password {pw:<16} national admin (created now; shown once)")
            }
            Self::Created { generated_password: None } => format!(
                "{ADMIN_USERNAME:<11} password {:<16} national admin (created now)",
                "(BOOTSTRAP_ADMIN_PASSWORD)"
            ),
            Self::Exists { username } => {
                format!("{username:<11} password {:<16} national admin (already there)", "(unchanged)")
            }
            Self::NameTaken => format!(
                "{ADMIN_USERNAME:<11} (not created: the name is taken; use `zhuxiang user create --role national_admin`)"
            ),
        }
    }
}

/// The audit trail of a bootstrap: no caller exists yet.
fn audit_bootstrap(conn: &mut crate::db::DbConn, user: &User, now: chrono::NaiveDateTime) -> ApiResult<()> {
    crate::audit::record_system(
        conn,
        "system:bootstrap",
        "user.create",
        "user",
        &user.id,
        serde_json::to_value(user).ok(),
        now,
    )
}
