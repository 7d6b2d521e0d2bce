//! A project's evidence (佐证材料): the signed agreement, photos of what landed, acceptance
//! documents. The organization attaches them to its landing declaration and its progress
//! updates, the county to its confirmation; both see them before acting, and the project page
//! shows them. Kept by the shared mechanism (`attachments.rs`).

use actix_web::{HttpResponse, web};
use diesel::prelude::*;

use super::store;
use crate::attachments::{self, Attachment};
use crate::auth::Caller;
use crate::domain::Party;
use crate::error::{ApiError, ApiResult, Problem, ReadErrors};
use crate::http::Items;
use crate::state::AppState;
use crate::tr;

/// Seen by whoever sees the project; added and removed by its accepted organizations' members
/// and its county's officers while the project is open (docking, signed or landed): what a
/// completed or cancelled project was judged on stays as it was.
pub struct ProjectEvidence;

impl attachments::Holder for ProjectEvidence {
    const ENTITY: &'static str = "project";
    fn find(conn: &mut crate::db::DbConn, caller: &Caller, id: &str, changing: bool) -> ApiResult<String> {
        let (row, orgs) = store::visible_row(conn, caller, id)?;
        if !changing {
            return Ok(row.id);
        }
        let parties = store::parties(caller, &row, &orgs);
        if !parties.iter().any(|p| matches!(p, Party::Organization | Party::County)) {
            return Err(ApiError::Forbidden(tr!(
                "只有项目的社会组织和所在县可以管理佐证材料。",
                "Only the project's organizations and its county manage its evidence."
            )));
        }
        if !row.status().is_open() {
            return Err(ApiError::Conflict(tr!(
                "项目已完成或已取消，佐证材料不再变更。",
                "The project is completed or cancelled: its evidence no longer changes."
            )));
        }
        // Holds the project's row until the transaction ends, so that concurrent uploads count
        // one another against the limits (PostgreSQL; SQLite has one writer anyway).
        diesel::update(crate::db::schema::projects::table.find(&row.id))
            .set(crate::db::schema::projects::version.eq(crate::db::schema::projects::version))
            .execute(conn)?;
        Ok(row.id)
    }
}

/// A project's evidence
#[utoipa::path(
    get, path = "/api/v1/projects/{id}/attachments", tag = "projects", operation_id = "listProjectAttachments",
    params(("id" = String, Path, description = "Project id")),
    responses((status = 200, description = "Its attachments, oldest first", body = Items<Attachment>), ReadErrors),
    security(("bearer" = []))
)]
pub async fn list_project_attachments(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> ApiResult<web::Json<Items<Attachment>>> {
    attachments::list_of::<ProjectEvidence>(&state, caller, id.into_inner()).await
}

/// Add evidence to a project
///
/// A JPEG, PNG or WebP photo or a PDF, as the raw body (name in `?filename=`) or as the `file`
/// part of a multipart form; the type is read from the content. Limits: `attachments.rs`.
#[utoipa::path(
    post, path = "/api/v1/projects/{id}/attachments", tag = "projects", operation_id = "createProjectAttachment",
    params(("id" = String, Path, description = "Project id"), ("filename" = Option<String>, Query, description = "The file's name, for a raw body")),
    request_body(content((crate::sheets::UploadForm = "multipart/form-data"), (crate::http::RawFile = "application/octet-stream"))),
    responses(
        (status = 201, description = "The attachment", body = Attachment),
        (status = 400, description = "A malformed multipart body", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not one of the project's organizations or its county", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The project is completed or cancelled", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "Larger than 5 MiB, or the project would hold more than 20 files or 25 MiB", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Not a JPEG, PNG, WebP or PDF file", body = Problem, content_type = "application/problem+json"),
        ReadErrors,
    ),
    security(("bearer" = []))
)]
pub async fn create_project_attachment(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    file: attachments::Upload,
) -> ApiResult<HttpResponse> {
    attachments::upload_to::<ProjectEvidence>(&state, caller, id.into_inner(), file).await
}

/// Download a project's evidence
#[utoipa::path(
    get, path = "/api/v1/projects/{id}/attachments/{attachment_id}", tag = "projects", operation_id = "getProjectAttachment",
    params(("id" = String, Path, description = "Project id"), ("attachment_id" = String, Path, description = "Attachment id")),
    responses(
        (status = 200, description = "The file, as an attachment with its sniffed type",
         content((crate::http::RawFile = "image/jpeg"), (crate::http::RawFile = "image/png"), (crate::http::RawFile = "image/webp"), (crate::http::RawFile = "application/pdf"))),
        ReadErrors,
    ),
    security(("bearer" = []))
)]
pub async fn get_project_attachment(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<(String, String)>,
) -> ApiResult<HttpResponse> {
    let (id, attachment_id) = path.into_inner();
    attachments::download_from::<ProjectEvidence>(&state, caller, id, attachment_id).await
}

/// Remove a project's evidence
#[utoipa::path(
    delete, path = "/api/v1/projects/{id}/attachments/{attachment_id}", tag = "projects", operation_id = "deleteProjectAttachment",
    params(("id" = String, Path, description = "Project id"), ("attachment_id" = String, Path, description = "Attachment id")),
    responses(
        (status = 204, description = "Removed"),
        (status = 403, description = "Not one of the project's organizations or its county", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The project is completed or cancelled", body = Problem, content_type = "application/problem+json"),
        ReadErrors,
    ),
    security(("bearer" = []))
)]
pub async fn delete_project_attachment(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<(String, String)>,
) -> ApiResult<HttpResponse> {
    let (id, attachment_id) = path.into_inner();
    attachments::remove_from::<ProjectEvidence>(&state, caller, id, attachment_id).await
}
