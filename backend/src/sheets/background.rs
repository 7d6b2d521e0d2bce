//! List exports that may run as background jobs: `…/export?background=true` answers 202 with a
//! job at once, a worker of any instance writes the file into `export_files`, and the caller
//! downloads it from `GET /api/v1/jobs/{id}/file`. A national export then survives the instance
//! that accepted it and the caller's connection, and its progress is polled like an import's.
//!
//! A family opts in by describing its export once (`Listed`: its name, default format, and how it
//! is built from a caller and the request's query) and registering it (`Routes::export`); its
//! handler answers both ways through `respond`. Exports of bounded tables (a round's ranking,
//! a statistics table, the year-end figures) stay in the request.

use actix_web::{HttpRequest, HttpResponse};
use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::IntoParams;

use super::ExportFormat;
use super::export::{self, Export, Pages};
use crate::auth::Caller;
use crate::db::schema::{export_files, jobs};
use crate::db::{DbConn, DbPool};
use crate::domain::JobStatus;
use crate::error::{ApiError, ApiResult};
use crate::i18n::Lang;
use crate::jobs::{Job, JobKind, JobRun};
use crate::state::AppState;
use crate::tr;

/// The largest file a background export keeps: beyond it the job fails and says to narrow the
/// filters (the file is held in memory once while it is stored; downloads read it in slices).
pub const MAX_FILE_BYTES: usize = 128 * 1024 * 1024;
/// Background exports one caller may have queued or running at once: a national export takes
/// a worker for minutes, and the workers also run the sweep and webhook deliveries.
pub const MAX_ACTIVE: i64 = 2;

/// An export a job can build again: what the family's handler is, in data.
pub struct Listed {
    /// Its name in a job's input (`projects`), unique among the registered exports.
    pub name: &'static str,
    /// The format when the request names none.
    pub default_format: ExportFormat,
    /// The file's description and its pages for `caller` and the request's query string (which
    /// it parses: a bad filter is the same 422 whether or not the export runs in the background).
    pub build: fn(Caller, &str) -> ApiResult<(Export, Pages)>,
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListExportParams {
    /// `xlsx` or `csv`; the default is the operation's.
    pub format: Option<ExportFormat>,
    /// `true`: answer 202 with a background job at once; its file is then at
    /// `GET /api/v1/jobs/{id}/file` for a day (for national exports, which outlast a request).
    pub background: Option<bool>,
}

/// What an export job is given: everything the request was, so any instance can run it.
#[derive(Serialize, Deserialize)]
struct ExportJob {
    /// The `Listed` export's name (`worker::by_name` picks it by this).
    name: String,
    format: ExportFormat,
    query: String,
    caller: Caller,
    /// The request's language, for the job's error.
    lang: Lang,
}

/// The file now (streamed), or a job that writes it (`background=true`).
pub async fn respond(
    state: &AppState,
    req: &HttpRequest,
    caller: Caller,
    listed: &'static Listed,
) -> ApiResult<HttpResponse> {
    let query = req.query_string().to_owned();
    let params: ListExportParams = crate::extractors::parse_query(&query)?;
    let format = params.format.unwrap_or(listed.default_format);
    let (what, pages) = (listed.build)(caller.clone(), &query)?;
    if params.background != Some(true) {
        return export::respond(req, state.pool.clone(), format, what, caller.now, pages).await;
    }
    let input = ExportJob { name: listed.name.to_owned(), format, query, caller: caller.clone(), lang: Lang::of(req) };
    let job = state
        .tx(move |conn| {
            let active: i64 = jobs::table
                .filter(jobs::kind.eq(JobKind::Export))
                .filter(jobs::created_by.eq(&caller.actor_id))
                .filter(jobs::status.eq_any([JobStatus::Queued, JobStatus::Running]))
                .count()
                .get_result(conn)?;
            if active >= MAX_ACTIVE {
                return Err(ApiError::Conflict(tr!(
                    "已有 {MAX_ACTIVE} 个导出正在进行，请等其完成后再导出。",
                    "{MAX_ACTIVE} of your exports are still running: wait for one to finish."
                )));
            }
            crate::jobs::store::enqueue(conn, JobKind::Export, &caller, &input)
        })
        .await?;
    crate::jobs::accepted(job)
}

impl crate::jobs::worker::Named for Listed {
    fn name(&self) -> &'static str {
        self.name
    }

