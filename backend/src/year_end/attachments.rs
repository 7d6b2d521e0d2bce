//! A report's attachments: the provincial action plan (本省行动方案) and other documents, as
//! PDF or photos. Seen by whoever reads the report; added and removed by the province's officers
//! while it is with the province; a change removes the signatures, as they signed the whole.

use actix_web::{HttpResponse, web};
use diesel::prelude::*;

use super::{notices, store};
use crate::attachments::{self, Attachment};
use crate::auth::Caller;
use crate::db::schema::year_end_reports;
use crate::error::{ApiError, ApiResult, Problem, ReadErrors};
use crate::http::Items;
use crate::state::AppState;
use crate::tr;

pub struct ReportFiles;

impl attachments::Holder for ReportFiles {
    const ENTITY: &'static str = store::ENTITY;
    fn find(conn: &mut crate::db::DbConn, caller: &Caller, id: &str, changing: bool) -> ApiResult<String> {
        let row = store::visible_row(conn, caller, id)?;
        if !changing {
            return Ok(row.id);
        }
        if !store::may_edit(caller, &row) {
            return Err(ApiError::Forbidden(tr!(
                "只有本省主管部门可以在草稿或退回状态下管理附件。",
                "Only the province's officers manage its attachments, while the report is a draft or returned."
            )));
        }
        // Holds the report's row until the transaction ends (concurrent uploads count one another),
        // and moves its version: the signed whole changed.
        // Only the row as read: a submission that committed meanwhile moved its version, and the
        // file is refused (412) rather than added to a submitted report.
        let n = diesel::update(year_end_reports::table.find(&row.id).filter(year_end_reports::version.eq(row.version)))
            .set((year_end_reports::version.eq(year_end_reports::version + 1), year_end_reports::updated_at.eq(caller.now)))
            .execute(conn)?;
        if n == 0 {
            return Err(ApiError::PreconditionFailed);
        }
        if store::clear_signatures(conn, &row.id)? > 0 {
            notices::signatures_cleared(conn, caller, &row)?;
        }
        Ok(row.id)
    }
}

/// A report's attachments
#[utoipa::path(
    get, path = "/api/v1/year-end-reports/{id}/attachments", tag = "year-end-reports", operation_id = "listYearEndReportAttachments",
    params(("id" = String, Path, description = "Report id")),
    responses((status = 200, description = "Its attachments, oldest first", body = Items<Attachment>), ReadErrors),
    security(("bearer" = []))
)]
pub async fn list_year_end_report_attachments(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> ApiResult<web::Json<Items<Attachment>>> {
    attachments::list_of::<ReportFiles>(&state, caller, id.into_inner()).await
}

/// Add an attachment to a report (the provincial action plan, say)
///
/// A PDF or a JPEG, PNG or WebP image, as the raw body (name in `?filename=`) or as the `file`
/// part of a multipart form; the type is read from the content. Removes the signatures.
#[utoipa::path(
    post, path = "/api/v1/year-end-reports/{id}/attachments", tag = "year-end-reports", operation_id = "createYearEndReportAttachment",
    params(("id" = String, Path, description = "Report id"), ("filename" = Option<String>, Query, description = "The file's name, for a raw body")),
    request_body(content((crate::sheets::UploadForm = "multipart/form-data"), (crate::http::RawFile = "application/octet-stream"))),
    responses(
        (status = 201, description = "The attachment", body = Attachment),
        (status = 400, description = "A malformed multipart body", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the province's officer, or not with the province", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "Larger than 5 MiB, or the report would hold more than 20 files or 25 MiB", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Not a JPEG, PNG, WebP or PDF file", body = Problem, content_type = "application/problem+json"),
        ReadErrors,
    ),
    security(("bearer" = []))
)]
pub async fn create_year_end_report_attachment(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    file: crate::attachments::Upload,
) -> ApiResult<HttpResponse> {
    attachments::upload_to::<ReportFiles>(&state, caller, id.into_inner(), file).await
}

/// Download a report's attachment
#[utoipa::path(
    get, path = "/api/v1/year-end-reports/{id}/attachments/{attachment_id}", tag = "year-end-reports", operation_id = "getYearEndReportAttachment",
    params(("id" = String, Path, description = "Report id"), ("attachment_id" = String, Path, description = "Attachment id")),
    responses(
        (status = 200, description = "The file, as an attachment with its sniffed type",
         content((crate::http::RawFile = "image/jpeg"), (crate::http::RawFile = "image/png"), (crate::http::RawFile = "image/webp"), (crate::http::RawFile = "application/pdf"))),
        ReadErrors,
    ),
    security(("bearer" = []))
)]
pub async fn get_year_end_report_attachment(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<(String, String)>,
) -> ApiResult<HttpResponse> {
    let (id, attachment_id) = path.into_inner();
    attachments::download_from::<ReportFiles>(&state, caller, id, attachment_id).await
}

/// Remove a report's attachment
#[utoipa::path(
    delete, path = "/api/v1/year-end-reports/{id}/attachments/{attachment_id}", tag = "year-end-reports", operation_id = "deleteYearEndReportAttachment",
    params(("id" = String, Path, description = "Report id"), ("attachment_id" = String, Path, description = "Attachment id")),
    responses(
        (status = 204, description = "Removed"),
        (status = 403, description = "Not the province's officer, or not with the province", body = Problem, content_type = "application/problem+json"),
        ReadErrors,
    ),
    security(("bearer" = []))
)]
pub async fn delete_year_end_report_attachment(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<(String, String)>,
) -> ApiResult<HttpResponse> {
    let (id, attachment_id) = path.into_inner();
    attachments::remove_from::<ReportFiles>(&state, caller, id, attachment_id).await
}
