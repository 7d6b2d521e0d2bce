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
/// and the filters of the request (its query, without the format and `background`). A CSV file stays a bare
/// table, so that programs read it as one.
fn preamble(sheet: &str, query: &str, at: chrono::NaiveDateTime) -> Vec<String> {
    let filters: Vec<String> = form_urlencoded::parse(query.as_bytes())
        .filter(|(k, _)| k != "format" && k != "background")
        .map(|(k, v)| format!("{k}={v}"))
        .collect();
    vec![
        format!("{sheet}　导出时间：{}（北京时间）", crate::clock::in_china(at).format("%Y-%m-%d %H:%M")),
        format!("筛选条件：{}", if filters.is_empty() { "无".to_owned() } else { filters.join("；") }),
    ]
}

/// The file's name (`projects-20261201.csv`) and type for an export made at `at`.
pub fn file_name_and_type(stem: &str, format: ExportFormat, at: chrono::NaiveDateTime) -> (String, &'static str) {
    let date = crate::clock::in_china(at).format("%Y%m%d");
    match format {
        ExportFormat::Csv => (format!("{stem}-{date}.csv"), "text/csv; charset=utf-8"),
        ExportFormat::Xlsx => (format!("{stem}-{date}.xlsx"), XLSX),
    }
}

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

fn xlsx_error(e: rust_xlsxwriter::XlsxError) -> ApiError {
    ApiError::Internal(anyhow::anyhow!("xlsx: {e}"))
}

/// A page of rows as CSV lines (the header is written once, by `Csv::start`).
fn csv_rows(page: &[Vec<Cell>]) -> ApiResult<Vec<u8>> {
    let mut csv = Csv::more();
    page.iter().try_for_each(|r| csv.row(r))?;
    csv.into_bytes()
}

/// The rows an xlsx sheet holds below the preamble and the header (Excel's 1,048,576 in all).
const XLSX_MAX_ROWS: usize = 1_048_576 - 8;

/// Writes the xlsx file at `path` in constant memory: the preamble, the header, then each page,
/// reporting each page's size to `on_page`. Beyond what a sheet holds, a 422 that says to narrow
/// the filters or export CSV.
fn write_xlsx(
    path: &std::path::Path,
    pool: &DbPool,
    what: Export,
    preamble: &[String],
    pages: Pages,
    mut on_page: impl FnMut(usize),
) -> ApiResult<()> {
    let Export { sheet, headers, .. } = what;
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet_with_constant_memory().map_err(xlsx_error)?;
    ws.set_name(sheet).map_err(xlsx_error)?;
    let headers: Vec<&str> = headers.iter().map(String::as_str).collect();
    let bold = rust_xlsxwriter::Format::new().set_bold();
    let mut out = XlsxRows::start_after(ws, preamble, &headers, &bold).map_err(xlsx_error)?;
    let (mut written, mut failed) = (0, None);
    each_page(pool, pages, |page| {
        written += page.len();
        if written > XLSX_MAX_ROWS {
            failed = Some(ApiError::field(
                "format",
                crate::tr!(
                    "Excel 工作表最多容纳约 104 万行：请缩小筛选范围，或导出 CSV",
                    "An Excel sheet holds about 1,040,000 rows: narrow the filters, or export CSV"
                ),
            ));
            return false;
        }
        match page.iter().try_for_each(|r| out.row(r)) {
            Ok(()) => {
                on_page(page.len());
                true
            }
            Err(e) => {
                failed = Some(xlsx_error(e));
                false
            }
        }
    })?;
    if let Some(e) = failed {
        return Err(e);
    }
    book.save(path).map_err(xlsx_error)
}

