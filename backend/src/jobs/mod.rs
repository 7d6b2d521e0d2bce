//! Background jobs: long work (large imports) runs off the request, and its progress is polled
//! at `GET /api/v1/jobs/{id}`.

use actix_web::{HttpResponse, web};
use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::auth::Caller;
use crate::db::schema::jobs;
use crate::db::{DbConn, DbPool};
use crate::domain::{JobStatus, Role};
use crate::error::{ApiError, ApiResult, ReadErrors};
use crate::organizations::import::OrgImportReport;
use crate::state::AppState;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/jobs/{id}", web::get().to(get_job));
}

#[derive(Queryable, Selectable, Insertable, Clone, Debug)]
#[diesel(table_name = jobs)]
pub struct JobRow {
    pub id: String,
    pub kind: String,
    pub status: String,
    pub done: i64,
    pub total: i64,
    pub result_json: Option<String>,
    pub error: Option<String>,
    pub created_by: String,
    pub created_at: NaiveDateTime,
    pub finished_at: Option<NaiveDateTime>,
}

#[derive(Serialize, Deserialize, ToSchema, Debug)]
pub struct Job {
    pub id: String,
    /// e.g. `organization_import`.
    pub kind: String,
    pub status: JobStatus,
    /// Rows processed so far, of `total`.
    pub done: i64,
    pub total: i64,
    /// The report, once the job succeeded.
    pub result: Option<OrgImportReport>,
    pub error: Option<String>,
    pub created_at: DateTime<Utc>,
    pub finished_at: Option<DateTime<Utc>>,
}

impl From<JobRow> for Job {
    fn from(r: JobRow) -> Self {
        Self {
            id: r.id,
            kind: r.kind,
            status: r.status.parse().unwrap_or(JobStatus::Failed),
            done: r.done,
            total: r.total,
            result: r.result_json.and_then(|j| serde_json::from_str(&j).ok()),
            error: r.error,
            created_at: r.created_at.and_utc(),
            finished_at: r.finished_at.map(|t| t.and_utc()),
        }
    }
}

pub fn create(conn: &mut DbConn, kind: &str, caller: &Caller) -> ApiResult<JobRow> {
    let row = JobRow {
        id: uuid::Uuid::now_v7().to_string(),
        kind: kind.into(),
        status: JobStatus::Queued.as_str().into(),
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

/// Progress is written on its own connection, outside the job's transaction, so pollers see it.
pub fn progress(pool: &DbPool, id: &str, status: JobStatus, done: i64, total: i64) {
    if let Ok(mut conn) = pool.get() {
        let _ = diesel::update(jobs::table.find(id))
            .set((jobs::status.eq(status.as_str()), jobs::done.eq(done), jobs::total.eq(total)))
            .execute(&mut conn);
    }
}

pub fn finish(pool: &DbPool, id: &str, result: Result<String, String>, now: NaiveDateTime) {
    let Ok(mut conn) = pool.get() else {
        tracing::error!(job = id, "cannot record the end of a job: no database connection");
        return;
    };
    let (status, result_json, error) = match result {
        Ok(json) => (JobStatus::Succeeded, Some(json), None),
        Err(e) => (JobStatus::Failed, None, Some(e)),
    };
    let _ = diesel::update(jobs::table.find(id))
        .set((
            jobs::status.eq(status.as_str()),
            jobs::result_json.eq(result_json),
            jobs::error.eq(error),
            jobs::finished_at.eq(now),
        ))
        .execute(&mut conn);
}

/// A background job's progress and result
///
/// Visible to whoever started it, and to national admins.
#[utoipa::path(
    get, path = "/api/v1/jobs/{id}", tag = "jobs", operation_id = "getJob",
    params(("id" = String, Path, description = "Job id")),
    responses(
        (status = 200, description = "The job", body = Job),
        ReadErrors,
    ),
    security(("bearer" = []))
)]
pub async fn get_job(state: web::Data<AppState>, caller: Caller, id: web::Path<String>) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let row: Option<JobRow> =
        state.db(move |conn| Ok(jobs::table.find(&id).select(JobRow::as_select()).first(conn).optional()?)).await?;
    let row = row
        .filter(|j| j.created_by == caller.actor_id || caller.role == Role::NationalAdmin)
        .ok_or(ApiError::NotFound)?;
    Ok(HttpResponse::Ok().json(Job::from(row)))
}
