//! Project exports (CSV or xlsx) with the list's filters, produced page by page so a national
//! export never holds every project in memory: CSV is streamed as it is written, xlsx is written
//! in constant-memory mode to a temporary file and then sent. Cells go through `sheets::write`:
//! titles and names are inert text, amounts and counts numbers.

use actix_web::http::header;
use actix_web::{HttpResponse, web};
use serde::Deserialize;
use utoipa::IntoParams;

use super::model::{Project, ProjectQuery, ProjectSort};
use super::store;
use crate::auth::Caller;
use crate::db::DbPool;
use crate::domain::Consent;
use crate::domain::project::ProjectRole;
use crate::error::{ApiError, ApiResult, ListErrors};
use crate::sheets::ExportFormat;
use crate::sheets::{Cell, Csv, XlsxRows};
use crate::state::AppState;

const PAGE: i64 = 1000;
pub const HEADERS: [&str; 15] = [
    "项目名称",
    "县级代码",
    "县",
    "省级代码",
    "牵头组织",
    "帮扶类型",
    "状态",
    "计划资金（元）",
    "到位资金（元）",
    "计划受益人数",
    "已受益人数",
    "政府购买服务",
    "合同编号",
    "最近进展",
    "是否停滞",
];

/// One project as an export row: amounts and counts are numbers, the rest is text.
fn row(p: &Project) -> [Cell; 15] {
    // The lead counts once it has accepted (an invited organization is not attached yet).
    let lead = p
        .organizations
        .iter()
        .find(|o| o.role == ProjectRole::Lead && o.consent == Consent::Accepted)
        .map(|o| o.name.clone())
        .unwrap_or_default();
    let yes_no = |b: bool| Cell::text(if b { "是" } else { "否" });
    [
        Cell::text(p.title.clone()),
        Cell::text(p.county_code.clone()),
        Cell::text(p.county_name.clone()),
        Cell::text(p.province_code.clone()),
        Cell::text(lead),
        Cell::text(p.assistance_type.zh()),
        Cell::text(p.status.zh()),
        Cell::Yuan(p.planned_funds),
        Cell::Yuan(p.funds_in_place),
        Cell::Count(p.beneficiaries_planned),
        Cell::Count(p.beneficiaries_reached),
        yes_no(p.government_purchase),
        Cell::text(p.contract_number.clone().unwrap_or_default()),
        Cell::text(p.last_activity_at.format("%Y-%m-%d").to_string()),
        yes_no(p.stale),
    ]
}

/// Calls `emit` with each page of projects in the list's order until the end or until `emit`
/// says stop (the client went away).
fn each_page(
    pool: &DbPool,
    caller: &Caller,
    query: &ProjectQuery,
    mut emit: impl FnMut(Vec<Project>) -> bool,
) -> ApiResult<()> {
    let mut conn = pool.get()?;
    let sort = query.sort.unwrap_or(ProjectSort::UpdatedDesc);
    let mut after: Option<String> = None;
    loop {
        let rows = store::page(&mut conn, caller, query, after.as_deref(), PAGE, caller.now)?;
        let more = rows.len() as i64 > PAGE;
        let rows = &rows[..rows.len().min(PAGE as usize)];
        after = rows.last().map(|r| store::cursor_key(r, sort));
        if !emit(store::to_dtos(&mut conn, caller, rows, false)?) || !more {
            return Ok(());
        }
    }
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ExportParams {
    /// `csv` (default) or `xlsx`.
    pub format: Option<ExportFormat>,
}

/// Export projects with the list's filters
#[utoipa::path(
    get, path = "/api/v1/projects/export", tag = "projects", operation_id = "exportProjects",
    params(ExportParams, ProjectQuery),
    responses(
        (status = 200, description = "The file, in the `format` asked for (CSV by default, streamed)",
         content((crate::http::RawFile = "text/csv"), (crate::http::RawFile = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))),
        ListErrors,
    ),
    security(("bearer" = []))
)]
pub async fn export_projects(
    state: web::Data<AppState>,
    caller: Caller,
    req: actix_web::HttpRequest,
    params: crate::extractors::Query<ExportParams>,
    query: crate::extractors::Query<ProjectQuery>,
) -> ApiResult<HttpResponse> {
    let query = query.into_inner();
    let pool = state.pool.clone();
    let date = caller.now.format("%Y%m%d");
    match params.format.unwrap_or(ExportFormat::Csv) {
        ExportFormat::Csv => {
            let (tx, rx) = tokio::sync::mpsc::channel::<Result<web::Bytes, ApiError>>(4);
            std::thread::spawn(move || {
                let head = Csv::start(&HEADERS).and_then(Csv::into_bytes).map(web::Bytes::from);
                if tx.blocking_send(head).is_err() {
                    return;
                }
                let result = each_page(&pool, &caller, &query, |page| {
                    let mut csv = Csv::more();
                    let chunk = page.iter().try_for_each(|p| csv.row(&row(p))).and_then(|()| csv.into_bytes());
                    tx.blocking_send(chunk.map(web::Bytes::from)).is_ok()
                });
                if let Err(e) = result {
                    let _ = tx.blocking_send(Err(e));
                }
            });
            let body = futures_util::stream::unfold(rx, |mut rx| async move { rx.recv().await.map(|item| (item, rx)) });
            Ok(HttpResponse::Ok()
                .content_type("text/csv; charset=utf-8")
                .insert_header((header::CONTENT_DISPOSITION, format!("attachment; filename=\"projects-{date}.csv\"")))
                .streaming(body))
        }
        ExportFormat::Xlsx => {
            let file = tempfile_path();
            let path = file.clone();
            web::block(move || -> ApiResult<()> {
                let xerr = |e: rust_xlsxwriter::XlsxError| ApiError::Internal(anyhow::anyhow!("xlsx: {e}"));
                let mut book = rust_xlsxwriter::Workbook::new();
                let sheet = book.add_worksheet_with_constant_memory().map_err(xerr)?;
                sheet.set_name("项目").map_err(xerr)?;
                let mut out = XlsxRows::start(sheet, &HEADERS, &rust_xlsxwriter::Format::new()).map_err(xerr)?;
                let mut failed = None;
                each_page(&pool, &caller, &query, |page| match page.iter().try_for_each(|p| out.row(&row(p))) {
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
            let mut res = named.into_response(&req);
            res.headers_mut().insert(
                header::CONTENT_DISPOSITION,
                header::HeaderValue::from_str(&format!("attachment; filename=\"projects-{date}.xlsx\""))
                    .map_err(|e| ApiError::Internal(e.into()))?,
            );
            Ok(res)
        }
    }
}

fn tempfile_path() -> std::path::PathBuf {
    std::env::temp_dir().join(format!("zhuxiang-projects-{}.xlsx", uuid::Uuid::now_v7()))
}
