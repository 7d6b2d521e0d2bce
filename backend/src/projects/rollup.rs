//! The statistics platform's maintained aggregates of projects (`project_rollup`,
//! `project_month_rollup`): every write to a project applies its change here in the same
//! transaction, as signed increments, so the statistics family reads a few thousand summed rows
//! instead of scanning a million projects, and concurrent writes never overwrite each other's
//! part (each is an atomic `+=` under the row's lock, on SQLite and PostgreSQL alike).
//!
//! A project counts once in `project_rollup`, in the cell of its county, assistance type,
//! status, docking year and government purchase; its dated figures go to `project_month_rollup`:
//! docked in the month it was created, landed in the month its county confirmed the landing,
//! funds and beneficiaries in the month of each progress update (China Standard Time).
//!
//! Sums are kept in two parts, `hi` (value / 10⁹) and `lo` (value % 10⁹, carried into `hi` on
//! every change), so no number of projects at the largest amounts can overflow a column or a
//! `SUM` (`db::sql::fen_sum_parts` does the same for live sums).

use chrono::{Datelike, NaiveDate, NaiveDateTime};
use diesel::dsl::sql;
use diesel::prelude::*;
use diesel::sql_types::BigInt;
use diesel::upsert::excluded;

use super::model::ProjectRow;
use crate::clock::in_china;
use crate::db::DbConn;
use crate::db::schema::{counties, project_month_rollup as pm, project_rollup as pr, project_updates};
use crate::db::sql::{FUNDS_SPLIT, Prepared};
use crate::domain::AssistanceType;
use crate::domain::project::ProjectStatus;
use crate::error::ApiResult;

/// The docking year of a project created at `at` (UTC).
pub fn docking_year(at: NaiveDateTime) -> i64 {
    i64::from(in_china(at).year())
}

/// The `YYYY-MM` of a UTC time in China.
pub fn month_of(at: NaiveDateTime) -> String {
    in_china(at).format("%Y-%m").to_string()
}

fn month_of_day(day: NaiveDate) -> String {
    day.format("%Y-%m").to_string()
}

/// A signed value split into its carried parts.
fn parts(v: i64) -> (i64, i64) {
    (v / FUNDS_SPLIT, v % FUNDS_SPLIT)
}

/// The SQL of a part column's new value: `hi` takes the carry of the two `lo`s, `lo` keeps the
/// remainder (both sides read the row's values before the update, in SQLite and PostgreSQL).
fn carried(table: &str, hi: &str, lo: &str) -> (String, String) {
    (
        format!("{table}.{hi} + excluded.{hi} + ({table}.{lo} + excluded.{lo}) / {FUNDS_SPLIT}"),
        format!("({table}.{lo} + excluded.{lo}) % {FUNDS_SPLIT}"),
    )
}

/// The cell a project counts in.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Cell {
    county_code: String,
    province_code: String,
    assistance_type: AssistanceType,
    status: ProjectStatus,
    year: i64,
    government_purchase: bool,
}

/// What a project adds to its cell.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Figures {
    projects: i64,
    planned: i64,
    in_place: i64,
    contract: i64,
    ben_planned: i64,
    ben_reached: i64,
}

impl Figures {
    fn negated(self) -> Self {
        Self {
            projects: -self.projects,
            planned: -self.planned,
            in_place: -self.in_place,
            contract: -self.contract,
            ben_planned: -self.ben_planned,
            ben_reached: -self.ben_reached,
        }
    }
}

fn cell_of(row: &ProjectRow) -> Cell {
    Cell {
        county_code: row.county_code.clone(),
        province_code: row.province_code.clone(),
        assistance_type: row.assistance_type,
        status: row.status,
        year: docking_year(row.created_at),
        government_purchase: row.government_purchase,
    }
}

fn figures_of(row: &ProjectRow) -> Figures {
    Figures {
        projects: 1,
        planned: row.planned_funds_fen,
        in_place: row.funds_in_place_fen,
        contract: row.contract_amount_fen.unwrap_or(0),
        ben_planned: row.beneficiaries_planned,
        ben_reached: row.beneficiaries_reached,
    }
}

