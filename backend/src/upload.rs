//! An uploaded file, however the client sends it: as the raw body (`text/csv`,
//! `application/octet-stream`, the xlsx type), or as the part named `file` of a
//! `multipart/form-data` body, which is how common generated clients send files. Both are read
//! under the route's `PayloadConfig` limit; the handler sees the file's bytes either way.

use std::future::Future;
use std::pin::Pin;

use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpMessage, HttpRequest, web};
use futures_util::StreamExt;
use utoipa::ToSchema;

use crate::error::ApiError;
use crate::tr;

/// The form field that carries the file in a multipart upload.
pub const FILE_FIELD: &str = "file";

pub struct Upload(pub web::Bytes);

/// A `multipart/form-data` upload, for the contract.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct UploadForm {
    /// The file.
    #[schema(value_type = String, format = Binary)]
    file: Vec<u8>,
}

impl FromRequest for Upload {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let multipart = req.mime_type().ok().flatten().is_some_and(|m| m.essence_str() == "multipart/form-data");
        let headers = req.headers().clone();
        let bytes = web::Bytes::from_request(req, payload);
        Box::pin(async move {
            let bytes = bytes.await.map_err(|_| {
                ApiError::bad_request(tr!("请求体无法读取或过大。", "The body could not be read or is too large."))
            })?;
            if !multipart {
                return Ok(Upload(bytes));
            }
            file_part(&headers, bytes).await.map(Upload)
        })
    }
}

/// The content of the `file` part of a buffered multipart body.
async fn file_part(headers: &actix_web::http::header::HeaderMap, body: web::Bytes) -> Result<web::Bytes, ApiError> {
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
