//! Training exports (CSV or xlsx) with the list's filters, page by page (`sheets::export`).

use actix_web::{HttpRequest, HttpResponse, web};

use super::model::{Training, TrainingQuery};
use super::store;
use crate::auth::Caller;
use crate::error::{ApiResult, ListErrors};
use crate::sheets::background::{self, ListExportParams, Listed, Queued};
use crate::sheets::export::{Export, Pages};
use crate::sheets::{Cell, ExportFormat};
use crate::state::AppState;

const PAGE: i64 = 500;
const HEADERS: [&str; 11] =
    ["培训名称", "主办层级", "主办单位", "开始日期", "结束日期", "形式", "地点", "主题", "状态", "培训组织数", "培训人次"];

fn row(t: &Training) -> Vec<Cell> {
    vec![
        Cell::text(t.title.clone()),
        Cell::text(t.organizer_level.zh()),
        Cell::text(t.organizer.clone()),
        Cell::text(t.starts_on.to_string()),
        Cell::text(t.ends_on.to_string()),
        Cell::text(t.mode.zh()),
        Cell::text(t.place.clone()),
        Cell::text(t.topics.join("、")),
        Cell::text(t.status.zh()),
        Cell::Count(t.organizations),
        Cell::Count(t.head_count),
    ]
}

fn pages(caller: Caller, query: TrainingQuery) -> Pages {
    Box::new(move |conn, after| {
        let rows = store::page(conn, &query, after.as_deref(), PAGE)?;
        let (rows, next) = crate::http::page_by_key(rows, PAGE, store::cursor_key);
        Ok((store::to_dtos(conn, &caller, &rows, false)?.iter().map(row).collect(), next))
    })
}

/// The trainings export, for the request and for a background job.
pub static LISTED: Listed = Listed { name: "trainings", default_format: ExportFormat::Csv, build };

fn build(caller: Caller, query: &str) -> ApiResult<(Export, Pages)> {
    let query: TrainingQuery = crate::extractors::parse_query(query)?;
    query.check()?;
    let what = Export { stem: "trainings", sheet: "培训", headers: HEADERS.map(String::from).to_vec() };
    Ok((what, pages(caller, query)))
}

/// Export trainings with the list's filters
#[utoipa::path(
    get, path = "/api/v1/trainings/export", tag = "trainings", operation_id = "exportTrainings",
    params(ListExportParams, TrainingQuery),
    responses(
        (status = 200, description = "The file, in the `format` asked for (CSV by default, streamed)",
         content((crate::http::RawFile = "text/csv"), (crate::http::RawFile = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))),
        Queued,
        ListErrors,
    ),
    security(("bearer" = []))
)]
pub async fn export_trainings(state: web::Data<AppState>, caller: Caller, req: HttpRequest) -> ApiResult<HttpResponse> {
    background::respond(&state, &req, caller, &LISTED).await
}
