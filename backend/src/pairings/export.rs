//! Pairing exports (CSV or xlsx) with the list's filters, page by page (`sheets::export`).

use actix_web::{HttpRequest, HttpResponse, web};

use super::model::{Pairing, PairingQuery};
use super::store;
use crate::auth::Caller;
use crate::domain::Consent;
use crate::error::{ApiResult, ListErrors};
use crate::sheets::background::{self, ListExportParams, Listed, Queued};
use crate::sheets::export::{Export, Pages};
use crate::sheets::{Cell, ExportFormat};
use crate::state::AppState;

const PAGE: i64 = 500;
const HEADERS: [&str; 15] = [
    "县代码",
    "县",
    "省级代码",
    "牵头组织",
    "参与组织（已接受）",
    "帮扶类型",
    "结对渠道",
    "状态",
    "计划资金（元）",
    "计划项目数",
    "开始日期",
    "结束日期",
    "县级确认",
    "待复核",
    "创建时间",
];

fn row(p: &Pairing) -> Vec<Cell> {
    let lead = p.organizations.iter().find(|o| o.id == p.lead_organization_id).map(|o| o.name.clone()).unwrap_or_default();
    let accepted =
        p.organizations.iter().filter(|o| o.consent == Consent::Accepted).map(|o| o.name.as_str()).collect::<Vec<_>>().join("、");
    let date = |d: Option<chrono::NaiveDate>| Cell::text(d.map(|d| d.to_string()).unwrap_or_default());
    vec![
        Cell::text(p.county_code.clone()),
        Cell::text(p.county_name.clone()),
        Cell::text(p.province_code.clone()),
        Cell::text(lead),
        Cell::text(accepted),
        Cell::text(p.assistance_types.iter().map(|t| t.zh()).collect::<Vec<_>>().join("、")),
        Cell::text(p.channel.zh()),
        Cell::text(p.status.zh()),
        Cell::yuan(p.planned_funds),
        Cell::Count(p.planned_projects),
        date(p.start_date),
        date(p.end_date),
        Cell::text(p.confirmed_by.clone().unwrap_or_default()),
        Cell::text(if p.review_flag { "是" } else { "" }),
        Cell::text(crate::clock::in_china(p.created_at.naive_utc()).format("%Y-%m-%d %H:%M").to_string()),
    ]
}

/// Newest first, as the list.
fn pages(caller: Caller, mut query: PairingQuery) -> Pages {
    query.count = None; // a file needs no total, and counting would scan once per page
    Box::new(move |conn, before| {
        let (rows, _) = store::list(conn, &caller, &query, before.as_deref(), PAGE)?;
        let (rows, next) = crate::http::page_by_key(rows, PAGE, |r| r.id.clone());
        Ok((store::to_dtos(conn, &caller, &rows)?.iter().map(row).collect(), next))
    })
}

/// The pairings export, for the request and for a background job.
pub static LISTED: Listed = Listed { name: "pairings", default_format: ExportFormat::Xlsx, build };

fn build(caller: Caller, query: &str) -> ApiResult<(Export, Pages)> {
    let query: PairingQuery = crate::extractors::parse_query(query)?;
    let what = Export { stem: "pairings", sheet: "结对帮扶", headers: HEADERS.map(String::from).to_vec() };
    Ok((what, pages(caller, query)))
}

/// Export pairings with the list's filters
///
/// The pairings the list shows for the same filters (the caller's scope), newest first, with
/// Chinese headers and values; times in China Standard Time.
#[utoipa::path(
    get, path = "/api/v1/pairings/export", tag = "pairings", operation_id = "exportPairings",
    params(ListExportParams, PairingQuery),
    responses(
        (status = 200, description = "The file, in the `format` asked for (xlsx by default, streamed)",
         content((crate::http::RawFile = "text/csv"), (crate::http::RawFile = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))),
        Queued,
        ListErrors,
    ),
    security(("bearer" = []))
)]
pub async fn export_pairings(state: web::Data<AppState>, caller: Caller, req: HttpRequest) -> ApiResult<HttpResponse> {
    background::respond(&state, &req, caller, &LISTED).await
}
