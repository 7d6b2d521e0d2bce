//! Running jobs so they survive their instance. A job is queued with the input it needs
//! (`store::enqueue`); a worker of any instance claims it — `FOR UPDATE SKIP LOCKED` on
//! PostgreSQL, so two instances never take the same job; SQLite's single writer does the same —
//! and holds a lease it renews while the job runs. A job whose instance died keeps its lease
//! until it runs out, then another worker takes it and runs it again from its input: a job's
//! work must be safe to run twice (each kind's commits are all-or-nothing, or overwrite). Only
//! the lease holder's progress and end are recorded, so a job finishes once.
//!
//! Each instance runs `JOB_WORKERS` workers (2 by default); they look for work when woken by a
//! job queued here, and every `POLL` for jobs queued by other instances or left by dead ones.

use std::collections::HashMap;
use std::sync::{Arc, Weak};
use std::time::{Duration, Instant};

use chrono::Utc;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Nullable, Text, Timestamp};

use super::model::JobKind;
use crate::db::{DbConn, DbPool};

/// How often an idle worker looks for jobs queued elsewhere or left by a dead instance.
const POLL: Duration = Duration::from_millis(500);
/// A job that has stopped with its instance this many times is not started again.
const MAX_ATTEMPTS: i64 = 3;

/// A job kind's work: its input as queued, its report (stored as the job's `result`) or the
/// error a person reads. What a family registers (`Routes::job`).
pub type JobFn = fn(&JobRun, serde_json::Value) -> Result<serde_json::Value, String>;
/// A job kind's handler as the workers hold it: a family's `JobFn`, or one built over data (the
/// registered exports).
pub type Handler = Arc<dyn Fn(&JobRun, serde_json::Value) -> Result<serde_json::Value, String> + Send + Sync>;

/// A family's part of the daily sweep (`daily`), as of the given instant: how many rows it wrote
/// or removed. Here rather than in `daily`, so the routing table names it without reaching what
/// `daily` uses.
pub type DailyTask = fn(&mut DbConn, chrono::NaiveDateTime) -> crate::error::ApiResult<usize>;

/// One of several families' jobs of one kind (a list export): run by the handler of its kind
/// (`by_name`), chosen by the `"name"` of the job's input.
pub trait Named: Send + Sync {
    fn name(&self) -> &'static str;
    fn run(&self, run: &JobRun, input: serde_json::Value) -> Result<serde_json::Value, String>;
}

/// The handler of a kind whose jobs the `named` run, each under its name.
pub fn by_name(named: HashMap<&'static str, &'static dyn Named>) -> Handler {
    Arc::new(move |run: &JobRun, input: serde_json::Value| {
        let name = input["name"].as_str().unwrap_or_default().to_owned();
        let job = named.get(name.as_str()).ok_or_else(|| format!("no job is named {name:?}"))?;
        job.run(run, input)
    })
}

/// Forgets the answers cached from the data (dashboards, the matching index); given by the
/// service, so the jobs module knows no cache.
pub type ChangedData = Arc<dyn Fn() + Send + Sync>;

/// What a running job may use.
pub struct JobRun {
    pub id: String,
    pub pool: DbPool,
    /// The instance's settings (a webhook delivery's timeout and backoff).
    pub config: Arc<crate::config::Config>,
    owner: String,
    changed: ChangedData,
}

impl JobRun {
    /// Records progress, while this worker holds the job.
    pub fn progress(&self, done: i64, total: i64) {
        use crate::db::schema::jobs;
        if let Ok(mut conn) = self.pool.get() {
            let _ = diesel::update(jobs::table.find(&self.id).filter(jobs::lease_owner.eq(&self.owner)))
                .set((jobs::done.eq(done), jobs::total.eq(total)))
                .execute(&mut conn);
        }
    }

    /// The job wrote data that cached answers (dashboards, the matching index) summarize.
    pub fn changed_data(&self) {
        (self.changed)();
    }
}

/// The instance's workers: the signal that wakes them, and the name they hold leases under.
pub struct Queue {
    owner: String,
    /// The kinds this instance has handlers for, quoted for the claim's `IN (…)`.
    kinds: String,
    config: Arc<crate::config::Config>,
    lease: Duration,
    /// The instance's background signal: a queued job wakes a worker through it.
    signal: Arc<crate::background::Signal>,
}