/// The whole file in memory, for a background export: at most `max` bytes, or a 422 that says
/// to narrow the filters. `query` is the request's, for the xlsx preamble.
#[allow(clippy::too_many_arguments)]
pub fn write_file(
    pool: &DbPool,
    format: ExportFormat,
    what: Export,
    query: &str,
    exported_at: chrono::NaiveDateTime,
    pages: Pages,
    max: usize,
    mut on_page: impl FnMut(usize),
) -> ApiResult<Vec<u8>> {
    let mb = max / (1024 * 1024);
    let too_large = || {
        ApiError::Validation(vec![crate::error::Invalid::new(
            "query",
            crate::tr!(
                "导出文件超过 {mb} MB，请缩小筛选范围后再导出",
                "The export exceeds {mb} MB: narrow the filters and export again"
            ),
        )])
    };
    match format {
        ExportFormat::Csv => {
            let headers: Vec<&str> = what.headers.iter().map(String::as_str).collect();
            let mut file = Csv::start(&headers)?.into_bytes()?;
            let mut failed = None;
            each_page(pool, pages, |page| match csv_rows(&page) {
                Ok(chunk) if file.len() + chunk.len() <= max => {
                    file.extend_from_slice(&chunk);
                    on_page(page.len());
                    true
                }
                Ok(_) => {
                    failed = Some(too_large());
                    false
                }
                Err(e) => {
                    failed = Some(e);
                    false
                }
            })?;
            failed.map_or(Ok(file), Err)
        }
        ExportFormat::Xlsx => {
            let preamble = preamble(what.sheet, query, exported_at);
            let path = std::env::temp_dir().join(format!("zhuxiang-export-{}.xlsx", uuid::Uuid::now_v7()));
            let written = write_xlsx(&path, pool, what, &preamble, pages, on_page).and_then(|()| {
                let size = std::fs::metadata(&path).map_err(|e| ApiError::Internal(e.into()))?.len();
                if size > max as u64 {
                    return Err(too_large());
                }
                std::fs::read(&path).map_err(|e| ApiError::Internal(e.into()))
            });
            // removed whatever happened: a failed export leaves nothing behind
            let _ = std::fs::remove_file(&path);
            written
        }
    }
}

/// The export response in `format`, exported at `exported_at`: CSV streamed as it is written,
/// xlsx written to a temporary file first.
pub async fn respond(
    req: &HttpRequest,
    pool: DbPool,
    format: ExportFormat,
    what: Export,
    exported_at: chrono::NaiveDateTime,
    pages: Pages,
) -> ApiResult<HttpResponse> {
    let (name, content_type) = file_name_and_type(what.stem, format, exported_at);
    let disposition = format!("attachment; filename=\"{name}\"");
    match format {
        ExportFormat::Csv => {
            let headers = what.headers;
            let (tx, rx) = tokio::sync::mpsc::channel::<Result<web::Bytes, ApiError>>(4);
            std::thread::spawn(move || {
                let head = Csv::start(&headers.iter().map(String::as_str).collect::<Vec<_>>())
                    .and_then(Csv::into_bytes)
                    .map(web::Bytes::from);
                if tx.blocking_send(head).is_err() {
                    return;
                }
                let result =
                    each_page(&pool, pages, |page| tx.blocking_send(csv_rows(&page).map(web::Bytes::from)).is_ok());
                if let Err(e) = result {
                    let _ = tx.blocking_send(Err(e));
                }
            });
            let body = futures_util::stream::unfold(rx, |mut rx| async move { rx.recv().await.map(|item| (item, rx)) });
            Ok(HttpResponse::Ok()
                .content_type(content_type)
                .insert_header((header::CONTENT_DISPOSITION, disposition))
                .streaming(body))
        }
        ExportFormat::Xlsx => {
            let preamble = preamble(what.sheet, req.query_string(), exported_at);
            let file = std::env::temp_dir().join(format!("zhuxiang-{}-{}.xlsx", what.stem, uuid::Uuid::now_v7()));
            let path = file.clone();
            web::block(move || write_xlsx(&path, &pool, what, &preamble, pages, |_| {})).await??;
            // Sent from the open file, which is unlinked at once: nothing is left behind.
            let named = actix_files::NamedFile::open_async(&file).await.map_err(|e| ApiError::Internal(e.into()))?;
            let _ = std::fs::remove_file(&file);
            let mut res = named.into_response(req);
            res.headers_mut().insert(
                header::CONTENT_DISPOSITION,
                header::HeaderValue::from_str(&disposition).map_err(|e| ApiError::Internal(e.into()))?,
            );
            Ok(res)
        }
    }
}