    /// Writes the file of the export a request queued (`respond`).
    fn run(&self, run: &JobRun, input: serde_json::Value) -> Result<serde_json::Value, String> {
        let job: ExportJob = serde_json::from_value(input).map_err(|e| format!("an export job's input: {e}"))?;
        let lang = job.lang;
        run_export(run, self, job).map_err(|e| {
            tracing::error!(job = %run.id, error = %format!("{e:#}"), "export failed");
            e.problem(lang).detail.unwrap_or_default()
        })
    }
}

fn run_export(run: &JobRun, listed: &Listed, job: ExportJob) -> ApiResult<serde_json::Value> {
    let still = crate::auth::caller::still_holds(&mut *run.pool.get()?, &job.caller)?;
    if !still {
        return Err(ApiError::Forbidden(tr!(
            "发起导出的账号已停用、令牌已吊销，或其角色、范围已变更：导出未进行。",
            "The account that asked for the export is disabled, its token revoked, or its role or scope changed: nothing was exported."
        )));
    }
    let now = job.caller.now;
    let (what, pages) = (listed.build)(job.caller, &job.query)?;
    let (name, content_type) = export::file_name_and_type(what.stem, job.format, now);
    let mut rows = 0_i64;
    let bytes = export::write_file(&run.pool, job.format, what, &job.query, now, pages, MAX_FILE_BYTES, |page| {
        rows += page as i64;
        run.progress(rows, 0);
    })?;
    store(&run.pool, &run.id, &name, content_type, bytes.as_slice(), now)?;
    run.progress(rows, rows);
    Ok(serde_json::json!({"file_name": name, "format": job.format, "rows": rows, "size_bytes": bytes.len()}))
}

/// Keeps the file for the job, replacing one an earlier run of it wrote (a run taken over while
/// the first still finished).
fn store(
    pool: &DbPool,
    job_id: &str,
    name: &str,
    content_type: &str,
    bytes: &[u8],
    now: NaiveDateTime,
) -> ApiResult<()> {
    let mut conn = pool.get()?;
    let file = (
        export_files::file_name.eq(name),
        export_files::content_type.eq(content_type),
        export_files::size_bytes.eq(bytes.len() as i64),
        export_files::content.eq(bytes),
        export_files::created_at.eq(now),
    );
    crate::db::write_transaction(&mut conn, |conn| {
        // Two runs of one job store one after the other (PostgreSQL: the job's row is locked
        // first; SQLite's writers take turns), so the second replaces the first's file.
        if let DbConn::Postgres(c) = conn {
            jobs::table.find(job_id).select(jobs::id).for_update().load::<String>(c)?;
        }
        diesel::delete(export_files::table.find(job_id)).execute(conn)?;
        diesel::insert_into(export_files::table).values((export_files::job_id.eq(job_id), file)).execute(conn)?;
        Ok::<_, ApiError>(())
    })
}

/// The answer to `background=true`, beside the operation's file.
#[derive(utoipa::IntoResponses)]
pub enum Queued {
    /// `background=true`: the job that writes the file; poll its Location, then download the file
    /// from `GET /api/v1/jobs/{id}/file`
    #[response(status = 202, headers(("Location" = String, description = "The job")))]
    Job(Job),
    /// `background=true` while the caller's earlier background exports (2) still run
    #[response(status = 409, content_type = "application/problem+json")]
    Busy(crate::error::Problem),
}
