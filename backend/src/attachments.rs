//! Evidence held by an entity (a brand's photos, a case's PDFs): stored in the database by
//! default, so every instance of the service reads what any instance received. One mechanism
//! for every family: the family implements `Holder` (who may see its object, who may change its
//! evidence) and its four documented handlers call `list_of`, `upload_to`, `download_from` and
//! `remove_from`. Only JPEG, PNG, WebP and PDF are kept, decided by the bytes themselves (never by the
//! name or the declared type), within a size per file and per entity; downloads carry the
//! sniffed type, `Content-Disposition: attachment` and a sandboxing CSP, so nothing uploaded is
//! ever run as a page.

use actix_web::HttpResponse;
use actix_web::http::header;
use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use serde::Serialize;
use sha2::{Digest, Sha256};
use utoipa::ToSchema;

use crate::auth::Caller;
use crate::db::DbConn;
use crate::db::schema::attachments;
use crate::error::{ApiError, ApiResult, Invalid};
use crate::extractors::FILE_FIELD;
use crate::state::AppState;
use crate::tr;

/// The largest file.
pub const MAX_FILE_BYTES: usize = 5 * 1024 * 1024;
/// The most one entity holds, in bytes and in files.
pub const MAX_ENTITY_BYTES: i64 = 25 * 1024 * 1024;
pub const MAX_ENTITY_FILES: i64 = 20;

/// The types kept, by their first bytes.
pub fn sniff(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        Some("image/webp")
    } else if bytes.starts_with(b"%PDF-") {
        Some("application/pdf")
    } else {
        None
    }
}

/// An attachment's description (the content is downloaded separately).
#[derive(Serialize, ToSchema, Debug, Clone)]
pub struct Attachment {
    pub id: String,
    pub filename: String,
    /// `image/jpeg`, `image/png`, `image/webp` or `application/pdf`, read from the content.
    pub content_type: String,
    pub size_bytes: i64,
    /// SHA-256 of the content, hex.
    pub sha256: String,
    pub created_by: String,
    pub created_at: DateTime<Utc>,
}

type MetaRow = (String, String, String, i64, String, String, NaiveDateTime);

fn meta_columns() -> (
    attachments::id,
    attachments::filename,
    attachments::content_type,
    attachments::size_bytes,
    attachments::sha256,
    attachments::created_by,
    attachments::created_at,
) {
    (
        attachments::id,
        attachments::filename,
        attachments::content_type,
        attachments::size_bytes,
        attachments::sha256,
        attachments::created_by,
        attachments::created_at,
    )
}

fn from_meta((id, filename, content_type, size_bytes, sha256, created_by, created_at): MetaRow) -> Attachment {
    Attachment { id, filename, content_type, size_bytes, sha256, created_by, created_at: created_at.and_utc() }
}

/// An entity's attachments, oldest first.
pub fn list(conn: &mut DbConn, entity: &str, entity_id: &str) -> ApiResult<Vec<Attachment>> {
    let rows: Vec<MetaRow> = attachments::table
        .filter(attachments::entity.eq(entity))
        .filter(attachments::entity_id.eq(entity_id))
        .order((attachments::created_at.asc(), attachments::id.asc()))
        .select(meta_columns())
        .load(conn)?;
    Ok(rows.into_iter().map(from_meta).collect())
}

/// The photos among the attachments of these entities (for the showcase), in upload order.
pub fn photos_of(
    conn: &mut DbConn,
    entity: &str,
    ids: &[&str],
) -> ApiResult<std::collections::HashMap<String, Vec<Attachment>>> {
    let rows: Vec<(String, MetaRow)> = attachments::table
        .filter(attachments::entity.eq(entity))
        .filter(attachments::entity_id.eq_any(ids))
        .filter(attachments::content_type.like("image/%"))
        .order((attachments::created_at.asc(), attachments::id.asc()))
        .select((attachments::entity_id, meta_columns()))
        .load(conn)?;
    let mut map: std::collections::HashMap<String, Vec<Attachment>> = std::collections::HashMap::new();
    for (id, m) in rows {
        map.entry(id).or_default().push(from_meta(m));
    }
    Ok(map)
}

