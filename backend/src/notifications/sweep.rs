//! The daily sweep: the notices no single change causes (projects gone stale, a case's
//! collection closing within 14 days), written once a
//! day however many instances serve. Every instance looks now and then (`start`); the one whose
//! `UPDATE sweeps … WHERE last_day < today` moves the day runs the sweep in the same transaction,
//! the others find the day taken and skip. A sweep that fails rolls its claim back, so a later
//! look (on any instance) runs it again.

use std::time::Duration;

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use super::model::NotificationKind;
use super::send::{self, Notice, To, notify_quietly};
use crate::clock::Clock;
use crate::db::schema::{case_collections, cases, sweeps};
use crate::domain::case::{CaseStatus, CollectionStatus};
use crate::db::sql::{Bind, Dynamic};
use crate::db::{DbConn, DbPool};
use crate::domain::project::{ProjectStatus, STALE_DAYS};
use crate::domain::{Consent, Role};
use crate::error::{ApiError, ApiResult};

const DAILY: &str = "daily";

/// A stale-projects notice is not repeated for a week after the last one, read or not.
const QUIET_DAYS: i64 = 7;

/// What one look did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Swept {
    /// Another instance (or an earlier look) swept today already.
    NotDue,
    /// This look swept, writing this many notices.
    Ran { notified: usize },
}

/// Sweeps if no instance has swept on `now`'s day (China Standard Time) yet.
pub fn run_if_due(pool: &DbPool, now: NaiveDateTime) -> ApiResult<Swept> {
    let mut conn = pool.get()?;
    let today = crate::clock::in_china(now).date();
    crate::db::write_transaction(&mut conn, |conn| {
        let claimed = diesel::update(
            sweeps::table
                .find(DAILY)
                .filter(sweeps::last_day.is_null().or(sweeps::last_day.lt(today))),
        )
        .set((sweeps::last_day.eq(today), sweeps::ran_at.eq(now)))
        .execute(conn)?;
        if claimed == 0 {
            return Ok::<_, ApiError>(Swept::NotDue);
        }
        let notified = sweep(conn, now)?;
        diesel::update(sweeps::table.find(DAILY)).set(sweeps::notified.eq(notified as i64)).execute(conn)?;
        Ok(Swept::Ran { notified })
    })
}

/// The sweep's work, without the claim (the demo seed runs it once): returns the notices written.
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

/// Looks every `every` on a thread of its own (the first look at once), with the service's clock.
/// Every instance runs one; `run_if_due` decides which sweeps.
pub fn start(pool: DbPool, clock: Clock, every: Duration) {
    std::thread::Builder::new()
        .name("daily-sweep".into())
        .spawn(move || {
            loop {
                match run_if_due(&pool, clock.now()) {
                    Ok(Swept::Ran { notified }) => tracing::info!(notified, "daily sweep ran"),
                    Ok(Swept::NotDue) => {}
                    Err(e) => tracing::warn!(error = %e, "daily sweep failed; the next look tries again"),
                }
                std::thread::sleep(every);
            }
        })
        .expect("spawning the sweep thread");
}
