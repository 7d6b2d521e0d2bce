//! A report's PDF, and a year's accepted reports in one download: their figures as one
//! spreadsheet, and their PDFs as one zip.

use std::io::Write;

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};
use diesel::prelude::*;

use super::model::{ReportQuery, YearEndReport, YearQuery};
use super::{document, store};
use crate::auth::Caller;
use crate::db::DbConn;
use crate::db::schema::year_end_reports;
use crate::domain::year_end::ReportStatus;
use crate::error::{ApiError, ApiResult, Problem, ReadErrors};
use crate::sheets::export::{self, Export};
use crate::sheets::{Cell, ExportFormat, ExportParams};
use crate::state::AppState;

/// `attachment; filename*=UTF-8''…` for a name with Chinese in it, with an ASCII fallback.
fn disposition(name: &str, fallback: &str) -> String {
    let encoded: String = form_urlencoded::byte_serialize(name.as_bytes()).collect::<String>().replace('+', "%20");
    format!("attachment; filename=\"{fallback}\"; filename*=UTF-8''{encoded}")
}

fn attachment_names(conn: &mut DbConn, report_id: &str) -> ApiResult<Vec<String>> {
    Ok(crate::attachments::list(conn, store::ENTITY, report_id)?.into_iter().map(|a| a.filename).collect())
}

/// The PDF of one report, rendered off the request thread.
async fn pdf_of(report: YearEndReport, attachments: Vec<String>) -> ApiResult<Vec<u8>> {
    web::block(move || document::render(&report, &attachments)).await.map_err(|e| ApiError::Internal(e.into()))?
}

/// A report as PDF
///
/// The figures table (as submitted, or live while it is written), the five sections, the
/// signatures and the attachments' names, in Chinese. 503 when the server was built without
/// its font.
#[utoipa::path(
    get, path = "/api/v1/year-end-reports/{id}.pdf", tag = "year-end-reports", operation_id = "getYearEndReportPdf",
    params(("id" = String, Path, description = "Report id")),
    responses(
        (status = 200, description = "The PDF", content((crate::http::RawFile = "application/pdf"))),
        (status = 503, description = "The server has no font to write Chinese with", body = Problem, content_type = "application/problem+json"),
        ReadErrors,
    ),
    security(("bearer" = []))
)]
pub async fn get_year_end_report_pdf(state: web::Data<AppState>, caller: Caller, id: web::Path<String>) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let (report, attachments) = state
        .db(move |conn| {
            let row = store::visible_row(conn, &caller, &id)?;
            Ok((store::one(conn, &caller, &row)?, attachment_names(conn, &row.id)?))
        })
        .await?;
    let name = document::file_name(&report);
    let fallback = format!("year-end-report-{}-{}.pdf", report.province_code, report.year);
    let bytes = pdf_of(report, attachments).await?;
    Ok(HttpResponse::Ok()
        .content_type("application/pdf")
        .insert_header((header::CONTENT_DISPOSITION, disposition(&name, &fallback)))
        .body(bytes))
}

/// The accepted reports of a year, with live figures, by province code.
fn accepted(conn: &mut DbConn, caller: &Caller, year: i64) -> ApiResult<Vec<YearEndReport>> {
    let query = ReportQuery { year: Some(year), status: Some(ReportStatus::Accepted), ..ReportQuery::default() };
    let rows = store::filtered(caller, &query)
        .order(year_end_reports::province_code.asc())
        .select(super::model::ReportRow::as_select())
        .load(conn)?;
    store::to_dtos(conn, caller, &rows, false)
}

