//! The notifications' part of the daily sweep (`jobs::daily`): the notices no single change
//! causes (projects gone stale, a case's collection closing within 14 days). Nobody is told the
//! same twice within a week, so a sweep run again after a takeover writes nothing new.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use super::model::NotificationKind;
use super::send::{self, Notice, To, notify_quietly};
use crate::db::schema::{case_collections, cases};
use crate::domain::case::{CaseStatus, CollectionStatus};
use crate::db::sql::{Bind, Dynamic};
use crate::db::DbConn;
use crate::domain::project::{ProjectStatus, STALE_DAYS};
use crate::domain::{Consent, Role};
use crate::error::ApiResult;

/// A stale-projects notice is not repeated for a week after the last one, read or not.
const QUIET_DAYS: i64 = 7;

/// The notices due as of `now` (the demo seed runs it once too): returns how many were written.
pub fn sweep(conn: &mut DbConn, now: NaiveDateTime) -> ApiResult<usize> {
    Ok(stale_projects(conn, now)? + deadlines(conn, now)?)
}

/// The organizations with open projects (their own, accepted) that had no update for 90 days,
/// and how many: `SELECT organization_id, n …` over `projects`.
fn stale_counts(q: &mut Dynamic, cut: NaiveDateTime) {
    q.push(
        "SELECT project_organizations.organization_id AS organization_id, COUNT(*) AS n FROM projects \
         JOIN project_organizations ON project_organizations.project_id = projects.id \
         WHERE project_organizations.consent = ",
    );
    q.bind(Bind::Text(Consent::Accepted.as_str().into())).push(" AND projects.status IN ");
    q.bind_list(ProjectStatus::OPEN.iter().map(|s| Bind::Text(s.as_str().into())));
    q.push(" AND projects.last_activity_at < ").bind(Bind::Timestamp(cut));
    q.push(" GROUP BY project_organizations.organization_id");
}

/// One notice per member of each organization with stale projects, carrying how many (it links
/// to the organization's projects, stale only); not repeated within a week. The notices of
/// organizations with none stale any more are settled.
fn stale_projects(conn: &mut DbConn, now: NaiveDateTime) -> ApiResult<usize> {
    let cut = now - chrono::Duration::days(STALE_DAYS);
    let kind = NotificationKind::ProjectsStale;
    let mut settled = Dynamic::new(conn);
    settled.push("UPDATE notifications SET read_at = ").bind(Bind::Timestamp(now));
    settled.push(", changed_at = ").bind(Bind::Timestamp(now));
    settled.push(" WHERE read_at IS NULL AND kind = ").bind(Bind::Text(kind.as_str().into()));
    settled.push(" AND entity_id NOT IN (SELECT organization_id FROM (");
    stale_counts(&mut settled, cut);
    settled.push(") still)");
    settled.execute(conn)?;

    let mut q = Dynamic::new(conn);
    send::insert_head(&mut q, kind, "organization");
    q.push("s.organization_id, organizations.name, s.n, ").bind(Bind::Timestamp(now)).push(", ").bind(Bind::Timestamp(now));
    q.push(" FROM (");
    stale_counts(&mut q, cut);
    q.push(
        ") s JOIN organizations ON organizations.id = s.organization_id \
         JOIN users ON users.organization_id = s.organization_id AND users.role = ",
    );
    q.bind(Bind::Text(Role::OrgMember.as_str().into())).push(" AND users.disabled = ").bind(Bind::Bool(false));
    q.push(" WHERE 1 = 1");
    send::not_told_since(&mut q, kind, now - chrono::Duration::days(QUIET_DAYS), |q| {
        q.push("s.organization_id");
    });
    q.push(send::ON_CONFLICT);
    Ok(q.execute(conn)?)
}

/// A deadline is told this many days ahead.
const DEADLINE_DAYS: i64 = 14;

/// One notice per member of an organization with a case still to submit (a draft, or returned)
/// to a collection that closes within 14 days, carrying the days left.
fn deadlines(conn: &mut DbConn, now: NaiveDateTime) -> ApiResult<usize> {
    let today = crate::clock::in_china(now).date();
    let due: Vec<(String, String, String, NaiveDate)> = cases::table
        .inner_join(case_collections::table.on(case_collections::id.eq(cases::collection_id)))
        .filter(case_collections::status.eq(CollectionStatus::Open))
        .filter(case_collections::deadline.between(today, today + chrono::Duration::days(DEADLINE_DAYS)))
        .filter(cases::status.eq_any([CaseStatus::Draft, CaseStatus::Returned]))
        .select((cases::id, cases::title, cases::organization_id, case_collections::deadline))
        .load(conn)?;
    let quiet = now - chrono::Duration::days(QUIET_DAYS);
    let mut told = 0;
    for (id, title, org, deadline) in &due {
        let notice = Notice { amount: (*deadline - today).num_days(), ..Notice::new(NotificationKind::DeadlineSoon, "case", id, title) };
        told += notify_quietly(conn, To::OrgMembers(org), notice, now, quiet)?;
    }
    Ok(told)
}
