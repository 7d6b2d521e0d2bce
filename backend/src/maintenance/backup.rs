//! `zhuxiang backup --to FILE` and `zhuxiang restore --from FILE`.
//!
//! SQLite: SQLite's online backup API, while the service serves. The whole database is copied in
//! one step, which reads it in one read transaction: in WAL mode writers go on meanwhile, and the
//! backup is the database as of one commit (never half of a write). The file is written beside
//! its name and renamed when complete, so an interrupted backup never leaves a truncated file
//! under the name a restore would use.
//!
//! PostgreSQL: `pg_dump --format=custom` and `pg_restore`, the tools made for it; without them
//! the error names the commands to run.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use rusqlite::OpenFlags;
use rusqlite::backup::{Backup, StepResult};

use crate::config::DatabaseUrl;

pub struct Done {
    pub bytes: u64,
    pub elapsed: Duration,
}

const SQLITE_HEADER: &[u8] = b"SQLite format 3\0";
const PG_DUMP_HEADER: &[u8] = b"PGDMP";

pub fn backup(database: &DatabaseUrl, to: &Path) -> anyhow::Result<Done> {
    let started = Instant::now();
    let partial = partial_name(to);
    let result = match database {
        DatabaseUrl::Sqlite(path) => {
            anyhow::ensure!(path.exists(), "{} does not exist (DATABASE_URL)", path.display());
            sqlite_copy(path, &partial, Direction::Backup)
        }
        DatabaseUrl::Postgres(url) => run_tool(
            Command::new("pg_dump").args(["--format=custom", "--no-owner", "--file"]).arg(&partial).arg(url),
            "pg_dump",
        ),
    };
    if let Err(e) = result {
        let _ = std::fs::remove_file(&partial);
        return Err(e);
    }
    std::fs::rename(&partial, to).with_context(|| format!("cannot write {}", to.display()))?;
    let bytes = std::fs::metadata(to)?.len();
    Ok(Done { bytes, elapsed: started.elapsed() })
}

/// Restores FILE into the database, which must hold no data unless `force`; then applies the
/// migrations a backup made by an older version lacks.
pub fn restore(database: &DatabaseUrl, from: &Path, force: bool) -> anyhow::Result<Done> {
    let started = Instant::now();
    let mut header = [0u8; 16];
    let read = {
        use std::io::Read;
        let mut file = std::fs::File::open(from).with_context(|| format!("cannot read {}", from.display()))?;
        file.read(&mut header)?
    };
    let sqlite_file = if header[..read].starts_with(SQLITE_HEADER) {
        true
    } else if header[..read].starts_with(PG_DUMP_HEADER) {
        false
    } else {
        bail!("{} is not a zhuxiang backup (neither a SQLite database nor a pg_dump archive)", from.display());
    };
    match database {
        DatabaseUrl::Sqlite(_) if !sqlite_file => bail!(
            "{} is a PostgreSQL backup (pg_dump), and DATABASE_URL is a SQLite file: restore it into PostgreSQL",
            from.display()
        ),
        DatabaseUrl::Postgres(_) if sqlite_file => bail!(
            "{} is a SQLite backup, and DATABASE_URL is PostgreSQL: restore it into a SQLite file, then move it \
             with `zhuxiang copy-database`",
            from.display()
        ),
        DatabaseUrl::Sqlite(path) => {
            check_sqlite_backup(from)?;
            // Made empty if missing; the backup brings its own schema.
            let mut conn = super::connect(database, "target")?;
            super::require_empty(&mut conn, "database", force)?;
            drop(conn);
            sqlite_copy(from, path, Direction::Restore)?;
        }
        DatabaseUrl::Postgres(url) => {
            let mut conn = super::connect(database, "target")?;
            super::require_empty(&mut conn, "database", force)?;
            drop(conn);
            run_tool(
                Command::new("pg_restore")
                    .args(["--clean", "--if-exists", "--no-owner", "--single-transaction", "--exit-on-error"])
                    .arg(format!("--dbname={url}"))
                    .arg(from),
                "pg_restore",
            )?;
        }
    }
    let mut conn = super::open(database, "restored", true)?;
    crate::db::ping(&mut conn)?;
    Ok(Done { bytes: std::fs::metadata(from)?.len(), elapsed: started.elapsed() })
}

fn partial_name(to: &Path) -> PathBuf {
    let mut name = to.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    name.push(".partial");
    to.with_file_name(name)
}

fn run_tool(command: &mut Command, tool: &str) -> anyhow::Result<()> {
    let out = match command.output() {
        Ok(out) => out,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => bail!(
            "{tool} is not installed (Debian: apt-get install postgresql-client); the README's section \
             \"Backup and restore\" gives the commands to run by hand"
        ),
        Err(e) => return Err(e).with_context(|| format!("cannot run {tool}")),
    };
    if !out.status.success() {
        bail!("{tool} failed: {}", String::from_utf8_lossy(&out.stderr).trim());
    }
    Ok(())
}

enum Direction {
    /// A live database into a new file.
    Backup,
    /// A backup file into the database (whose other connections see the restored data at once).
    Restore,
}

/// Copies the main database of `from` into `to` with the backup API, in one step (one snapshot).
fn sqlite_copy(from: &Path, to: &Path, direction: Direction) -> anyhow::Result<()> {
    let source = rusqlite::Connection::open_with_flags(from, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .with_context(|| format!("cannot open {}", from.display()))?;
    source.busy_timeout(Duration::from_secs(30))?;
    let mut target = rusqlite::Connection::open(to).with_context(|| format!("cannot open {}", to.display()))?;
    target.busy_timeout(Duration::from_secs(30))?;
    {
        let copy = Backup::new(&source, &mut target)?;
        loop {
            match copy.step(-1).context("the copy failed")? {
                StepResult::Done => break,
                StepResult::More => {}
                // A writer held the lock past the busy timeout: try again.
                _ => std::thread::sleep(Duration::from_millis(100)),
            }
        }
    }
    if let Direction::Backup = direction {
        // One self-contained file: no -wal beside it to lose.
        target.execute_batch("PRAGMA journal_mode = DELETE")?;
    }
    Ok(())
}

/// A backup file is a whole zhuxiang database before anything is overwritten with it.
fn check_sqlite_backup(file: &Path) -> anyhow::Result<()> {
    let conn = rusqlite::Connection::open_with_flags(file, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .with_context(|| format!("cannot open {}", file.display()))?;
    conn.query_row("SELECT COUNT(*) FROM __diesel_schema_migrations", [], |r| r.get::<_, i64>(0))
        .with_context(|| format!("{} is a SQLite database but not a zhuxiang one", file.display()))?;
    let verdict: String = conn.query_row("PRAGMA quick_check", [], |r| r.get(0))?;
    anyhow::ensure!(
        verdict == "ok",
        "{} is damaged (PRAGMA quick_check: {verdict}): it was not restored",
        file.display()
    );
    Ok(())
}