/// Characters that reorder or hide text (bidirectional overrides, zero-width marks): a name
/// like `gpj\u{202e}.html` must not read as something else.
fn is_format_char(c: char) -> bool {
    matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2069}' | '\u{feff}')
}

/// A file name safe to keep and to send back: no path, no control or format characters, at most
/// 120 characters, and always the extension of the type its content is (`ext`), so a PDF named
/// `invoice.html` is kept as `invoice.html.pdf`.
fn clean_name(name: Option<&str>, ext: &str) -> String {
    let base = name.unwrap_or("").rsplit(['/', '\\']).next().unwrap_or("");
    let cleaned: String =
        base.chars().filter(|c| !c.is_control() && !is_format_char(*c) && *c != '"').take(120).collect();
    let cleaned = cleaned.trim();
    let stem = if cleaned.is_empty() { "attachment" } else { cleaned };
    let ours = stem
        .rsplit_once('.')
        .is_some_and(|(_, e)| e.eq_ignore_ascii_case(ext) || (ext == "jpg" && e.eq_ignore_ascii_case("jpeg")));
    if ours { stem.to_owned() } else { format!("{stem}.{ext}") }
}

/// Keeps a file for an entity the caller may change: 422 (field `file`) for a type other than
/// JPEG, PNG, WebP or PDF or an empty file, 413 when the entity would pass its limits.
pub fn add(
    conn: &mut DbConn,
    caller: &Caller,
    entity: &str,
    entity_id: &str,
    filename: Option<&str>,
    bytes: &[u8],
) -> ApiResult<Attachment> {
    let Some(content_type) = sniff(bytes) else {
        return Err(ApiError::field(
            FILE_FIELD,
            tr!("只接受 JPEG、PNG、WebP 图片或 PDF 文件", "only JPEG, PNG or WebP images and PDF files are accepted"),
        ));
    };
    // At most MAX_ENTITY_FILES sizes: summed here, which both databases answer alike.
    let sizes: Vec<i64> = attachments::table
        .filter(attachments::entity.eq(entity))
        .filter(attachments::entity_id.eq(entity_id))
        .select(attachments::size_bytes)
        .load(conn)?;
    let (count, total) = (sizes.len() as i64, sizes.iter().map(|s| i128::from(*s)).sum::<i128>());
    let size = bytes.len() as i64;
    // A multipart body may carry a little more than the file; the file itself is held to the limit.
    if bytes.len() > MAX_FILE_BYTES {
        let mib = MAX_FILE_BYTES / 1024 / 1024;
        return Err(ApiError::PayloadTooLarge(vec![Invalid::new(
            FILE_FIELD,
            tr!("单个附件不能超过 {mib} MiB", "a file may hold at most {mib} MiB"),
        )]));
    }
    if count >= MAX_ENTITY_FILES || total + i128::from(size) > i128::from(MAX_ENTITY_BYTES) {
        let (files, mib) = (MAX_ENTITY_FILES, MAX_ENTITY_BYTES / 1024 / 1024);
        return Err(ApiError::PayloadTooLarge(vec![Invalid::new(
            FILE_FIELD,
            tr!(
                "每个对象最多 {files} 个附件、共 {mib} MiB",
                "an object holds at most {files} files and {mib} MiB in all"
            ),
        )]));
    }
    let ext = match content_type {
        "image/jpeg" => "jpg",
        "image/png" => "png",
        "image/webp" => "webp",
        _ => "pdf",
    };
    let a = Attachment {
        id: uuid::Uuid::now_v7().to_string(),
        filename: clean_name(filename, ext),
        content_type: content_type.to_owned(),
        size_bytes: size,
        sha256: hex::encode(Sha256::digest(bytes)),
        created_by: caller.name.clone(),
        created_at: caller.now.and_utc(),
    };
    diesel::insert_into(attachments::table)
        .values((
            attachments::id.eq(&a.id),
            attachments::entity.eq(entity),
            attachments::entity_id.eq(entity_id),
            attachments::filename.eq(&a.filename),
            attachments::content_type.eq(&a.content_type),
            attachments::size_bytes.eq(a.size_bytes),
            attachments::sha256.eq(&a.sha256),
            attachments::content.eq(bytes),
            attachments::created_by.eq(&a.created_by),
            attachments::created_at.eq(caller.now),
        ))
        .execute(conn)?;
    Ok(a)
}

