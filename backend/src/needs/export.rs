//! Need exports (CSV or xlsx) with the list's filters, page by page (`sheets::export`).

use actix_web::{HttpRequest, HttpResponse, web};

use super::model::{Need, NeedQuery};
use super::store;
use crate::auth::Caller;
use crate::error::{ApiResult, ListErrors};
use crate::sheets::background::{self, ListExportParams, Listed, Queued};
use crate::sheets::export::{Export, Pages};
use crate::sheets::{Cell, ExportFormat};
use crate::state::AppState;

const PAGE: i64 = 500;
const HEADERS: [&str; 11] =
    ["县代码", "县", "省级代码", "帮扶类型", "需求标题", "需求说明", "预算估算（元）", "预计受益人数", "优先级", "状态", "提出时间"];

fn row(n: &Need) -> Vec<Cell> {
    vec![
        Cell::text(n.county_code.clone()),
        Cell::text(n.county_name.clone()),
        Cell::text(n.province_code.clone()),
        Cell::text(n.assistance_type.zh()),
        Cell::text(n.title.clone()),
        Cell::text(n.description.clone()),
        Cell::yuan(n.budget_estimate),
        Cell::Count(n.beneficiaries),
        Cell::text(n.priority.zh()),
        Cell::text(n.status.zh()),
        Cell::text(crate::clock::in_china(n.created_at.naive_utc()).format("%Y-%m-%d %H:%M").to_string()),
    ]
}

/// Newest first, as the list.
fn pages(caller: Caller, mut query: NeedQuery) -> Pages {
    query.count = None; // a file needs no total, and counting would scan once per page
    Box::new(move |conn, before| {
        let (rows, _) = store::list(conn, &caller, &query, before.as_deref(), PAGE)?;
        let (rows, next) = crate::http::page_by_key(rows, PAGE, |r| r.id.clone());
        Ok((store::to_dtos(conn, &rows)?.iter().map(row).collect(), next))
    })
}

/// The needs export, for the request and for a background job.
pub static LISTED: Listed = Listed { name: "needs", default_format: ExportFormat::Xlsx, build };

fn build(caller: Caller, query: &str) -> ApiResult<(Export, Pages)> {
    let query: NeedQuery = crate::extractors::parse_query(query)?;
    let what = Export { stem: "needs", sheet: "需求对接", headers: HEADERS.map(String::from).to_vec() };
    Ok((what, pages(caller, query)))
}

/// Export needs with the list's filters
///
/// The needs the list shows for the same filters (the caller's scope), newest first, with
/// Chinese headers and values; times in China Standard Time.
#[utoipa::path(
    get, path = "/api/v1/needs/export", tag = "needs", operation_id = "exportNeeds",
    params(ListExportParams, NeedQuery),
    responses(
        (status = 200, description = "The file, in the `format` asked for (xlsx by default, streamed)",
         content((crate::http::RawFile = "text/csv"), (crate::http::RawFile = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))),
        Queued,
        ListErrors,
    ),
    security(("bearer" = []))
)]
pub async fn export_needs(state: web::Data<AppState>, caller: Caller, req: HttpRequest) -> ApiResult<HttpResponse> {
    background::respond(&state, &req, caller, &LISTED).await
}