impl Queue {
    /// A job was queued here: a worker looks now rather than at its next poll.
    pub fn wake(&self) {
        self.signal.job_queued();
    }
}

/// Starts `workers` threads running the `handlers`' jobs; they stop with `threads` (the service
/// stopped) or once the queue is dropped.
pub fn start(
    pool: DbPool,
    handlers: HashMap<JobKind, Handler>,
    config: Arc<crate::config::Config>,
    changed: ChangedData,
    threads: &crate::background::Threads,
) -> Arc<Queue> {
    let (workers, lease) = (config.job_workers, config.job_lease);
    // The kinds' names are the code's own (`JobKind`), never a request's: safe to quote inline.
    let mut kinds: Vec<String> = handlers.keys().map(|k| format!("'{}'", k.as_str())).collect();
    kinds.sort();
    let queue = Arc::new(Queue {
        owner: format!("instance-{}", uuid::Uuid::now_v7().simple()),
        kinds: if kinds.is_empty() { "NULL".to_owned() } else { kinds.join(", ") },
        config,
        lease,
        signal: threads.signal(),
    });
    let handlers = Arc::new(handlers);
    for n in 0..workers {
        let (pool, handlers, changed, queue) = (pool.clone(), handlers.clone(), changed.clone(), Arc::downgrade(&queue));
        let spawned = threads.spawn(&format!("job-worker-{n}"), move |signal| work(&queue, &pool, &handlers, &changed, signal));
        if let Err(e) = spawned {
            tracing::error!(error = %e, "cannot start a job worker");
        }
    }
    queue
}

fn work(
    queue: &Weak<Queue>,
    pool: &DbPool,
    handlers: &HashMap<JobKind, Handler>,
    changed: &ChangedData,
    signal: &crate::background::Signal,
) {
    while let Some(q) = queue.upgrade().filter(|_| !signal.stopping()) {
        match claim(pool, &q.owner, q.lease, &q.kinds) {
            Ok(Some(job)) => {
                run(pool, &q, handlers, changed, job);
                continue;
            }
            Ok(None) => {}
            Err(e) => tracing::debug!(error = %e, "cannot look for jobs"),
        }
        // nothing to do: wait without holding the queue, which goes when the application does
        drop(q);
        signal.pause_for_job(POLL);
    }
}

#[derive(QueryableByName)]
struct Claimed {
    #[diesel(sql_type = Text)]
    id: String,
    #[diesel(sql_type = Text)]
    kind: String,
    #[diesel(sql_type = Nullable<Text>)]
    input_json: Option<String>,
    #[diesel(sql_type = BigInt)]
    attempts: i64,
}

#[derive(QueryableByName)]
struct Open {
    #[diesel(sql_type = BigInt)]
    n: i64,
}

const OPEN: &str = "input_json IS NOT NULL AND kind IN ({kinds}) \
     AND ((status = 'queued' AND (not_before IS NULL OR not_before <= {now})) OR (status = 'running' AND lease_until < {now}))";

/// Takes the oldest queued job of a kind this instance runs (`kinds`: their quoted names; in a
/// rolling upgrade an older instance leaves the newer kinds to the newer ones), or one whose
/// lease ran out.
fn claim(pool: &DbPool, owner: &str, lease: Duration, kinds: &str) -> anyhow::Result<Option<Claimed>> {
    let mut conn = pool.get()?;
    let now = Utc::now().naive_utc();
    let until = now + chrono::Duration::from_std(lease)?;
    let postgres = matches!(*conn, DbConn::Postgres(_));
    // A look first, reading only: an idle SQLite instance does not take the write lock to find
    // nothing.
    let open = OPEN.replace("{kinds}", kinds);
    let look = format!("SELECT COUNT(*) AS n FROM (SELECT 1 FROM jobs WHERE {open} LIMIT 1) AS t")
        .replace("{now}", if postgres { "$1" } else { "?1" });
    if diesel::sql_query(look).bind::<Timestamp, _>(now).get_result::<Open>(&mut *conn)?.n == 0 {
        return Ok(None);
    }
    // Numbered, since `{now}` appears twice.
    let (p1, p2, p3, skip) = if postgres { ("$1", "$2", "$3", " FOR UPDATE SKIP LOCKED") } else { ("?1", "?2", "?3", "") };
    let take = format!(
        "UPDATE jobs SET status = 'running', lease_owner = {p1}, lease_until = {p2}, attempts = attempts + 1 \
         WHERE id = (SELECT id FROM jobs WHERE {} ORDER BY created_at LIMIT 1{skip}) \
         RETURNING id, kind, input_json, attempts",
        open.replace("{now}", p3)
    );
    let claimed = crate::db::write_transaction::<_, diesel::result::Error, _>(&mut conn, |conn| {
        diesel::sql_query(&take)
            .bind::<Text, _>(owner)
            .bind::<Timestamp, _>(until)
            .bind::<Timestamp, _>(now)
            .get_result::<Claimed>(conn)
            .optional()
    })?;
    Ok(claimed)
}