/// One attachment of this entity with its content; 404 if it belongs to another.
pub fn content(conn: &mut DbConn, entity: &str, entity_id: &str, id: &str) -> ApiResult<(Attachment, Vec<u8>)> {
    let (meta, bytes): (MetaRow, Vec<u8>) = attachments::table
        .filter(attachments::id.eq(id))
        .filter(attachments::entity.eq(entity))
        .filter(attachments::entity_id.eq(entity_id))
        .select((meta_columns(), attachments::content))
        .first(conn)
        .optional()?
        .ok_or(ApiError::NotFound)?;
    Ok((from_meta(meta), bytes))
}

/// Which entity holds an attachment: `(entity, entity_id)`.
pub fn holder(conn: &mut DbConn, id: &str) -> ApiResult<Option<(String, String)>> {
    Ok(attachments::table.find(id).select((attachments::entity, attachments::entity_id)).first(conn).optional()?)
}

/// Removes an attachment of this entity; 404 if it belongs to another.
pub fn remove(conn: &mut DbConn, entity: &str, entity_id: &str, id: &str) -> ApiResult<Attachment> {
    let (meta, _) = content(conn, entity, entity_id, id)?;
    diesel::delete(attachments::table.find(id)).execute(conn)?;
    Ok(meta)
}

/// The download: the sniffed type, as a file to save (`attachment`, the name in UTF-8), with a
/// CSP that forbids running anything even if a browser were to render it.
pub fn download(meta: &Attachment, bytes: Vec<u8>, public: bool) -> HttpResponse {
    let encoded: String = url_encode(&meta.filename);
    HttpResponse::Ok()
        .content_type(meta.content_type.as_str())
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"attachment\"; filename*=UTF-8''{encoded}"),
        ))
        .insert_header((header::CONTENT_SECURITY_POLICY, "sandbox; default-src 'none'"))
        .insert_header((header::ETAG, format!("\"{}\"", meta.sha256)))
        .insert_header((header::CACHE_CONTROL, if public { "public, max-age=3600" } else { "private, max-age=300" }))
        .body(bytes)
}

/// RFC 5987 encoding of a file name: unreserved ASCII as is, every other byte as `%XX`.
fn url_encode(name: &str) -> String {
    name.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

/// An entity that holds evidence: its family says who may see it and who may change its
/// evidence, and the handlers below do the rest, the same for every family.
pub trait Holder: Send + 'static {
    /// The entity's name in `attachments.entity` and in audit actions (`brand`, `case`).
    const ENTITY: &'static str;
    /// Finds the object `id` as the caller may see it (404 otherwise); with `changing`, also
    /// checks that the caller may add or remove its evidence (403 otherwise). Returns its id.
    fn find(conn: &mut DbConn, caller: &Caller, id: &str, changing: bool) -> ApiResult<String>;
}

/// The body of `GET …/{id}/attachments`.
pub async fn list_of<H: Holder>(
    state: &AppState,
    caller: Caller,
    id: String,
) -> ApiResult<actix_web::web::Json<crate::http::Items<Attachment>>> {
    let items = state
        .db(move |conn| {
            let id = H::find(conn, &caller, &id, false)?;
            list(conn, H::ENTITY, &id)
        })
        .await?;
    Ok(actix_web::web::Json(crate::http::Items { items }))
}