fn add(conn: &mut DbConn, cell: &Cell, f: Figures) -> ApiResult<()> {
    if f == Figures::default() {
        return Ok(());
    }
    let (planned_hi, planned_lo) = parts(f.planned);
    let (in_place_hi, in_place_lo) = parts(f.in_place);
    let (contract_hi, contract_lo) = parts(f.contract);
    let (ben_planned_hi, ben_planned_lo) = parts(f.ben_planned);
    let (ben_reached_hi, ben_reached_lo) = parts(f.ben_reached);
    let c = |hi, lo| carried("project_rollup", hi, lo);
    let (ph, pl) = c("planned_hi", "planned_lo");
    let (ih, il) = c("in_place_hi", "in_place_lo");
    let (ch, cl) = c("contract_hi", "contract_lo");
    let (bph, bpl) = c("ben_planned_hi", "ben_planned_lo");
    let (brh, brl) = c("ben_reached_hi", "ben_reached_lo");
    let q = diesel::insert_into(pr::table)
        .values((
            pr::county_code.eq(&cell.county_code),
            pr::province_code.eq(&cell.province_code),
            pr::assistance_type.eq(cell.assistance_type.as_str()),
            pr::status.eq(cell.status.as_str()),
            pr::year.eq(cell.year),
            pr::government_purchase.eq(cell.government_purchase),
            pr::projects.eq(f.projects),
            pr::planned_hi.eq(planned_hi),
            pr::planned_lo.eq(planned_lo),
            pr::in_place_hi.eq(in_place_hi),
            pr::in_place_lo.eq(in_place_lo),
            pr::contract_hi.eq(contract_hi),
            pr::contract_lo.eq(contract_lo),
            pr::ben_planned_hi.eq(ben_planned_hi),
            pr::ben_planned_lo.eq(ben_planned_lo),
            pr::ben_reached_hi.eq(ben_reached_hi),
            pr::ben_reached_lo.eq(ben_reached_lo),
        ))
        .on_conflict((pr::county_code, pr::assistance_type, pr::status, pr::year, pr::government_purchase))
        .do_update()
        .set((
            pr::projects.eq(pr::projects + excluded(pr::projects)),
            pr::planned_hi.eq(sql::<BigInt>(&ph)),
            pr::planned_lo.eq(sql::<BigInt>(&pl)),
            pr::in_place_hi.eq(sql::<BigInt>(&ih)),
            pr::in_place_lo.eq(sql::<BigInt>(&il)),
            pr::contract_hi.eq(sql::<BigInt>(&ch)),
            pr::contract_lo.eq(sql::<BigInt>(&cl)),
            pr::ben_planned_hi.eq(sql::<BigInt>(&bph)),
            pr::ben_planned_lo.eq(sql::<BigInt>(&bpl)),
            pr::ben_reached_hi.eq(sql::<BigInt>(&brh)),
            pr::ben_reached_lo.eq(sql::<BigInt>(&brl)),
        ));
    // the same text on every run: kept prepared (see `Prepared`, and why it returns a column)
    let q = Prepared(q.returning(pr::projects));
    crate::on_backend!(conn, |c| q.get_result::<i64>(c))?;
    Ok(())
}

