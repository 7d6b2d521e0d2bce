//! One binary over SQLite and PostgreSQL: a diesel `MultiConnection`, an r2d2 pool whose manager
//! picks the backend from the URL scheme, and the embedded migrations of both dialects.

pub mod effects;
pub mod schema;
pub mod sql;
pub mod work;
pub mod write_gate;

use std::time::Duration;

use anyhow::Context;

use diesel::connection::SimpleConnection;
use diesel::r2d2::{self, ManageConnection, Pool, PooledConnection};
use diesel::{Connection, PgConnection, RunQueryDsl, SqliteConnection};
use diesel_migrations::{EmbeddedMigrations, MigrationHarness, embed_migrations};

use crate::config::{DatabaseUrl, DbTimeouts};
use write_gate::{WriteGate, WriteTurn};

const SQLITE_MIGRATIONS: EmbeddedMigrations = embed_migrations!("../migrations/sqlite");
const POSTGRES_MIGRATIONS: EmbeddedMigrations = embed_migrations!("../migrations/postgres");

#[derive(diesel::MultiConnection)]
pub enum DbConn {
    Postgres(PgConnection),
    Sqlite(SqliteConnection),
}

/// Runs a diesel query on the connection underneath `DbConn` (`$c` is the `PgConnection` or the
/// `SqliteConnection`; the body is written once and compiled for each). `MultiConnection` writes
/// every query's SQL out at each execution, and a second time to find its prepared statement
/// unless the query's id is static; for a request's one hot statement (a project's page) that
/// was a fifth of the server's work. Only for such statements: everything else goes through
/// `DbConn` as usual.
#[macro_export]
macro_rules! on_backend {
    ($conn:expr, |$c:ident| $body:expr) => {
        match $conn {
            $crate::db::DbConn::Postgres($c) => $body,
            $crate::db::DbConn::Sqlite($c) => $body,
        }
    };
}

/// The r2d2 pool, with the timeouts its users wait within (`work`).
#[derive(Clone)]
pub struct DbPool {
    pool: Pool<DbManager>,
    pub timeouts: DbTimeouts,
}

impl std::ops::Deref for DbPool {
    type Target = Pool<DbManager>;

    fn deref(&self) -> &Self::Target {
        &self.pool
    }
}

pub type PooledConn = PooledConnection<DbManager>;

/// Opens connections of the backend the URL names. diesel's own manager would try each backend's
/// `establish` in turn, and SQLite accepts any string as a file name, so the choice is made here.
#[derive(Debug, Clone)]
pub struct DbManager {
    url: DatabaseUrl,
    timeouts: DbTimeouts,
}

/// PostgreSQL's statement limit is a backstop a second past the request's own: the client has
/// answered 503 by then, and the server stops the statement it abandoned.
const SERVER_GRACE: Duration = Duration::from_secs(1);

/// The libpq URL with the timeouts added (a parameter the operator set in the URL wins).
pub(crate) fn with_libpq_timeouts(url: &str, t: &DbTimeouts) -> String {
    let keepalive = t.keepalive.as_secs().max(1);
    // libpq counts whole seconds and treats anything below 2 as 2.
    let connect = t.connect.as_secs_f64().ceil().max(2.0) as u64;
    let params = [
        ("connect_timeout", connect.to_string()),
        ("keepalives", "1".into()),
        ("keepalives_idle", keepalive.to_string()),
        ("keepalives_interval", (keepalive / 3).max(1).to_string()),
        ("keepalives_count", "3".into()),
        ("tcp_user_timeout", (2 * keepalive * 1000).to_string()),
    ];
    let query = url.split_once('?').map(|(_, q)| q).unwrap_or("");
    let mut out = url.to_owned();
    for (key, value) in params {
        if query.split('&').any(|p| p.split('=').next() == Some(key)) {
            continue;
        }
        out.push(if out.contains('?') { '&' } else { '?' });
        out.push_str(&format!("{key}={value}"));
    }
    out
}

impl ManageConnection for DbManager {
    type Connection = DbConn;
    type Error = r2d2::Error;

