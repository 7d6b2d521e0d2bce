//! The daily sweep: work no single request causes, done once a day however many instances serve
//! — the notices of stale projects and closing deadlines, and forgetting what is kept only for a
//! while (finished jobs, old webhook deliveries). A family registers its part with
//! `r.daily(name, task)`; the sweep runs every part.
//!
//! Every instance looks now and then (`start`); the one whose `UPDATE sweeps … WHERE last_day <
//! today` moves the day queues the sweep as a background job (`JobKind::DailySweep`) in the
//! same transaction, the others find the day taken and skip. So the sweep survives the instance
//! that claimed it: if that instance dies mid-sweep, another takes the job over when its lease
//! runs out. Each part runs in a transaction of its own and must be safe to run twice (the
//! notices tell nobody twice within a week; a purge finds nothing left). A sweep that fails gives
//! the day back, so a later look (on any instance) queues it again.

use std::sync::Arc;
use std::time::Duration;

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::model::JobKind;
use super::worker::{Handler, JobRun, Queue};
use crate::clock::Clock;
use crate::db::schema::sweeps;
use crate::db::DbPool;
use crate::error::{ApiError, ApiResult};

const DAILY: &str = "daily";

/// The jobs' author: nobody asked for the sweep (national admins see its job).
const SWEEPER: &str = "platform:daily-sweep";

pub use super::worker::DailyTask as Task;

/// What one look did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Swept {
    /// Another instance (or an earlier look) claimed today already.
    NotDue,
    /// This look claimed today and queued the sweep as this job.
    Queued { job_id: String },
}

/// What the sweep job is given: the instant it sweeps as (the claiming look's), so that a run
/// after a takeover counts the same days as the first.
#[derive(serde::Serialize, serde::Deserialize)]
struct SweepInput {
    now: NaiveDateTime,
}

/// Queues today's sweep if no instance has claimed `now`'s day (China Standard Time) yet.
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
        let job = super::store::enqueue_at(conn, JobKind::DailySweep, SWEEPER, now, None, &SweepInput { now })?;
        Ok(Swept::Queued { job_id: job.id })
    })
}

/// A day's sweep is queued again after it failed, at most this many times in all.
const TRIES_A_DAY: i64 = 3;

/// The sweep job's handler over the registered parts (`families::job_handlers`): reports
/// `{"day", "done": {part: rows}}`. Every part runs, in its own transaction, even after one
/// failed; the job then fails naming the parts that did.
pub fn handler(tasks: Vec<(&'static str, Task)>) -> Handler {
    Arc::new(move |run: &JobRun, input: serde_json::Value| {
        let SweepInput { now } = serde_json::from_value(input).map_err(|e| format!("the sweep's input: {e}"))?;
        let mut conn = run.pool.get().map_err(|e| e.to_string())?;
        let (mut done, mut failed) = (serde_json::Map::new(), Vec::new());
        for (name, task) in &tasks {
            match crate::db::write_transaction(&mut conn, |conn| task(conn, now)) {
                Ok(rows) => {
                    done.insert((*name).to_owned(), rows.into());
                }
                Err(e) => {
                    tracing::error!(part = name, error = %format!("{e:#}"), "a part of the daily sweep failed");
                    failed.push(format!("{name}: {e}"));
                }
            }
        }
        if !failed.is_empty() {
            give_back(&mut conn, now);
            return Err(failed.join("; "));
        }
        let notified = done.get("notifications").and_then(serde_json::Value::as_i64).unwrap_or(0);
        diesel::update(sweeps::table.find(DAILY)).set(sweeps::notified.eq(notified)).execute(&mut conn).map_err(|e| e.to_string())?;
        run.progress(1, 1);
        Ok(serde_json::json!({"day": crate::clock::in_china(now).date(), "done": done}))
    })
}

/// A failed sweep's day is claimable again, so a later look queues it anew — unless it failed
/// `TRIES_A_DAY` times already (this one included): a part that always fails is retried
/// tomorrow, not every few minutes.
fn give_back(conn: &mut crate::db::DbConn, now: NaiveDateTime) {
    let today = crate::clock::in_china(now).date();
    let failed_today = super::store::failed_since(conn, JobKind::DailySweep, crate::clock::china_day_start(today));
    if failed_today.is_ok_and(|n| n + 1 < TRIES_A_DAY) {
        let _ = diesel::update(sweeps::table.find(DAILY).filter(sweeps::last_day.eq(today)))
            .set(sweeps::last_day.eq(today.pred_opt()))
            .execute(conn);
    }
}

/// Looks every `every` on a thread of its own (the first look at once), with the service's clock,
/// and wakes this instance's job workers when it queued the sweep. Every instance runs one;
/// `run_if_due` decides which queues.
pub fn start(pool: DbPool, clock: Clock, jobs: Arc<Queue>, every: Duration, threads: &crate::background::Threads) {
    threads
        .spawn("daily-sweep", move |signal| {
            loop {
                match run_if_due(&pool, clock.now()) {
                    Ok(Swept::Queued { job_id }) => {
                        tracing::info!(job_id, "daily sweep queued");
                        jobs.wake();
                    }
                    Ok(Swept::NotDue) => {}
                    Err(e) => tracing::warn!(error = %e, "daily sweep failed; the next look tries again"),
                }
                if !signal.pause(every) {
                    return;
                }
            }
        })
        .expect("spawning the sweep thread");
}
