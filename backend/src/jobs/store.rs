use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::model::{JobKind, JobRow};
use crate::auth::Caller;
use crate::db::schema::jobs;
use crate::db::{DbConn, DbPool};
use crate::domain::JobStatus;
use crate::error::ApiResult;

pub fn create(conn: &mut DbConn, kind: JobKind, caller: &Caller) -> ApiResult<JobRow> {
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
    };
    diesel::insert_into(jobs::table).values(&row).execute(conn)?;
    Ok(row)
}

pub fn get(conn: &mut DbConn, id: &str) -> ApiResult<Option<JobRow>> {
    Ok(jobs::table.find(id).select(JobRow::as_select()).first(conn).optional()?)
}

/// Progress is written on its own connection, outside the job's transaction, so pollers see it.
pub fn progress(pool: &DbPool, id: &str, status: JobStatus, done: i64, total: i64) {
    if let Ok(mut conn) = pool.get() {
        let _ = diesel::update(jobs::table.find(id))
            .set((jobs::status.eq(status), jobs::done.eq(done), jobs::total.eq(total)))
            .execute(&mut conn);
    }
}

/// Records the end of a job: its report (any serializable value) or its error.
pub fn finish<T: serde::Serialize>(pool: &DbPool, id: &str, result: Result<T, String>, now: NaiveDateTime) {
    let Ok(mut conn) = pool.get() else {
        tracing::error!(job = id, "cannot record the end of a job: no database connection");
        return;
    };
    let result = result.and_then(|report| serde_json::to_string(&report).map_err(|e| e.to_string()));
    let (status, result_json, error) = match result {
        Ok(json) => (JobStatus::Succeeded, Some(json), None),
        Err(e) => (JobStatus::Failed, None, Some(e)),
    };
    let _ = diesel::update(jobs::table.find(id))
        .set((
            jobs::status.eq(status),
            jobs::result_json.eq(result_json),
            jobs::error.eq(error),
            jobs::finished_at.eq(now),
        ))
        .execute(&mut conn);
}