    fn connect(&self) -> Result<DbConn, r2d2::Error> {
        match &self.url {
            DatabaseUrl::Postgres(url) => {
                let mut conn = PgConnection::establish(&with_libpq_timeouts(url, &self.timeouts))
                    .map_err(r2d2::Error::ConnectionError)?;
                if let Some(statement) = self.timeouts.statement {
                    let ms = (statement + SERVER_GRACE).as_millis();
                    conn.batch_execute(&format!("SET statement_timeout = {ms}")).map_err(r2d2::Error::QueryError)?;
                }
                Ok(DbConn::Postgres(conn))
            }
            DatabaseUrl::Sqlite(path) => {
                let mut conn =
                    SqliteConnection::establish(&path.to_string_lossy()).map_err(r2d2::Error::ConnectionError)?;
                // WAL lets readers proceed while one writer commits; the busy timeout makes
                // concurrent writers wait (as long as a statement may take) instead of failing.
                let busy = self.timeouts.statement.unwrap_or(Duration::from_secs(5)).as_millis();
                conn.batch_execute(&format!(
                    "PRAGMA busy_timeout = {busy}; PRAGMA journal_mode = WAL; \
                     PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;"
                ))
                .map_err(r2d2::Error::QueryError)?;
                // Writers to this file queue in the process instead of in the busy handler.
                if let Some(file) = main_file(&mut conn).map_err(r2d2::Error::QueryError)? {
                    WriteGate::of(&file, Duration::from_millis(busy as u64));
                }
                Ok(DbConn::Sqlite(conn))
            }
        }
    }

    /// Tested on every checkout, so a connection the database dropped while it sat in the pool
    /// is replaced instead of failing a request. Without a round trip: libpq reads what the
    /// socket holds, and a closed socket is an error.
    fn is_valid(&self, conn: &mut DbConn) -> Result<(), r2d2::Error> {
        if dropped_by_server(conn) {
            return Err(r2d2::Error::QueryError(diesel::result::Error::DatabaseError(
                diesel::result::DatabaseErrorKind::ClosedConnection,
                Box::new("the database closed the connection".to_owned()),
            )));
        }
        Ok(())
    }

    // A connection whose transaction broke or whose socket the database closed is discarded when
    // it returns to the pool, so the pool heals by itself once the database is back.
    fn has_broken(&self, conn: &mut DbConn) -> bool {
        std::thread::panicking() || r2d2::R2D2Connection::is_broken(conn) || dropped_by_server(conn)
    }
}

/// Whether a PostgreSQL connection is closed (reading what its socket holds, without waiting).
fn dropped_by_server(conn: &mut DbConn) -> bool {
    match conn {
        DbConn::Postgres(c) => matches!(c.notifications_iter().next(), Some(Err(_))),
        DbConn::Sqlite(_) => false,
    }
}

pub fn ping(conn: &mut DbConn) -> diesel::QueryResult<()> {
    diesel::sql_query("SELECT 1").execute(conn).map(|_| ())
}

/// The pool of the command line and of tests' set-up: no statement limit.
pub fn pool(url: &DatabaseUrl, max_size: u32) -> anyhow::Result<DbPool> {
    pool_with(url, max_size, DbTimeouts::default().unbounded())
}

/// The one way every subcommand opens the database. Builds the pool without waiting for the
/// database: `/readyz` reports it when it is down, and the pool reconnects by itself when it comes
/// back. A SQLite file's folder is created first: SQLite creates the file but not its folder, so
/// on a fresh clone (no `./data/` yet) whichever subcommand runs first would otherwise fail with
/// "unable to open database file" after the pool's retries.
pub fn pool_with(url: &DatabaseUrl, max_size: u32, timeouts: DbTimeouts) -> anyhow::Result<DbPool> {
    if let DatabaseUrl::Sqlite(path) = url
        && let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
    {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {} (DATABASE_URL)", dir.display()))?;
    }
    let pool = Pool::builder()
        .max_size(max_size)
        .min_idle(Some(0))
        .connection_timeout(timeouts.connect)
        .test_on_check_out(true)
        .build_unchecked(DbManager { url: url.clone(), timeouts });
    Ok(DbPool { pool, timeouts })
}

/// Whether a database error means the database could not be reached or did not answer in time
/// (an outage: 503), rather than a bug in a query (500).
pub fn is_connection_error(e: &diesel::result::Error) -> bool {
    use diesel::result::{DatabaseErrorKind, Error};
    match e {
        // "no connection to the server", "server closed the connection unexpectedly", …
        Error::DatabaseError(DatabaseErrorKind::ClosedConnection | DatabaseErrorKind::UnableToSendCommand, _) => true,
        // SQLite waited the statement timeout for another writer's lock.
        Error::DatabaseError(_, info) => {
            let m = info.message();
            m.starts_with("database is locked") || m.starts_with("database table is locked")
        }
        // A rollback that could not reach the database.
        Error::BrokenTransactionManager => true,
        Error::RollbackErrorOnCommit { commit_error, .. } => is_connection_error(commit_error),
        _ => false,
    }
}

