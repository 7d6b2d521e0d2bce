//! Brand exports (CSV or xlsx) with the list's filters, page by page (`sheets::export`), with
//! the dossier's figures as numbers.

use actix_web::{HttpRequest, HttpResponse, web};

use super::model::{Brand, BrandQuery, BrandSort};
use super::store;
use crate::auth::Caller;
use crate::error::{ApiResult, ListErrors};
use crate::sheets::background::{self, ListExportParams, Listed, Queued};
use crate::sheets::export::{Export, Pages};
use crate::sheets::{Cell, ExportFormat};
use crate::state::AppState;

const PAGE: i64 = 500;
const HEADERS: [&str; 14] = [
    "品牌名称",
    "品牌线",
    "方向",
    "所属组织",
    "省级代码",
    "状态",
    "创立年份",
    "项目数",
    "覆盖县数",
    "其中重点帮扶县",
    "计划资金（元）",
    "到位资金（元）",
    "已受益人数",
    "落地率",
];

fn row(b: &Brand) -> Vec<Cell> {
    let d = &b.dossier;
    let focus = b.focus.iter().map(|f| f.zh()).collect::<Vec<_>>().join("、");
    vec![
        Cell::text(b.name.clone()),
        Cell::text(b.line.zh()),
        Cell::text(focus),
        Cell::text(b.owner_organization_name.clone()),
        Cell::text(b.province_code.clone()),
        Cell::text(b.status.zh()),
        Cell::text(b.started_year.map(|y| y.to_string()).unwrap_or_default()),
        Cell::Count(d.projects),
        Cell::Count(d.counties_reached),
        Cell::Count(d.key_counties_reached),
        Cell::Yuan(d.funds_planned),
        Cell::Yuan(d.funds_in_place),
        Cell::Count(d.beneficiaries_reached),
        Cell::text(format!("{:.0}%", d.landed_ratio * 100.0)),
    ]
}

fn pages(caller: Caller, query: BrandQuery) -> Pages {
    let sort = query.sort.unwrap_or(BrandSort::UpdatedDesc);
    Box::new(move |conn, after| {
        let rows = store::page(conn, &caller, &query, after.as_deref(), PAGE)?;
        let (rows, next) = crate::http::page_by_key(rows, PAGE, |r| store::cursor_key(r, sort));
        Ok((store::to_dtos(conn, &caller, &rows, false)?.iter().map(row).collect(), next))
    })
}

/// The brands export, for the request and for a background job.
pub static LISTED: Listed = Listed { name: "brands", default_format: ExportFormat::Csv, build };

fn build(caller: Caller, query: &str) -> ApiResult<(Export, Pages)> {
    let query: BrandQuery = crate::extractors::parse_query(query)?;
    let what = Export { stem: "brands", sheet: "公益品牌", headers: HEADERS.map(String::from).to_vec() };
    Ok((what, pages(caller, query)))
}

/// Export brands with the list's filters
#[utoipa::path(
    get, path = "/api/v1/brands/export", tag = "brands", operation_id = "exportBrands",
    params(ListExportParams, BrandQuery),
    responses(
        (status = 200, description = "The file, in the `format` asked for (CSV by default, streamed)",
         content((crate::http::RawFile = "text/csv"), (crate::http::RawFile = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))),
        Queued,
        ListErrors,
    ),
    security(("bearer" = []))
)]
pub async fn export_brands(state: web::Data<AppState>, caller: Caller, req: HttpRequest) -> ApiResult<HttpResponse> {
    background::respond(&state, &req, caller, &LISTED).await
}