/// The body of `POST …/{id}/attachments`: 201 with the attachment, audited.
pub async fn upload_to<H: Holder>(
    state: &AppState,
    caller: Caller,
    id: String,
    file: Upload,
) -> ApiResult<HttpResponse> {
    let a = state
        .tx(move |conn| {
            let id = H::find(conn, &caller, &id, true)?;
            let a = add(conn, &caller, H::ENTITY, &id, file.0.filename.as_deref(), &file.0.bytes)?;
            let action = format!("{}.attachment.add", H::ENTITY);
            crate::audit::record(conn, &caller, &action, H::ENTITY, &id, None::<&()>, Some(&a))?;
            Ok(a)
        })
        .await?;
    Ok(HttpResponse::Created().json(a))
}

/// The body of `GET …/{id}/attachments/{attachment_id}`.
pub async fn download_from<H: Holder>(
    state: &AppState,
    caller: Caller,
    id: String,
    attachment_id: String,
) -> ApiResult<HttpResponse> {
    let (meta, bytes) = state
        .db(move |conn| {
            let id = H::find(conn, &caller, &id, false)?;
            content(conn, H::ENTITY, &id, &attachment_id)
        })
        .await?;
    Ok(download(&meta, bytes, false))
}

/// The body of `DELETE …/{id}/attachments/{attachment_id}`: 204, audited.
pub async fn remove_from<H: Holder>(
    state: &AppState,
    caller: Caller,
    id: String,
    attachment_id: String,
) -> ApiResult<HttpResponse> {
    state
        .tx(move |conn| {
            let id = H::find(conn, &caller, &id, true)?;
            let a = remove(conn, H::ENTITY, &id, &attachment_id)?;
            let action = format!("{}.attachment.remove", H::ENTITY);
            crate::audit::record(conn, &caller, &action, H::ENTITY, &id, Some(&a), None::<&()>)
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// An attachment as it arrives, at most `MAX_FILE_BYTES` (413 naming `file` beyond). Extract it
/// after the caller, so an unauthenticated body is never read.
pub struct Upload(pub crate::extractors::FileBody);

impl actix_web::FromRequest for Upload {
    type Error = ApiError;
    type Future = std::pin::Pin<Box<dyn std::future::Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &actix_web::HttpRequest, payload: &mut actix_web::dev::Payload) -> Self::Future {
        let body = crate::extractors::file_body(req, payload, MAX_FILE_BYTES, || {
            let mib = MAX_FILE_BYTES / 1024 / 1024;
            ApiError::PayloadTooLarge(vec![Invalid::new(
                FILE_FIELD,
                tr!("单个附件不能超过 {mib} MiB", "a file may hold at most {mib} MiB"),
            )])
        });
        Box::pin(async move { body.await.map(Upload) })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_are_read_from_the_bytes() {
        assert_eq!(sniff(b"\xFF\xD8\xFF\xE0rest"), Some("image/jpeg"));
        assert_eq!(sniff(b"RIFF\0\0\0\0WEBPVP8 "), Some("image/webp"));
        assert_eq!(sniff(b"%PDF-1.7"), Some("application/pdf"));
        assert_eq!(sniff(b"<html><script>alert(1)</script>"), None);
        assert_eq!(sniff(b"GIF89a"), None);
    }

    #[test]
    fn names_lose_their_paths_and_controls() {
        assert_eq!(clean_name(Some("../../etc/passwd"), "pdf"), "passwd.pdf");
        assert_eq!(clean_name(Some("C:\\photos\\村口.JPEG"), "jpg"), "村口.JPEG");
        assert_eq!(clean_name(Some("a\"\r\nb.pdf"), "pdf"), "ab.pdf");
        assert_eq!(clean_name(Some("invoice.html"), "pdf"), "invoice.html.pdf");
        assert_eq!(clean_name(Some("photo\u{202e}gpj.exe"), "png"), "photogpj.exe.png");
        assert_eq!(clean_name(None, "pdf"), "attachment.pdf");
        assert_eq!(url_encode("村 a.jpg"), "%E6%9D%91%20a.jpg");
    }
}