/// Applies the pending migrations of the connection's dialect; returns how many ran.
pub fn migrate(conn: &mut DbConn) -> anyhow::Result<usize> {
    setup_lock(conn, |conn| {
        let applied = match conn {
            DbConn::Sqlite(c) => c.run_pending_migrations(SQLITE_MIGRATIONS),
            DbConn::Postgres(c) => c.run_pending_migrations(POSTGRES_MIGRATIONS),
        }
        .map_err(|e| anyhow::anyhow!("migration failed: {e}"))?;
        Ok(applied.len())
    })
}

/// Runs `f` while no other instance sets the database up. Instances started together on a new
/// PostgreSQL database (a balanced deployment's first start) would otherwise both run the
/// migrations, or both make the national admin, and all but one would fail to start. A session
/// advisory lock: re-entrant for one connection, released if the process dies. SQLite's file has
/// one instance; its writers queue anyway.
pub fn setup_lock<T>(conn: &mut DbConn, f: impl FnOnce(&mut DbConn) -> anyhow::Result<T>) -> anyhow::Result<T> {
    /// Any constant, the same in every instance ("zhuxiang" in ASCII, as a number).
    const SETUP: i64 = 0x7a68_7578_6961_6e67;
    if !matches!(conn, DbConn::Postgres(_)) {
        return f(conn);
    }
    diesel::sql_query(format!("SELECT pg_advisory_lock({SETUP})")).execute(conn)?;
    let result = f(conn);
    diesel::sql_query(format!("SELECT pg_advisory_unlock({SETUP})")).execute(conn)?;
    result
}

/// How many migrations of this binary the database has not had yet.
pub fn pending_migrations(conn: &mut DbConn) -> anyhow::Result<usize> {
    let pending = match conn {
        DbConn::Sqlite(c) => c.pending_migrations(SQLITE_MIGRATIONS).map(|m| m.len()),
        DbConn::Postgres(c) => c.pending_migrations(POSTGRES_MIGRATIONS).map(|m| m.len()),
    }
    .map_err(|e| anyhow::anyhow!("cannot read the applied migrations: {e}"))?;
    Ok(pending)
}

/// A transaction that writes. On SQLite it starts with `BEGIN IMMEDIATE`: a deferred
/// transaction that reads first cannot upgrade to a writer once another connection has committed
/// (SQLITE_BUSY_SNAPSHOT in WAL mode, which the busy timeout does not wait out), so concurrent
/// writes would fail instead of queueing. PostgreSQL needs nothing special. Inside an open
/// transaction it is a savepoint. It does not commit for a request that already gave up
/// waiting (`work::abandoned`): that client was told 503 and will retry.
pub fn write_transaction<T, E, F>(conn: &mut DbConn, f: F) -> Result<T, E>
where
    F: FnOnce(&mut DbConn) -> Result<T, E>,
    E: From<diesel::result::Error>,
{
    if in_transaction(conn) {
        return conn.transaction(f);
    }
    let _turn = begin_write(conn)?;
    match f(conn) {
        Ok(value) => {
            commit(conn)?;
            Ok(value)
        }
        Err(e) => {
            let _ = rollback(conn);
            Err(e)
        }
    }
}

pub fn in_transaction(conn: &mut DbConn) -> bool {
    use diesel::connection::TransactionManager;
    <DbConn as Connection>::TransactionManager::transaction_manager_status_mut(conn)
        .transaction_depth()
        .is_ok_and(|d| d.is_some())
}

/// Opens a write transaction (`BEGIN IMMEDIATE` on SQLite, see `write_transaction`). On SQLite
/// the writer first waits for its turn in the file's line (`write_gate`); the transaction must
/// end before the turn it returns is dropped.
pub fn begin_write(conn: &mut DbConn) -> diesel::QueryResult<Option<WriteTurn>> {
    use diesel::connection::{AnsiTransactionManager, TransactionManager};
    match conn {
        DbConn::Sqlite(c) => {
            let turn = match main_file(c)?.and_then(|file| WriteGate::existing(&file)) {
                Some(gate) => Some(gate.enter().ok_or_else(|| {
                    diesel::result::Error::DatabaseError(
                        diesel::result::DatabaseErrorKind::Unknown,
                        Box::new("database is locked (waited for the writers ahead)".to_owned()),
                    )
                })?),
                None => None,
            };
            AnsiTransactionManager::begin_transaction_sql(c, "BEGIN IMMEDIATE")?;
            Ok(turn)
        }
        DbConn::Postgres(c) => AnsiTransactionManager::begin_transaction(c).map(|()| None),
    }
}