/// The month cell of a project's dated figures.
#[derive(Debug, Clone, PartialEq, Eq)]
struct MonthCell {
    county_code: String,
    province_code: String,
    assistance_type: AssistanceType,
    published: bool,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Dated {
    docked: i64,
    landed: i64,
    funds: i64,
    beneficiaries: i64,
}

fn month_cell_of(row: &ProjectRow) -> MonthCell {
    MonthCell {
        county_code: row.county_code.clone(),
        province_code: row.province_code.clone(),
        assistance_type: row.assistance_type,
        published: row.status.is_published(),
    }
}

fn add_dated(conn: &mut DbConn, cell: &MonthCell, month: &str, d: Dated) -> ApiResult<()> {
    if d == Dated::default() {
        return Ok(());
    }
    let (funds_hi, funds_lo) = parts(d.funds);
    let (ben_hi, ben_lo) = parts(d.beneficiaries);
    let (fh, fl) = carried("project_month_rollup", "funds_hi", "funds_lo");
    let (bh, bl) = carried("project_month_rollup", "ben_hi", "ben_lo");
    let q = diesel::insert_into(pm::table)
        .values((
            pm::county_code.eq(&cell.county_code),
            pm::province_code.eq(&cell.province_code),
            pm::assistance_type.eq(cell.assistance_type.as_str()),
            pm::published.eq(cell.published),
            pm::month.eq(month),
            pm::docked.eq(d.docked),
            pm::landed.eq(d.landed),
            pm::funds_hi.eq(funds_hi),
            pm::funds_lo.eq(funds_lo),
            pm::ben_hi.eq(ben_hi),
            pm::ben_lo.eq(ben_lo),
        ))
        .on_conflict((pm::county_code, pm::assistance_type, pm::published, pm::month))
        .do_update()
        .set((
            pm::docked.eq(pm::docked + excluded(pm::docked)),
            pm::landed.eq(pm::landed + excluded(pm::landed)),
            pm::funds_hi.eq(sql::<BigInt>(&fh)),
            pm::funds_lo.eq(sql::<BigInt>(&fl)),
            pm::ben_hi.eq(sql::<BigInt>(&bh)),
            pm::ben_lo.eq(sql::<BigInt>(&bl)),
        ));
    // the same text on every run: kept prepared (see `Prepared`, and why it returns a column)
    let q = Prepared(q.returning(pm::docked));
    crate::on_backend!(conn, |c| q.get_result::<i64>(c))?;
    Ok(())
}

/// Everything a project has put in the month rollup: docked, landed, and each progress update.
fn dated_of(conn: &mut DbConn, row: &ProjectRow) -> ApiResult<Vec<(String, Dated)>> {
    let mut out = vec![(month_of(row.created_at), Dated { docked: 1, ..Dated::default() })];
    if let Some(at) = row.landing_confirmed_at {
        out.push((month_of(at), Dated { landed: 1, ..Dated::default() }));
    }
    let updates: Vec<(NaiveDate, i64, i64)> = project_updates::table
        .filter(project_updates::project_id.eq(&row.id))
        .select((project_updates::update_date, project_updates::funds_delta_fen, project_updates::beneficiaries_delta))
        .load(conn)?;
    for (day, funds, beneficiaries) in updates {
        out.push((month_of_day(day), Dated { funds, beneficiaries, ..Dated::default() }));
    }
    Ok(out)
}

fn add_all_dated(conn: &mut DbConn, cell: &MonthCell, dated: &[(String, Dated)], sign: i64) -> ApiResult<()> {
    for (month, d) in dated {
        let d = Dated {
            docked: sign * d.docked,
            landed: sign * d.landed,
            funds: sign * d.funds,
            beneficiaries: sign * d.beneficiaries,
        };
        add_dated(conn, cell, month, d)?;
    }
    Ok(())
}

/// Takes the county's row lock before its rollup rows: a project's rows are all in its county
/// (a project never changes county), so two transactions that touch the same rows take this one
/// lock first and cannot deadlock on the rows in opposite orders (a move from one cell to another
/// against a move back, on PostgreSQL). A row lock that writes no new row version (a no-op
/// update did, and every project's write paid for it); SQLite has one writer at a time anyway.
fn lock_county(conn: &mut DbConn, code: &str) -> ApiResult<()> {
    if let DbConn::Postgres(c) = conn {
        counties::table.find(code).select(counties::code).for_no_key_update().load::<String>(c)?;
    }
    Ok(())
}

/// A project was created: docked this month, with no landing and no progress update yet.
pub fn created(conn: &mut DbConn, row: &ProjectRow) -> ApiResult<()> {
    lock_county(conn, &row.county_code)?;
    add(conn, &cell_of(row), figures_of(row))?;
    add_dated(conn, &month_cell_of(row), &month_of(row.created_at), Dated { docked: 1, ..Dated::default() })
}

/// A project changed from `before` to `after` (a patch, a move, a landing).
pub fn changed(conn: &mut DbConn, before: &ProjectRow, after: &ProjectRow) -> ApiResult<()> {
    let (cell_before, cell_after) = (cell_of(before), cell_of(after));
    let (month_before, month_after) = (month_cell_of(before), month_cell_of(after));
    let moved = cell_before != cell_after || figures_of(before) != figures_of(after);
    if !moved && month_before == month_after && before.landing_confirmed_at == after.landing_confirmed_at {
        return Ok(());
    }
    lock_county(conn, &after.county_code)?;
    if moved {
        add(conn, &cell_before, figures_of(before).negated())?;
        add(conn, &cell_after, figures_of(after))?;
    }
    if month_before != month_after {
        // Its whole dated history moves to the other cell.
        let dated = dated_of(conn, after)?;
        let landing_before: Vec<(String, Dated)> = dated
            .iter()
            .filter(|(_, d)| d.landed == 0)
            .cloned()
            .chain(before.landing_confirmed_at.map(|at| (month_of(at), Dated { landed: 1, ..Dated::default() })))
            .collect();
        add_all_dated(conn, &month_before, &landing_before, -1)?;
        add_all_dated(conn, &month_after, &dated, 1)?;
    } else if before.landing_confirmed_at != after.landing_confirmed_at {
        let landed = Dated { landed: 1, ..Dated::default() };
        if let Some(at) = before.landing_confirmed_at {
            add_dated(conn, &month_before, &month_of(at), Dated { landed: -1, ..Dated::default() })?;
        }
        if let Some(at) = after.landing_confirmed_at {
            add_dated(conn, &month_after, &month_of(at), landed)?;
        }
    }
    Ok(())
}

/// A progress update of `row` (as it is after the update's sums), dated `day`, added these.
pub fn progressed(conn: &mut DbConn, row: &ProjectRow, day: NaiveDate, funds: i64, beneficiaries: i64) -> ApiResult<()> {
    lock_county(conn, &row.county_code)?;
    add(conn, &cell_of(row), Figures { in_place: funds, ben_reached: beneficiaries, ..Figures::default() })?;
    add_dated(conn, &month_cell_of(row), &month_of_day(day), Dated { funds, beneficiaries, ..Dated::default() })
}

/// Recounts both rollups from the projects and their updates: after a bulk load (`seed-demo`),
/// and as the reference the tests compare the maintained rows with. The statements are the
/// migration's own (it filled the rollups from the projects recorded before it), so the two
/// cannot count differently.
pub fn rebuild(conn: &mut DbConn) -> ApiResult<()> {
    use diesel::connection::SimpleConnection;
    const MARK: &str = "-- The projects already recorded.";
    let migration = match conn {
        DbConn::Sqlite(_) => include_str!("../../../migrations/sqlite/2026-12-02-000100_statistics/up.sql"),
        DbConn::Postgres(_) => include_str!("../../../migrations/postgres/2026-12-02-000100_statistics/up.sql"),
    };
    let recount = migration.split_once(MARK).map(|(_, tail)| tail).unwrap_or_default();
    conn.batch_execute(&format!("DELETE FROM project_month_rollup; DELETE FROM project_rollup; {recount}"))?;
    Ok(())
}