/// The figures of a year's accepted reports
///
/// One row per province, the figures as each report was accepted. National admins.
#[utoipa::path(
    get, path = "/api/v1/year-end-reports/export", tag = "year-end-reports", operation_id = "exportYearEndReports",
    params(YearQuery, ExportParams),
    responses(
        (status = 200, description = "The file, in the `format` asked for (CSV by default)",
         content((crate::http::RawFile = "text/csv"), (crate::http::RawFile = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))),
        (status = 403, description = "Not a national admin", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Year out of range", body = Problem, content_type = "application/problem+json"),
        ReadErrors,
    ),
    security(("bearer" = []))
)]
pub async fn export_year_end_reports(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    year: crate::extractors::Query<YearQuery>,
    params: crate::extractors::Query<ExportParams>,
) -> ApiResult<HttpResponse> {
    store::require_national(&caller)?;
    let year = year.year;
    store::check_year(year)?;
    let now = caller.now;
    let reports = state.db(move |conn| accepted(conn, &caller, year)).await?;
    // the columns: every figure any report has, in the order they first appear
    let mut keys: Vec<(String, String)> = vec![];
    for f in reports.iter().flat_map(|r| r.figures.iter().flatten()) {
        if !keys.iter().any(|(k, _)| k == &f.key) {
            keys.push((f.key.clone(), f.label_zh.clone()));
        }
    }
    let mut headers: Vec<String> = ["省份", "年度", "报送时间", "接收时间"].map(String::from).to_vec();
    headers.extend(keys.iter().map(|(_, label)| label.clone()));
    let at = |t: Option<chrono::DateTime<chrono::Utc>>| {
        Cell::text(t.map(|t| crate::clock::in_china(t.naive_utc()).format("%Y-%m-%d %H:%M").to_string()).unwrap_or_default())
    };
    let rows: Vec<Vec<Cell>> = reports
        .iter()
        .map(|r| {
            let mut row = vec![Cell::text(r.province_name.clone()), Cell::Count(r.year), at(r.submitted_at), at(r.accepted_at)];
            for (key, _) in &keys {
                let figure = r.figures.iter().flatten().find(|f| &f.key == key);
                row.push(match figure {
                    Some(f) if f.kind == "money" => serde_json::from_value(serde_json::Value::String(f.value.clone()))
                        .map(Cell::Yuan)
                        .unwrap_or_else(|_| Cell::text(f.value.clone())),
                    Some(f) => f.value.parse().map(Cell::Count).unwrap_or_else(|_| Cell::text(f.value.clone())),
                    None => Cell::text(""),
                });
            }
            row
        })
        .collect();
    let mut pages = Some(rows);
    let what = Export { stem: "year-end-reports", sheet: "年度报告", headers };
    let format = params.format.unwrap_or(ExportFormat::Csv);
    export::respond(&req, state.pool.clone(), format, what, now, Box::new(move |_, _| Ok((pages.take().unwrap_or_default(), None)))).await
}

/// The PDFs of a year's accepted reports, as one zip
///
/// One PDF per province, named by province. National admins.
#[utoipa::path(
    get, path = "/api/v1/year-end-reports/pdfs", tag = "year-end-reports", operation_id = "downloadYearEndReportPdfs",
    params(YearQuery),
    responses(
        (status = 200, description = "The zip", content((crate::http::RawFile = "application/zip"))),
        (status = 403, description = "Not a national admin", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Year out of range", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "The server has no font to write Chinese with", body = Problem, content_type = "application/problem+json"),
        ReadErrors,
    ),
    security(("bearer" = []))
)]
pub async fn download_year_end_report_pdfs(
    state: web::Data<AppState>,
    caller: Caller,
    year: crate::extractors::Query<YearQuery>,
) -> ApiResult<HttpResponse> {
    store::require_national(&caller)?;
    let year = year.year;
    store::check_year(year)?;
    let reports = state
        .db(move |conn| {
            let mut out = vec![];
            for r in accepted(conn, &caller, year)? {
                let names = attachment_names(conn, &r.id)?;
                out.push((r, names));
            }
            Ok(out)
        })
        .await?;
    // at most one report per province: 31 PDFs of tens of kilobytes each, written in memory
    let zip = web::block(move || -> ApiResult<Vec<u8>> {
        let zerr = |e: zip::result::ZipError| ApiError::Internal(anyhow::anyhow!("zip: {e}"));
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        // PDFs are compressed already
        let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
        for (report, attachments) in &reports {
            let bytes = document::render(report, attachments)?;
            zip.start_file(document::file_name(report), options).map_err(zerr)?;
            zip.write_all(&bytes).map_err(|e| ApiError::Internal(e.into()))?;
        }
        Ok(zip.finish().map_err(zerr)?.into_inner())
    })
    .await
    .map_err(|e| ApiError::Internal(e.into()))??;
    let name = format!("{year}年度报告.zip");
    Ok(HttpResponse::Ok()
        .content_type("application/zip")
        .insert_header((header::CONTENT_DISPOSITION, disposition(&name, &format!("year-end-reports-{year}.zip"))))
        .body(zip))
}