/// The file of a SQLite connection's main database; `None` for an in-memory one.
fn main_file(conn: &mut SqliteConnection) -> diesel::QueryResult<Option<String>> {
    #[derive(diesel::QueryableByName)]
    struct File {
        #[diesel(sql_type = diesel::sql_types::Text)]
        file: String,
    }
    let row: File = diesel::sql_query("SELECT file FROM pragma_database_list WHERE name = 'main'").get_result(conn)?;
    Ok(Some(row.file).filter(|f| !f.is_empty()))
}

/// Commits the open transaction, unless the request it belongs to has given up: then it rolls
/// back and says the database did not answer in time.
pub fn commit(conn: &mut DbConn) -> diesel::QueryResult<()> {
    use diesel::connection::{AnsiTransactionManager, TransactionManager};
    if work::abandoned() {
        let _ = rollback(conn);
        return Err(diesel::result::Error::DatabaseError(
            diesel::result::DatabaseErrorKind::UnableToSendCommand,
            Box::new("the request stopped waiting for the database; not committed".to_owned()),
        ));
    }
    match conn {
        DbConn::Sqlite(c) => AnsiTransactionManager::commit_transaction(c),
        DbConn::Postgres(c) => AnsiTransactionManager::commit_transaction(c),
    }
}

pub fn rollback(conn: &mut DbConn) -> diesel::QueryResult<()> {
    use diesel::connection::{AnsiTransactionManager, TransactionManager};
    match conn {
        DbConn::Sqlite(c) => AnsiTransactionManager::rollback_transaction(c),
        DbConn::Postgres(c) => AnsiTransactionManager::rollback_transaction(c),
    }
}

pub fn is_unique_violation(err: &diesel::result::Error) -> bool {
    matches!(err, diesel::result::Error::DatabaseError(diesel::result::DatabaseErrorKind::UniqueViolation, _))
}

/// Multi-row `INSERT … VALUES (…), (…)`: diesel's multi-backend connection cannot express it,
/// so it runs on the concrete connection. Used by bulk seeding.
#[macro_export]
macro_rules! batch_insert {
    ($conn:expr, $table:expr, $rows:expr) => {
        match $conn {
            $crate::db::DbConn::Sqlite(c) => diesel::insert_into($table).values($rows).execute(c),
            $crate::db::DbConn::Postgres(c) => diesel::insert_into($table).values($rows).execute(c),
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn libpq_gets_the_timeouts_unless_the_url_sets_them() {
        let t = DbTimeouts {
            connect: Duration::from_millis(1500),
            statement: Some(Duration::from_secs(5)),
            keepalive: Duration::from_secs(9),
        };
        assert_eq!(
            with_libpq_timeouts("postgres://u@db/zx", &t),
            "postgres://u@db/zx?connect_timeout=2&keepalives=1&keepalives_idle=9&keepalives_interval=3\
             &keepalives_count=3&tcp_user_timeout=18000"
        );
        let own = with_libpq_timeouts("postgres://u@db/zx?sslmode=require&connect_timeout=30", &t);
        assert!(own.starts_with("postgres://u@db/zx?sslmode=require&connect_timeout=30&keepalives=1"), "{own}");
        assert_eq!(own.matches("connect_timeout").count(), 1);
    }

    #[test]
    fn outages_are_told_from_bugs() {
        use diesel::result::{DatabaseErrorKind, Error};
        let db = |kind, m: &str| Error::DatabaseError(kind, Box::new(m.to_owned()));
        assert!(is_connection_error(&db(DatabaseErrorKind::UnableToSendCommand, "no connection to the server")));
        assert!(is_connection_error(&db(DatabaseErrorKind::ClosedConnection, "server closed the connection")));
        assert!(is_connection_error(&db(DatabaseErrorKind::Unknown, "database is locked")));
        assert!(is_connection_error(&Error::BrokenTransactionManager));
        assert!(!is_connection_error(&db(DatabaseErrorKind::UniqueViolation, "duplicate key")));
        assert!(!is_connection_error(&db(DatabaseErrorKind::Unknown, "syntax error at or near")));
        assert!(!is_connection_error(&Error::NotFound));
    }
}
