use diesel::prelude::*;

use super::model::{JobKind, JobRow};
use crate::auth::Caller;
use crate::db::DbConn;
use crate::db::schema::jobs;
use crate::domain::JobStatus;
use crate::error::{ApiError, ApiResult};

/// Queues a job with the input its kind's handler reads (`worker`); inside the caller's
/// transaction, so the job exists exactly when the change that asked for it does. `AppState::tx`
/// wakes the job workers once it is committed (`db::effects`).
pub fn enqueue<T: serde::Serialize>(conn: &mut DbConn, kind: JobKind, caller: &Caller, input: &T) -> ApiResult<JobRow> {
    enqueue_at(conn, kind, &caller.actor_id, caller.now, None, input)
}

/// `enqueue` for work that is nobody's request (a webhook's next attempt), or that must wait:
/// no worker claims it before `not_before`.
pub fn enqueue_at<T: serde::Serialize>(
    conn: &mut DbConn,
    kind: JobKind,
    created_by: &str,
    now: chrono::NaiveDateTime,
    not_before: Option<chrono::NaiveDateTime>,
    input: &T,
) -> ApiResult<JobRow> {
    let input = serde_json::to_string(input).map_err(|e| ApiError::Internal(anyhow::anyhow!("a job's input: {e}")))?;
    let row = JobRow {
        id: uuid::Uuid::now_v7().to_string(),
        kind,
        status: JobStatus::Queued,
        done: 0,
        total: 0,
        result_json: None,
        error: None,
        created_by: created_by.to_owned(),
        created_at: now,
        finished_at: None,
        input_json: Some(input),
        lease_owner: None,
        lease_until: None,
        attempts: 0,
        not_before,
    };
    diesel::insert_into(jobs::table).values(&row).execute(conn)?;
    crate::db::effects::job_queued();
    Ok(row)
}

pub fn get(conn: &mut DbConn, id: &str) -> ApiResult<Option<JobRow>> {
    Ok(jobs::table.find(id).select(JobRow::as_select()).first(conn).optional()?)
}

/// Jobs of `kind` queued since `since` that failed.
pub fn failed_since(conn: &mut DbConn, kind: JobKind, since: chrono::NaiveDateTime) -> ApiResult<i64> {
    Ok(jobs::table
        .filter(jobs::kind.eq(kind))
        .filter(jobs::status.eq(JobStatus::Failed))
        .filter(jobs::created_at.ge(since))
        .count()
        .get_result(conn)?)
}

/// How long a background export's file is kept (`sheets::background` writes it).
pub const FILE_KEPT_HOURS: i64 = 24;

/// A background export's file, without its bytes (they are read in slices, `file_slice`).
#[derive(Queryable, Selectable)]
#[diesel(table_name = crate::db::schema::export_files)]
pub struct ExportFile {
    pub file_name: String,
    pub content_type: String,
    pub size_bytes: i64,
}

/// The file job `id` wrote, if it wrote one and it is still kept at `now`.
pub fn file(conn: &mut DbConn, id: &str, now: chrono::NaiveDateTime) -> ApiResult<Option<ExportFile>> {
    use crate::db::schema::export_files;
    Ok(export_files::table
        .find(id)
        .filter(export_files::created_at.gt(now - chrono::Duration::hours(FILE_KEPT_HOURS)))
        .select(ExportFile::as_select())
        .first(conn)
        .optional()?)
}

#[derive(QueryableByName)]
struct Slice {
    #[diesel(sql_type = diesel::sql_types::Binary)]
    part: Vec<u8>,
}

/// `len` bytes of job `id`'s file from `offset` (0-based): a download never holds the whole file
/// (PostgreSQL keeps the column uncompressed, so a slice reads only its own pages).
pub fn file_slice(conn: &mut DbConn, id: &str, offset: i64, len: i64) -> ApiResult<Vec<u8>> {
    let sql = match conn {
        DbConn::Postgres(_) => "SELECT substr(content, $1, $2) AS part FROM export_files WHERE job_id = $3",
        DbConn::Sqlite(_) => "SELECT substr(content, ?, ?) AS part FROM export_files WHERE job_id = ?",
    };
    // PostgreSQL's substr takes integers; a file is at most `MAX_FILE_BYTES` (128 MiB)
    let int = |n: i64| i32::try_from(n).map_err(|e| ApiError::Internal(anyhow::anyhow!("a file offset: {e}")));
    let slice = diesel::sql_query(sql)
        .bind::<diesel::sql_types::Integer, _>(int(offset + 1)?)
        .bind::<diesel::sql_types::Integer, _>(int(len)?)
        .bind::<diesel::sql_types::Text, _>(id)
        .get_result::<Slice>(conn)
        .optional()?;
    Ok(slice.map(|s| s.part).unwrap_or_default())
}

/// How long an ended job of a passing kind is kept (its report, its export's file).
pub const KEPT_DAYS: i64 = 30;

/// The jobs' part of the daily sweep: exports' files older than a day, and ended jobs of the
/// kinds nothing refers to later (imports, exports, sweeps, webhook attempts) older than 30
/// days. An evaluation round names its jobs, so those stay. Returns the rows removed.
pub fn forget_old(conn: &mut DbConn, now: chrono::NaiveDateTime) -> ApiResult<usize> {
    use crate::db::schema::export_files;
    let files = diesel::delete(
        export_files::table.filter(export_files::created_at.lt(now - chrono::Duration::hours(FILE_KEPT_HOURS))),
    )
    .execute(conn)?;
    let passing = [JobKind::OrganizationImport, JobKind::Export, JobKind::DailySweep, JobKind::WebhookDelivery];
    let jobs = diesel::delete(
        jobs::table
            .filter(jobs::kind.eq_any(passing))
            .filter(jobs::status.eq_any([JobStatus::Succeeded, JobStatus::Failed]))
            .filter(jobs::created_at.lt(now - chrono::Duration::days(KEPT_DAYS))),
    )
    .execute(conn)?;
    Ok(files + jobs)
}
