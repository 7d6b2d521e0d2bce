//! Background jobs: long work (large imports and exports, evaluation snapshots and rankings,
//! the daily sweep, webhook deliveries) runs off the request, on any instance (`worker`), and
//! its progress is polled at `GET /api/v1/jobs/{id}` (an export's file at `…/{id}/file`).
//! A family runs jobs of its own kinds by registering a handler (`Routes::job`).

pub mod daily;
pub mod model;
pub mod routes;
pub mod store;
pub mod worker;

pub use model::{Job, JobKind};
pub use worker::JobRun;

use crate::error::{ApiError, ApiResult};

/// The job as the API shows it.
pub fn shown(row: model::JobRow) -> ApiResult<Job> {
    Job::try_from(row).map_err(|e| ApiError::Internal(anyhow::anyhow!("a job row: {e}")))
}

/// The answer to a request that queued a job: 202 with the job, to poll at its Location.
pub fn accepted(row: model::JobRow) -> ApiResult<actix_web::HttpResponse> {
    let location = format!("/api/v1/jobs/{}", row.id);
    Ok(actix_web::HttpResponse::Accepted().insert_header((actix_web::http::header::LOCATION, location)).json(shown(row)?))
}

/// The family's endpoints, listed once (`routing.rs`).
pub fn register(r: &mut crate::routing::Routes) {
    r.tag("jobs", "Background jobs and their progress");
    crate::routes!(r;
        routes::get_job,
        routes::get_job_file,
    );
    r.daily("jobs", store::forget_old);
}
