//! Project exports (CSV or xlsx) with the list's filters, page by page (`sheets::export`). Cells
//! go through `sheets::write`: titles and names are inert text, amounts and counts numbers.

use actix_web::{HttpResponse, web};

use super::model::{ProjectQuery, ProjectSort, ProjectSummary};
use super::store;
use crate::auth::Caller;
use crate::domain::Consent;
use crate::domain::project::ProjectRole;
use crate::error::{ApiResult, ListErrors};
use crate::sheets::background::{self, ListExportParams, Listed, Queued};
use crate::sheets::export::{Export, Pages};
use crate::sheets::{Cell, ExportFormat};
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
fn row(p: &ProjectSummary) -> [Cell; 15] {
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
        Cell::yuan(p.planned_funds),
        Cell::yuan(p.funds_in_place),
        Cell::Count(p.beneficiaries_planned),
        Cell::Count(p.beneficiaries_reached),
        yes_no(p.government_purchase),
        Cell::text(p.contract_number.clone().unwrap_or_default()),
        Cell::text(p.last_activity_at.format("%Y-%m-%d").to_string()),
        yes_no(p.stale),
    ]
}

/// The project pages in the list's order, as export rows.
fn pages(caller: Caller, query: ProjectQuery) -> Pages {
    let sort = query.sort.unwrap_or(ProjectSort::UpdatedDesc);
    Box::new(move |conn, after| {
        let rows = store::page(conn, &caller, &query, after.as_deref(), PAGE, caller.now)?;
        let (rows, next) = crate::http::page_by_key(rows, PAGE, |l| store::cursor_key(&l.row, sort));
        Ok((store::summaries(&caller, rows)?.iter().map(|p| row(p).to_vec()).collect(), next))
    })
}

/// The projects export, for the request and for a background job.
pub static LISTED: Listed = Listed { name: "projects", default_format: ExportFormat::Csv, build };

fn build(caller: Caller, query: &str) -> ApiResult<(Export, Pages)> {
    let query: ProjectQuery = crate::extractors::parse_query(query)?;
    query.check()?;
    let what = Export { stem: "projects", sheet: "项目", headers: HEADERS.map(String::from).to_vec() };
    Ok((what, pages(caller, query)))
}

/// Export projects with the list's filters
#[utoipa::path(
    get, path = "/api/v1/projects/export", tag = "projects", operation_id = "exportProjects",
    params(ListExportParams, ProjectQuery),
    responses(
        (status = 200, description = "The file, in the `format` asked for (CSV by default, streamed)",
         content((crate::http::RawFile = "text/csv"), (crate::http::RawFile = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))),
        Queued,
        ListErrors,
    ),
    security(("bearer" = []))
)]
pub async fn export_projects(state: web::Data<AppState>, caller: Caller, req: actix_web::HttpRequest) -> ApiResult<HttpResponse> {
    background::respond(&state, &req, caller, &LISTED).await
}
