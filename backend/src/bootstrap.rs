//! First start on an empty database: create the national admin `admin`.

use diesel::Connection;

use crate::auth::password;
use crate::config::Secret;
use crate::db::DbConn;
use crate::error::ApiError;
use crate::users::model::{User, UserRow};
use crate::users::store;

pub const ADMIN_USERNAME: &str = "admin";

pub fn admin_if_empty(conn: &mut DbConn, configured: Option<&Secret>) -> anyhow::Result<()> {
    if store::count(conn).map_err(|e| anyhow::anyhow!("{e}"))? > 0 {
        return Ok(());
    }
    let (pw, generated) = match configured {
        Some(s) => (s.expose().to_owned(), false),
        None => (password::generate(), true),
    };
    if let Err(ApiError::Validation(e)) = password::check_policy("BOOTSTRAP_ADMIN_PASSWORD", &pw) {
        anyhow::bail!("BOOTSTRAP_ADMIN_PASSWORD {}", e[0].message);
    }
    let now = chrono::Utc::now().naive_utc();
    let row = UserRow {
        id: uuid::Uuid::now_v7().to_string(),
        username: ADMIN_USERNAME.into(),
        password_hash: password::hash(&pw)?,
        display_name: "平台管理员".into(),
        role: crate::domain::Role::NationalAdmin.as_str().into(),
        province_code: None,
        county_code: None,
        organization_id: None,
        disabled: false,
        version: 1,
        created_at: now,
        updated_at: now,
    };
    conn.transaction::<_, ApiError, _>(|conn| {
        store::insert(conn, &row)?;
        crate::auth::routes::audit_bootstrap(conn, &User::from(&row), now)
    })
    .map_err(|e| anyhow::anyhow!("cannot create the admin user: {e}"))?;
    if generated {
        // Printed once, on purpose: this is the only way a zero-set-up operator learns it.
        eprintln!(
            "\n==============================================================\n\
             zhuxiang: created the national admin account\n  username: {ADMIN_USERNAME}\n  password: {pw}\n\
             Store it now; it is not shown again. (Set BOOTSTRAP_ADMIN_PASSWORD to choose it.)\n\
             ==============================================================\n"
        );
    } else {
        tracing::info!("created the national admin account 'admin' from BOOTSTRAP_ADMIN_PASSWORD");
    }
    Ok(())
}
