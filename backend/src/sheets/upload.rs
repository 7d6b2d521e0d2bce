//! An upload as it arrives: the body read up to the byte limit (a 413 naming it, before a byte
//! is read when `Content-Length` already says so), then parsed on the blocking pool, never on
//! the async workers, and at most two at a time, so one bad file costs one bounded parse and
//! every other request, `/healthz` included, is answered meanwhile.

use std::collections::BTreeMap;
use std::future::Future;
use std::pin::Pin;

use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpRequest, web};
use tokio::sync::Semaphore;
use utoipa::openapi::{ContentBuilder, Ref, RefOr, ResponseBuilder, response::Response};

use super::limits::{Limit, Limits, SheetError};
use super::read::{Table, read_table};
use crate::error::{ApiError, ApiResult, PROBLEM_JSON};

/// The raw body of a file upload, at most `Limits::UPLOAD.bytes`. Extract it last, after the
/// caller, so that an unauthenticated request is refused before its body is read.
pub struct Upload(pub web::Bytes);

impl FromRequest for Upload {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let body = crate::extractors::file_body(req, payload, Limits::UPLOAD.bytes, || {
            ApiError::from(SheetError::Exceeds(Limit::Bytes, Limits::UPLOAD))
        });
        Box::pin(async move { body.await.map(|f| Upload(f.bytes)) })
    }
}

/// A `multipart/form-data` upload, for the contract.
#[derive(utoipa::ToSchema)]
#[allow(dead_code)]
pub struct UploadForm {
    /// The file.
    #[schema(value_type = String, format = Binary)]
    file: Vec<u8>,
}

/// Parses running at once: each is bounded in memory by the limits, and two keep both cores
/// of a small server busy without letting a burst of uploads multiply that bound.
static PARSING: Semaphore = Semaphore::const_new(2);

/// Reads an upload into a table (first sheet of an .xlsx, or UTF-8 CSV) within
/// `Limits::UPLOAD`: 400 unreadable, 413 too many bytes, 422 too many rows, columns or cells.
pub async fn read_upload(upload: Upload) -> ApiResult<Table> {
    let _permit = PARSING.acquire().await.map_err(|e| ApiError::Internal(e.into()))?;
    web::block(move || read_table(&upload.0, &Limits::UPLOAD)).await?.map_err(ApiError::from)
}

fn problem(description: String) -> RefOr<Response> {
    ResponseBuilder::new()
        .description(description)
        .content(PROBLEM_JSON, ContentBuilder::new().schema(Some(Ref::from_schema_name("Problem"))).build())
        .build()
        .into()
}

/// The contract's 400, 413 and 422 of an upload, written from `Limits::UPLOAD` so the
/// documented limits are the enforced ones. `also_422` adds what else a 422 means there.
fn upload_responses(also_422: Option<&str>) -> BTreeMap<String, RefOr<Response>> {
    let l = Limits::UPLOAD;
    let (mib, unpacked) = (l.bytes / (1024 * 1024), l.unpacked_bytes / (1024 * 1024));
    let limits_422 = format!(
        "The sheet has more than {} rows (the header included), {} columns or {} cells; `errors[0]` \
         (field `file`) names the limit; or a form without its `file` field",
        l.rows, l.columns, l.cells
    );
    BTreeMap::from([
        (
            "400".to_owned(),
            problem("The file cannot be read: neither an .xlsx workbook nor UTF-8 CSV, or damaged".into()),
        ),
        (
            "413".to_owned(),
            problem(format!(
                "The file is larger than {mib} MiB, or the workbook unpacks to more than {unpacked} MiB; \
                 `errors[0]` (field `file`) names the limit"
            )),
        ),
        ("422".to_owned(), problem(also_422.map_or(limits_422.clone(), |more| format!("{limits_422}. Or: {more}")))),
    ])
}

/// 400, 413 and 422 of an operation that reads an uploaded spreadsheet.
pub struct UploadErrors;

impl utoipa::IntoResponses for UploadErrors {
    fn responses() -> BTreeMap<String, RefOr<Response>> {
        upload_responses(None)
    }
}

/// The same, for an import whose 422 also refuses applying rows with errors.
pub struct UploadOrRowErrors;

impl utoipa::IntoResponses for UploadOrRowErrors {
    fn responses() -> BTreeMap<String, RefOr<Response>> {
        upload_responses(Some("applying while rows have errors (each named in `errors`); nothing was applied"))
    }
}
