//! An upload as it arrives: the body read up to the byte limit (a 413 naming it, before a byte
//! is read when `Content-Length` already says so), then parsed on the blocking pool, never on
//! the async workers, and at most two at a time, so one bad file costs one bounded parse and
//! every other request, `/healthz` included, is answered meanwhile.

use std::collections::BTreeMap;
use std::future::Future;
use std::pin::Pin;

use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{FromRequest, HttpMessage, HttpRequest, web};
use futures_util::StreamExt;
use tokio::sync::Semaphore;
use utoipa::openapi::{ContentBuilder, Ref, RefOr, ResponseBuilder, response::Response};

use super::limits::{Limit, Limits, SheetError};
use super::read::{Table, read_table};
use crate::error::{ApiError, ApiResult, PROBLEM_JSON};
use crate::tr;

/// The raw body of a file upload, at most `Limits::UPLOAD.bytes`. Extract it last, after the
/// caller, so that an unauthenticated request is refused before its body is read.
pub struct Upload(pub web::Bytes);

impl FromRequest for Upload {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let max = Limits::UPLOAD.bytes;
        let declared =
            req.headers().get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()).and_then(|v| v.parse::<u64>().ok());
        let multipart = req.mime_type().ok().flatten().is_some_and(|m| m.essence_str() == "multipart/form-data");
        let headers = req.headers().clone();
        let mut payload = payload.take();
        Box::pin(async move {
            let too_large = || ApiError::from(SheetError::Exceeds(Limit::Bytes, Limits::UPLOAD));
            if declared.is_some_and(|n| n > max as u64) {
                return Err(too_large());
            }
            let mut body = web::BytesMut::with_capacity(declared.map_or(0, |n| n as usize));
            while let Some(chunk) = payload.next().await {
                let chunk =
                    chunk.map_err(|_| ApiError::bad_request(tr!("请求体无法读取。", "The body could not be read.")))?;
                if body.len() + chunk.len() > max {
                    return Err(too_large());
                }
                body.extend_from_slice(&chunk);
            }
            let body = body.freeze();
            if multipart { file_part(&headers, body).await.map(Upload) } else { Ok(Upload(body)) }
        })
    }
}

/// The form field that carries the file in a `multipart/form-data` upload, which is how common
/// generated clients send files (the raw body — `text/csv`, the xlsx type — works as well).
pub const FILE_FIELD: &str = "file";

/// A `multipart/form-data` upload, for the contract.
#[derive(utoipa::ToSchema)]
#[allow(dead_code)]
pub struct UploadForm {
    /// The file.
    #[schema(value_type = String, format = Binary)]
    file: Vec<u8>,
}

/// The content of the `file` part of a multipart body already read within the byte limit.
async fn file_part(headers: &header::HeaderMap, body: web::Bytes) -> Result<web::Bytes, ApiError> {
    let malformed = |e: actix_multipart::MultipartError| {
        ApiError::bad_request(tr!("multipart 请求体有误：{e}", "Malformed multipart body: {e}"))
    };
    let stream = futures_util::stream::once(async move { Ok::<_, actix_web::error::PayloadError>(body) });
    let mut parts = actix_multipart::Multipart::new(headers, stream);
    while let Some(part) = parts.next().await {
        let mut part = part.map_err(malformed)?;
        if part.name() != Some(FILE_FIELD) {
            // Drain parts we do not use.
            while let Some(chunk) = part.next().await {
                chunk.map_err(malformed)?;
            }
            continue;
        }
        let mut file = web::BytesMut::new();
        while let Some(chunk) = part.next().await {
            file.extend_from_slice(&chunk.map_err(malformed)?);
        }
        return Ok(file.freeze());
    }
    Err(ApiError::field(FILE_FIELD, tr!("请在 file 字段中上传文件", "send the file in the `file` field")))
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
