//! What an operator runs beside the service to move and keep its data: `copy-database` (a
//! SQLite file into PostgreSQL, when a pilot outgrows one machine), `backup` and `restore`.
//!
//! Both copy and restore refuse a target that holds data unless told `--force`: nothing a user
//! saved is overwritten by a mistyped URL.

pub mod backup;
pub mod copy;
mod rows;
pub(crate) mod tables;

use anyhow::Context;
use diesel::{PgConnection, RunQueryDsl, SqliteConnection};

use crate::config::DatabaseUrl;
use crate::db::{self, DbConn, PooledConn};

/// The tables the migrations themselves fill (reference data, the sweep's bookmark): rows there
/// do not make a database "hold data".
const MIGRATION_DATA: &[&str] = &["provinces", "counties", "east_west_pairs", "sweeps"];

/// One connection to `url`, migrated when `migrate` (a target), or checked to be fully migrated
/// (a source: copying from an older schema would lose what the newer one added).
fn open(url: &DatabaseUrl, role: &str, migrate: bool) -> anyhow::Result<PooledConn> {
    let mut conn = connect(url, role)?;
    if migrate {
        db::migrate(&mut conn)?;
    } else {
        let behind = db::pending_migrations(&mut conn)?;
        if behind > 0 {
            anyhow::bail!(
                "the {role} database is {behind} migration(s) behind this binary: run `zhuxiang migrate` \
                 with DATABASE_URL set to it first"
            );
        }
    }
    Ok(conn)
}

/// One connection to `url`, as it is.
fn connect(url: &DatabaseUrl, role: &str) -> anyhow::Result<PooledConn> {
    let pool = db::pool(url, 1)?;
    pool.get().with_context(|| format!("cannot connect to the {role} database"))
}

fn sqlite(conn: &mut DbConn) -> &mut SqliteConnection {
    match conn {
        DbConn::Sqlite(c) => c,
        DbConn::Postgres(_) => unreachable!("opened from a sqlite:// URL"),
    }
}

fn postgres(conn: &mut DbConn) -> &mut PgConnection {
    match conn {
        DbConn::Postgres(c) => c,
        DbConn::Sqlite(_) => unreachable!("opened from a postgres:// URL"),
    }
}

#[derive(diesel::QueryableByName)]
struct Count {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    n: i64,
}

/// The tables of a migrated database that hold rows the migrations did not put there.
fn tables_with_data(conn: &mut DbConn) -> anyhow::Result<Vec<String>> {
    let names = tables::names(conn)?;
    let mut found = Vec::new();
    for name in names.into_iter().filter(|n| !MIGRATION_DATA.contains(&n.as_str())) {
        let rows = diesel::sql_query(format!("SELECT COUNT(*) AS n FROM (SELECT 1 FROM \"{name}\" LIMIT 1) AS t"))
            .get_result::<Count>(conn)?
            .n;
        if rows > 0 {
            found.push(name);
        }
    }
    Ok(found)
}

/// Refuses a target holding data unless `force`.
fn require_empty(conn: &mut DbConn, what: &str, force: bool) -> anyhow::Result<()> {
    let found = tables_with_data(conn)?;
    if !found.is_empty() && !force {
        let shown = found.iter().take(5).cloned().collect::<Vec<_>>().join(", ");
        anyhow::bail!(
            "the {what} already holds data ({shown}{}): nothing was changed; pass --force to replace it",
            if found.len() > 5 { ", …" } else { "" }
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// If a migration starts filling another table, it must be listed in `MIGRATION_DATA`, or
    /// every freshly migrated target would be refused as "holding data".
    #[test]
    fn a_freshly_migrated_database_holds_no_data() {
        let dir = tempfile::tempdir().expect("tmp");
        let url = DatabaseUrl::parse(&format!("sqlite://{}/fresh.db", dir.path().display())).expect("url");
        let mut conn = open(&url, "test", true).expect("open");
        assert_eq!(tables_with_data(&mut conn).expect("tables"), Vec::<String>::new());
        require_empty(&mut conn, "target", false).expect("empty");
    }
}
