//! `zhuxiang copy-database --from sqlite://… --to postgres://…`: moves a SQLite database into
//! PostgreSQL, every table, and proves the copy by row counts and a checksum per table.
//!
//! The source is read in one read transaction, so a service still writing to it while the copy
//! runs is copied as of one moment. The target is written and checked in one transaction: a copy
//! that fails half-way, or differs from its source, leaves the target as it was.

use std::io::{IsTerminal, Write};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use diesel::connection::SimpleConnection;
use diesel::sql_types::{BigInt, Text};
use diesel::{Connection, PgConnection, RunQueryDsl, SqliteConnection};

use super::rows::{self, Checksum, Stamps};
use super::tables::{self, Table};
use crate::config::DatabaseUrl;

pub struct Options {
    pub from: String,
    pub to: String,
    /// Replace what the target holds.
    pub force: bool,
    /// Rows per insert.
    pub batch: usize,
}

/// What was copied: per table, its rows and checksum (equal on both sides).
pub struct Report {
    pub tables: Vec<(String, Checksum)>,
    pub elapsed: Duration,
}

impl Report {
    pub fn rows(&self) -> u64 {
        self.tables.iter().map(|(_, c)| c.rows).sum()
    }
}

/// Above this many bytes of rows, a batch is sent even if it has fewer rows than asked
/// (attachments' contents travel in the rows).
const BATCH_BYTES: usize = 8 << 20;

pub fn run(options: &Options) -> anyhow::Result<Report> {
    let started = Instant::now();
    let from = DatabaseUrl::parse(&options.from).context("--from")?;
    let to = DatabaseUrl::parse(&options.to).context("--to")?;
    let (DatabaseUrl::Sqlite(_), DatabaseUrl::Postgres(_)) = (&from, &to) else {
        bail!("copy-database copies a SQLite database (--from sqlite://…) into PostgreSQL (--to postgres://…)");
    };
    anyhow::ensure!(options.batch > 0, "--batch must be at least 1");
    let mut source = super::open(&from, "source", false)?;
    let mut target = super::open(&to, "target", true)?;
    super::require_empty(&mut target, "target", options.force)?;
    let tables = tables::of_postgres(super::postgres(&mut target))?;
    tables::check_source(&mut source, &tables)?;
    let (source, target) = (super::sqlite(&mut source), super::postgres(&mut target));

    // One snapshot of the source for the copy and its check.
    source.batch_execute("BEGIN DEFERRED")?;
    let result = copy_and_verify(source, target, &tables, options.batch);
    let _ = source.batch_execute("COMMIT");
    Ok(Report { tables: result?, elapsed: started.elapsed() })
}

fn copy_and_verify(
    source: &mut SqliteConnection,
    target: &mut PgConnection,
    tables: &[Table],
    batch: usize,
) -> anyhow::Result<Vec<(String, Checksum)>> {
    let counts: Vec<u64> = tables.iter().map(|t| count(source, &t.name)).collect::<anyhow::Result<_>>()?;
    let total: u64 = counts.iter().sum();
    let checked = target.transaction(|target| -> anyhow::Result<_> {
        let names: Vec<String> = tables.iter().map(|t| format!("\"{}\"", t.name)).collect();
        target.batch_execute(&format!("TRUNCATE {} RESTART IDENTITY", names.join(", ")))?;
        let mut progress = Progress::new("copying", total);
        for table in tables {
            copy_table(source, target, table, batch, &mut progress)?;
            for column in table.columns.iter().filter(|c| c.identity) {
                // The next generated value comes after the copied ones.
                target.batch_execute(&format!(
                    "SELECT setval(pg_get_serial_sequence('\"{t}\"', '{c}'), \
                     COALESCE((SELECT MAX(\"{c}\") FROM \"{t}\"), 0) + 1, false)",
                    t = table.name,
                    c = column.name
                ))?;
            }
        }
        progress.done();
        // Checked before the commit: a copy that differs is rolled back with the rest.
        let mut progress = Progress::new("checking", 2 * total);
        let mut checked = Vec::with_capacity(tables.len());
        for (table, &expected) in tables.iter().zip(&counts) {
            let mine = sqlite_checksum(source, table, &mut progress)?;
            let theirs = postgres_checksum(target, table, &mut progress)?;
            if mine != theirs || mine.rows != expected {
                bail!(
                    "{}: the copy differs from the source ({} rows, checksum {mine} against {} rows, checksum \
                     {theirs}); nothing was changed",
                    table.name,
                    mine.rows,
                    theirs.rows
                );
            }
            checked.push((table.name.clone(), mine));
        }
        progress.done();
        Ok(checked)
    })?;
    // Fresh planner statistics for the bulk-loaded tables, as after the national seed.
    tables::analyze_filled(target, tables.iter().map(|t| t.name.clone()))?;
    Ok(checked)
}

