//! Case exports (CSV or xlsx) with the list's filters, page by page (`sheets::export`).

use actix_web::{HttpRequest, HttpResponse, web};

use super::model::{Case, CaseQuery};
use super::store;
use crate::auth::Caller;
use crate::error::{ApiResult, ListErrors};
use crate::sheets::background::{self, ListExportParams, Listed, Queued};
use crate::sheets::export::{Export, Pages};
use crate::sheets::{Cell, ExportFormat};
use crate::state::AppState;

const PAGE: i64 = 500;
const HEADERS: [&str; 11] = [
    "案例标题",
    "案例征集",
    "报送组织",
    "省级代码",
    "品牌线",
    "状态",
    "可公开",
    "关联项目数",
    "到位资金（元）",
    "已受益人数",
    "涉及县",
];

fn row(c: &Case) -> Vec<Cell> {
    vec![
        Cell::text(c.title.clone()),
        Cell::text(c.collection_title.clone()),
        Cell::text(c.organization_name.clone()),
        Cell::text(c.province_code.clone()),
        Cell::text(c.line.zh()),
        Cell::text(c.status.zh()),
        Cell::text(if c.public { "是" } else { "否" }),
        Cell::Count(c.figures.projects),
        Cell::Yuan(c.figures.funds_in_place),
        Cell::Count(c.figures.beneficiaries_reached),
        Cell::text(c.county_codes.join(" ")),
    ]
}

fn pages(caller: Caller, query: CaseQuery) -> Pages {
    Box::new(move |conn, after| {
        let rows = store::page(conn, &caller, &query, after.as_deref(), PAGE)?;
        let (rows, next) = crate::http::page_by_key(rows, PAGE, store::cursor_key);
        Ok((store::to_dtos(conn, &caller, &rows, false)?.iter().map(row).collect(), next))
    })
}

/// The cases export, for the request and for a background job.
pub static LISTED: Listed = Listed { name: "cases", default_format: ExportFormat::Csv, build };

fn build(caller: Caller, query: &str) -> ApiResult<(Export, Pages)> {
    let query: CaseQuery = crate::extractors::parse_query(query)?;
    let what = Export { stem: "cases", sheet: "案例", headers: HEADERS.map(String::from).to_vec() };
    Ok((what, pages(caller, query)))
}

/// Export cases with the list's filters
#[utoipa::path(
    get, path = "/api/v1/cases/export", tag = "cases", operation_id = "exportCases",
    params(ListExportParams, CaseQuery),
    responses(
        (status = 200, description = "The file, in the `format` asked for (CSV by default, streamed)",
         content((crate::http::RawFile = "text/csv"), (crate::http::RawFile = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))),
        Queued,
        ListErrors,
    ),
    security(("bearer" = []))
)]
pub async fn export_cases(state: web::Data<AppState>, caller: Caller, req: HttpRequest) -> ApiResult<HttpResponse> {
    background::respond(&state, &req, caller, &LISTED).await
}
