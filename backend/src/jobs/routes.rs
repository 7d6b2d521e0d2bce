use actix_web::{HttpResponse, web};

use super::model::Job;
use super::store;
use crate::auth::Caller;
use crate::domain::Role;
use crate::error::{ApiError, ApiResult, ReadErrors};
use crate::state::AppState;

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
    let row = state.db(move |conn| store::get(conn, &id)).await?;
    let row = row
        .filter(|j| j.created_by == caller.actor_id || caller.role == Role::NationalAdmin)
        .ok_or(ApiError::NotFound)?;
    let job = Job::try_from(row).map_err(|e| ApiError::Internal(anyhow::anyhow!("a job row: {e}")))?;
    Ok(HttpResponse::Ok().json(job))
}
