//! One way to send an export, for every family: the family gives its headers and a function
//! that returns the next page of rows after a cursor; this writes them page by page, so a
//! national export never holds every row in memory. CSV is streamed as it is written; xlsx is
//! written in constant-memory mode to a temporary file, sent, and unlinked at once.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};

use super::{Cell, Csv, ExportFormat, XlsxRows};
use crate::db::{DbConn, DbPool};
use crate::error::{ApiError, ApiResult};

/// What the file is: its name's stem (`projects` → `projects-20261201.csv`), the sheet's name,
/// and the header row.
pub struct Export {
    pub stem: &'static str,
    pub sheet: &'static str,
    pub headers: Vec<String>,
}

/// The rows after a cursor (`None` for the first page), and the cursor of the page after them
/// (`None` at the end).
pub type Pages = Box<dyn FnMut(&mut DbConn, Option<String>) -> ApiResult<(Vec<Vec<Cell>>, Option<String>)> + Send>;

/// Calls `emit` with each page of rows until the end, or until `emit` says stop (the client
/// went away).
fn each_page(pool: &DbPool, mut pages: Pages, mut emit: impl FnMut(Vec<Vec<Cell>>) -> bool) -> ApiResult<()> {
    let mut conn = pool.get()?;
    let mut after = None;
    loop {
        let (rows, next) = pages(&mut conn, after)?;
        if !emit(rows) || next.is_none() {
            return Ok(());
        }
        after = next;
    }
}

/// The lines above an xlsx table: what it is and when it was exported (China Standard Time),
/// and the filters of the request (its query, without the format). A CSV file stays a bare
/// table, so that programs read it as one.
fn preamble(sheet: &str, query: &str, at: chrono::NaiveDateTime) -> Vec<String> {
    let filters: Vec<String> = form_urlencoded::parse(query.as_bytes())
        .filter(|(k, _)| k != "format")
        .map(|(k, v)| format!("{k}={v}"))
        .collect();
    vec![
        format!("{sheet}　导出时间：{}（北京时间）", crate::clock::in_china(at).format("%Y-%m-%d %H:%M")),
        format!("筛选条件：{}", if filters.is_empty() { "无".to_owned() } else { filters.join("；") }),
    ]
}

/// The export response in `format`, dated by `date` (`YYYYMMDD`), exported at `exported_at`.
pub async fn respond(
    req: &HttpRequest,
    pool: DbPool,
    format: ExportFormat,
    what: Export,
    exported_at: chrono::NaiveDateTime,
    pages: Pages,
) -> ApiResult<HttpResponse> {
    let date = crate::clock::in_china(exported_at).format("%Y%m%d").to_string();
    let Export { stem, sheet, headers } = what;
    let preamble = preamble(sheet, req.query_string(), exported_at);
    match format {
        ExportFormat::Csv => {
            let (tx, rx) = tokio::sync::mpsc::channel::<Result<web::Bytes, ApiError>>(4);
            std::thread::spawn(move || {
                let head = Csv::start(&headers.iter().map(String::as_str).collect::<Vec<_>>())
                    .and_then(Csv::into_bytes)
                    .map(web::Bytes::from);
                if tx.blocking_send(head).is_err() {
                    return;
                }
                let result = each_page(&pool, pages, |page| {
                    let mut csv = Csv::more();
                    let chunk = page.iter().try_for_each(|r| csv.row(r)).and_then(|()| csv.into_bytes());
                    tx.blocking_send(chunk.map(web::Bytes::from)).is_ok()
                });
                if let Err(e) = result {
                    let _ = tx.blocking_send(Err(e));
                }
            });
            let body = futures_util::stream::unfold(rx, |mut rx| async move { rx.recv().await.map(|item| (item, rx)) });
            Ok(HttpResponse::Ok()
                .content_type("text/csv; charset=utf-8")
                .insert_header((header::CONTENT_DISPOSITION, format!("attachment; filename=\"{stem}-{date}.csv\"")))
                .streaming(body))
        }
        ExportFormat::Xlsx => {
            let file = std::env::temp_dir().join(format!("zhuxiang-{stem}-{}.xlsx", uuid::Uuid::now_v7()));
            let path = file.clone();
            web::block(move || -> ApiResult<()> {
                let xerr = |e: rust_xlsxwriter::XlsxError| ApiError::Internal(anyhow::anyhow!("xlsx: {e}"));
                let mut book = rust_xlsxwriter::Workbook::new();
                let ws = book.add_worksheet_with_constant_memory().map_err(xerr)?;
                ws.set_name(sheet).map_err(xerr)?;
                let headers: Vec<&str> = headers.iter().map(String::as_str).collect();
                let bold = rust_xlsxwriter::Format::new().set_bold();
                let mut out = XlsxRows::start_after(ws, &preamble, &headers, &bold).map_err(xerr)?;
                let mut failed = None;
                each_page(&pool, pages, |page| match page.iter().try_for_each(|r| out.row(r)) {
                    Ok(()) => true,
                    Err(e) => {
                        failed = Some(e);
                        false
                    }
                })?;
                if let Some(e) = failed {
                    return Err(xerr(e));
                }
                book.save(&path).map_err(xerr)
            })
            .await??;
            // Sent from the open file, which is unlinked at once: nothing is left behind.
            let named = actix_files::NamedFile::open_async(&file).await.map_err(|e| ApiError::Internal(e.into()))?;
            let _ = std::fs::remove_file(&file);
            let mut res = named.into_response(req);
            res.headers_mut().insert(
                header::CONTENT_DISPOSITION,
                header::HeaderValue::from_str(&format!("attachment; filename=\"{stem}-{date}.xlsx\""))
                    .map_err(|e| ApiError::Internal(e.into()))?,
            );
            Ok(res)
        }
    }
}