#[derive(diesel::QueryableByName)]
struct Row {
    #[diesel(sql_type = BigInt)]
    n: i64,
    #[diesel(sql_type = Text)]
    row: String,
}

fn count(conn: &mut SqliteConnection, table: &str) -> anyhow::Result<u64> {
    let n = diesel::sql_query(format!("SELECT COUNT(*) AS n FROM \"{table}\"")).get_result::<super::Count>(conn)?.n;
    Ok(n as u64)
}

/// Reads `table` from SQLite in rowid order, `limit` rows at a time, handing each page to `page`.
fn sqlite_pages(
    conn: &mut SqliteConnection,
    table: &Table,
    stamps: Stamps,
    limit: usize,
    mut page: impl FnMut(&[Row]) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let select = rows::sqlite_select(table, stamps);
    let mut after = i64::MIN;
    loop {
        let rows: Vec<Row> = diesel::sql_query(&select)
            .bind::<BigInt, _>(after)
            .bind::<BigInt, _>(limit as i64)
            .load(conn)
            .with_context(|| format!("reading {}", table.name))?;
        let Some(last) = rows.last() else { return Ok(()) };
        after = last.n;
        page(&rows)?;
    }
}

fn copy_table(
    source: &mut SqliteConnection,
    target: &mut PgConnection,
    table: &Table,
    batch: usize,
    progress: &mut Progress,
) -> anyhow::Result<()> {
    let insert = rows::postgres_insert(table);
    sqlite_pages(source, table, Stamps::Cut, batch, |rows| {
        let mut sent = 0;
        while sent < rows.len() {
            // A JSON array of the rows, cut where it would pass BATCH_BYTES.
            let mut json = String::from("[");
            let mut taken = 0;
            for row in &rows[sent..] {
                if taken > 0 && json.len() + row.row.len() > BATCH_BYTES {
                    break;
                }
                if taken > 0 {
                    json.push(',');
                }
                json.push_str(&row.row);
                taken += 1;
            }
            json.push(']');
            diesel::sql_query(&insert)
                .bind::<Text, _>(json)
                .execute(target)
                .with_context(|| format!("writing {} (rows after rowid {})", table.name, rows[sent].n - 1))?;
            sent += taken;
            progress.add(&table.name, taken as u64);
        }
        Ok(())
    })
}

fn sqlite_checksum(conn: &mut SqliteConnection, table: &Table, progress: &mut Progress) -> anyhow::Result<Checksum> {
    let mut sum = Checksum::default();
    sqlite_pages(conn, table, Stamps::Stored, 2_000, |rows| {
        for row in rows {
            sum.add(table, &row.row)?;
        }
        progress.add(&table.name, rows.len() as u64);
        Ok(())
    })?;
    Ok(sum)
}

#[derive(diesel::QueryableByName)]
struct JsonRow {
    #[diesel(sql_type = Text)]
    row: String,
}

fn postgres_checksum(conn: &mut PgConnection, table: &Table, progress: &mut Progress) -> anyhow::Result<Checksum> {
    conn.transaction(|conn| {
        conn.batch_execute(&format!("DECLARE zx_rows NO SCROLL CURSOR FOR {}", rows::postgres_select(table)))?;
        let mut sum = Checksum::default();
        loop {
            let rows: Vec<JsonRow> = diesel::sql_query("FETCH 2000 FROM zx_rows").load(conn)?;
            if rows.is_empty() {
                break;
            }
            for row in &rows {
                sum.add(table, &row.row)?;
            }
            progress.add(&table.name, rows.len() as u64);
        }
        conn.batch_execute("CLOSE zx_rows")?;
        Ok(sum)
    })
}

/// A progress line on standard error: redrawn in place on a terminal, a line every 10 % in a
/// log.
struct Progress {
    what: &'static str,
    total: u64,
    done: u64,
    shown: Instant,
    tenth: u64,
    terminal: bool,
}

impl Progress {
    fn new(what: &'static str, total: u64) -> Self {
        Self { what, total, done: 0, shown: Instant::now(), tenth: 0, terminal: std::io::stderr().is_terminal() }
    }

    fn add(&mut self, table: &str, rows: u64) {
        self.done += rows;
        let percent = (self.done * 100).checked_div(self.total).unwrap_or(100);
        let line = format!("{} {}/{} rows ({percent} %) — {table}", self.what, self.done, self.total);
        if self.terminal {
            if self.shown.elapsed() >= Duration::from_millis(200) {
                eprint!("\r\x1b[K{line}");
                let _ = std::io::stderr().flush();
                self.shown = Instant::now();
            }
        } else if percent / 10 > self.tenth {
            self.tenth = percent / 10;
            eprintln!("{line}");
        }
    }

    fn done(&self) {
        if self.terminal {
            eprintln!("\r\x1b[K{} {} rows: done", self.what, self.total);
        }
    }
}
