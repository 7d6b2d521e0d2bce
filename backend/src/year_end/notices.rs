//! What a year-end report asks of people, as notices (`notifications`): once one department has
//! signed, the other department's officers are asked to sign; a returned report waits for the
//! province; a reminder from the nation waits until the province submits.

use super::model::ReportRow;
use super::store::ENTITY;
use crate::auth::Caller;
use crate::db::DbConn;
use crate::domain::Department;
use crate::domain::year_end::ReportStatus;
use crate::error::ApiResult;
use crate::notifications::{Notice, NotificationKind as Kind, To, notify, settle};

/// The entity a reminder is about: the province's report of a year, which may not exist yet.
pub const DUE_ENTITY: &str = "year_end_year";

pub fn due_id(year: i64, province: &str) -> String {
    format!("{year}:{province}")
}

fn subject(row: &ReportRow, province_name: &str) -> String {
    format!("{province_name} {} 年度报告", row.year)
}

/// After a signature: the departments that have not signed are asked to; once both have, the ask is settled.
pub fn signed(conn: &mut DbConn, caller: &Caller, row: &ReportRow, province_name: &str, signed: &[Department]) -> ApiResult<()> {
    settle(conn, &[Kind::ReportToSign], &row.id, Some(To::User(&caller.actor_id)), caller.now)?;
    let subject = subject(row, province_name);
    for d in Department::ALL.iter().filter(|d| !signed.contains(d)) {
        notify(conn, caller, To::ProvincialDepartment(&row.province_code, *d), Notice::new(Kind::ReportToSign, ENTITY, &row.id, &subject))?;
    }
    if Department::ALL.iter().all(|d| signed.contains(d)) {
        settle(conn, &[Kind::ReportToSign], &row.id, None, caller.now)?;
    }
    Ok(())
}

/// After an edit removed the signatures: nobody is asked to sign a text that changed.
pub fn signatures_cleared(conn: &mut DbConn, caller: &Caller, row: &ReportRow) -> ApiResult<()> {
    settle(conn, &[Kind::ReportToSign], &row.id, None, caller.now)?;
    Ok(())
}

/// After a move to `row.status`.
pub fn moved(conn: &mut DbConn, caller: &Caller, row: &ReportRow, province_name: &str) -> ApiResult<()> {
    match row.status {
        ReportStatus::Submitted => {
            settle(conn, &[Kind::ReportToSign, Kind::ReportReturned], &row.id, None, caller.now)?;
            settle(conn, &[Kind::ReportDue], &due_id(row.year, &row.province_code), None, caller.now)?;
        }
        ReportStatus::Returned => {
            let subject = subject(row, province_name);
            notify(conn, caller, To::ProvincialOfficers(&row.province_code), Notice::new(Kind::ReportReturned, ENTITY, &row.id, &subject))?;
        }
        ReportStatus::Draft | ReportStatus::Accepted => {}
    }
    Ok(())
}

/// A reminder to a province of its report of `year`; returns the officers told.
pub fn remind(conn: &mut DbConn, caller: &Caller, year: i64, province: &str, province_name: &str) -> ApiResult<usize> {
    let id = due_id(year, province);
    let subject = format!("{province_name} {year} 年度报告");
    notify(conn, caller, To::ProvincialOfficers(province), Notice::new(Kind::ReportDue, DUE_ENTITY, &id, &subject))
}