fn run(pool: &DbPool, queue: &Queue, handlers: &HashMap<JobKind, Handler>, changed: &ChangedData, job: Claimed) {
    let run = JobRun {
        id: job.id.clone(),
        pool: pool.clone(),
        config: queue.config.clone(),
        owner: queue.owner.clone(),
        changed: changed.clone(),
    };
    let handler = job.kind.parse::<JobKind>().ok().and_then(|k| handlers.get(&k).cloned());
    let input = job.input_json.as_deref().map(serde_json::from_str::<serde_json::Value>);
    let result = match (handler, input) {
        _ if job.attempts > MAX_ATTEMPTS => {
            Err(format!("stopped {MAX_ATTEMPTS} times with its instance: not started again"))
        }
        (None, _) => Err(format!("no worker runs jobs of kind {}", job.kind)),
        (_, None | Some(Err(_))) => Err("the job's input is missing or unreadable".to_owned()),
        (Some(handler), Some(Ok(input))) => {
            if job.attempts > 1 {
                tracing::warn!(job = %job.id, attempt = job.attempts, "taking over a job whose instance stopped");
            }
            with_lease(pool, queue, &run, || handler(&run, input))
        }
    };
    if let Err(e) = &result {
        tracing::error!(job = %job.id, kind = %job.kind, error = %e, "job failed");
    }
    finish(pool, &run, result);
}

/// Runs `f` on a thread of its own while this one renews the job's lease.
fn with_lease(
    pool: &DbPool,
    queue: &Queue,
    run: &JobRun,
    f: impl FnOnce() -> Result<serde_json::Value, String> + Send,
) -> Result<serde_json::Value, String> {
    use crate::db::schema::jobs;
    std::thread::scope(|scope| {
        let work = scope.spawn(f);
        let mut renewed = Instant::now();
        while !work.is_finished() {
            std::thread::sleep(Duration::from_millis(50));
            if renewed.elapsed() >= queue.lease / 3 {
                renewed = Instant::now();
                let until = Utc::now().naive_utc() + chrono::Duration::from_std(queue.lease).unwrap_or_default();
                if let Ok(mut conn) = pool.get() {
                    let _ = diesel::update(jobs::table.find(&run.id).filter(jobs::lease_owner.eq(&run.owner)))
                        .set(jobs::lease_until.eq(until))
                        .execute(&mut conn);
                }
            }
        }
        work.join().unwrap_or_else(|_| Err("the job stopped on an internal error".to_owned()))
    })
}

/// Records the end, if this worker still holds the job (another may have taken it over while
/// this one could not renew its lease: then that one's end counts).
fn finish(pool: &DbPool, run: &JobRun, result: Result<serde_json::Value, String>) {
    use crate::db::schema::jobs;
    let (status, result_json, error) = match result {
        Ok(report) => (crate::domain::JobStatus::Succeeded, Some(report.to_string()), None),
        Err(e) => (crate::domain::JobStatus::Failed, None, Some(e)),
    };
    let Ok(mut conn) = pool.get() else {
        tracing::error!(job = %run.id, "cannot record the end of a job: no database connection; another instance runs it again");
        return;
    };
    let ended = diesel::update(jobs::table.find(&run.id).filter(jobs::lease_owner.eq(&run.owner)))
        .set((
            jobs::status.eq(status),
            jobs::result_json.eq(result_json),
            jobs::error.eq(error),
            jobs::finished_at.eq(Utc::now().naive_utc()),
            jobs::input_json.eq(None::<String>),
            jobs::lease_owner.eq(None::<String>),
            jobs::lease_until.eq(None::<chrono::NaiveDateTime>),
        ))
        .execute(&mut conn);
    if !matches!(ended, Ok(1)) {
        tracing::warn!(job = %run.id, "a job ended here after another instance took it over; its end there counts");
    }
}
