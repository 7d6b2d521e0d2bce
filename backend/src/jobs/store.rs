use diesel::prelude::*;

use super::model::{JobKind, JobRow};
use crate::auth::Caller;
use crate::db::DbConn;
use crate::db::schema::jobs;
use crate::domain::JobStatus;
use crate::error::{ApiError, ApiResult};

/// Queues a job with the input its kind's handler reads (`worker`); inside the caller's
/// transaction, so the job exists exactly when the change that asked for it does. Call
/// `AppState::wake_jobs` once it is committed.
pub fn enqueue<T: serde::Serialize>(conn: &mut DbConn, kind: JobKind, caller: &Caller, input: &T) -> ApiResult<JobRow> {
    let input = serde_json::to_string(input).map_err(|e| ApiError::Internal(anyhow::anyhow!("a job's input: {e}")))?;
    let row = JobRow {
        id: uuid::Uuid::now_v7().to_string(),
        kind,
        status: JobStatus::Queued,
        done: 0,
        total: 0,
        result_json: None,
        error: None,
        created_by: caller.actor_id.clone(),
        created_at: caller.now,
        finished_at: None,
        input_json: Some(input),
        lease_owner: None,
        lease_until: None,
        attempts: 0,
    };
    diesel::insert_into(jobs::table).values(&row).execute(conn)?;
    Ok(row)
}

pub fn get(conn: &mut DbConn, id: &str) -> ApiResult<Option<JobRow>> {
    Ok(jobs::table.find(id).select(JobRow::as_select()).first(conn).optional()?)
}
