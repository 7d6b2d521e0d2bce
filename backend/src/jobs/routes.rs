use actix_web::{HttpResponse, web};

use super::model::Job;
use super::store;
use crate::auth::Caller;
use crate::domain::Role;
use crate::error::{ApiError, ApiResult, ReadErrors};
use crate::state::AppState;

/// A job is its starter's, and every job is national admins'.
fn visible(job: &super::model::JobRow, caller: &Caller) -> bool {
    job.created_by == caller.actor_id || caller.role == Role::NationalAdmin
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
    let row = state.db(move |conn| store::get(conn, &id)).await?;
    let row = row.filter(|j| visible(j, &caller)).ok_or(ApiError::NotFound)?;
    Ok(HttpResponse::Ok().json(super::shown(row)?))
}

/// A background export's file
///
/// The file a list export asked for with `background=true` wrote, once its job succeeded; kept
/// for a day. Visible to whoever started the job, and to national admins.
#[utoipa::path(
    get, path = "/api/v1/jobs/{id}/file", tag = "jobs", operation_id = "getJobFile",
    params(("id" = String, Path, description = "Job id")),
    responses(
        (status = 200, description = "The file, as the export would have sent it",
         content((crate::http::RawFile = "text/csv"), (crate::http::RawFile = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))),
        ReadErrors,
    ),
    security(("bearer" = []))
)]
pub async fn get_job_file(state: web::Data<AppState>, caller: Caller, id: web::Path<String>) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let (job, now) = (id.clone(), caller.now);
    let file = state
        .db(move |conn| {
            if !store::get(conn, &job)?.is_some_and(|j| visible(&j, &caller)) {
                return Ok(None);
            }
            store::file(conn, &job, now)
        })
        .await?
        .ok_or(ApiError::NotFound)?;
    // Sent a slice at a time: a download holds 1 MiB of the file, however large it is.
    const SLICE: i64 = 1024 * 1024;
    let size = file.size_bytes;
    let body = futures_util::stream::unfold(0_i64, move |offset| {
        let (state, id) = (state.clone(), id.clone());
        async move {
            if offset >= size {
                return None;
            }
            let len = SLICE.min(size - offset);
            match state.db(move |conn| store::file_slice(conn, &id, offset, len)).await {
                // gone meanwhile (a day old): the body ends short of its Content-Length
                Ok(part) if part.is_empty() => None,
                Ok(part) => Some((Ok(actix_web::web::Bytes::from(part)), offset + len)),
                Err(e) => Some((Err(e), size)),
            }
        }
    });
    Ok(HttpResponse::Ok()
        .content_type(file.content_type)
        .insert_header((actix_web::http::header::CONTENT_DISPOSITION, format!("attachment; filename=\"{}\"", file.file_name)))
        .no_chunking(size.max(0) as u64)
        .streaming(body))
}
